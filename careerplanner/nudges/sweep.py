"""The nudge sweep: finds every reminder that is due now and writes one Nudge row for each.

Each kind is one INSERT ... SELECT ... ON CONFLICT DO NOTHING, so the work stays in the
database: memory does not grow with the number of users, the number of queries does not
either, and a second sweep (or a second beat) inserts nothing new because of the unique key.

"Due" is decided in each person's own timezone: at any instant the timezones in use fall
into a few groups that share a local date and hour, and each group becomes one condition."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from allauth.account.models import EmailAddress
from django.db import connection, models
from django.db.models import Case, Exists, F, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Cast, Coalesce, Concat, Greatest
from django.utils import timezone

from careerplanner.accounts.models import User
from careerplanner.nudges.models import Nudge
from careerplanner.plans.models import CheckIn, Plan, PlanStep

DUE_SOON_DAYS = 3  # "due soon" means the target date is today or within this many days
STALLED_AFTER = timedelta(days=14)


@dataclass(frozen=True)
class LocalMoment:
    """What the clock says, at one instant, in a group of timezones."""

    day: date
    hour: int
    timezones: tuple[str, ...]

    @property
    def week(self) -> str:
        year, week, _ = self.day.isocalendar()
        return f"{year}-W{week:02d}"


def local_moments(now: datetime, timezones: list[str]) -> list[LocalMoment]:
    groups: dict[tuple[date, int], list[str]] = {}
    for name in timezones:
        try:
            local = now.astimezone(ZoneInfo(name))
        except (KeyError, ValueError):  # an unknown zone in the data: treat as UTC
            local = now.astimezone(ZoneInfo("UTC"))
        groups.setdefault((local.date(), local.hour), []).append(name)
    return [LocalMoment(day, hour, tuple(names)) for (day, hour), names in groups.items()]


def due(now: datetime) -> dict[str, models.QuerySet]:
    """For each kind, a query of the (user id, subject, period) rows due at `now`."""
    # order_by(): the model's default ordering would otherwise make DISTINCT per person.
    people = User.objects.filter(is_active=True).order_by()
    zones = list(people.values_list("timezone", flat=True).distinct())
    moments = local_moments(now, zones)
    if not moments:
        return {}
    return {
        Nudge.Kind.DUE_SOON: _due_soon(moments),
        Nudge.Kind.OVERDUE: _overdue(moments),
        Nudge.Kind.STALLED: _stalled(moments, now),
        Nudge.Kind.DIGEST: _digest(moments),
    }


def sweep(now: datetime | None = None) -> dict[str, int]:
    """Writes the Nudge rows due at `now`; returns how many of each kind were new."""
    now = now or timezone.now()
    return {kind: _insert(kind, rows, now) for kind, rows in due(now).items()}


def _reachable(prefix: str, kind: str) -> Q:
    """People who want this kind and can be emailed: active, with a verified address."""
    verified = EmailAddress.objects.filter(user_id=OuterRef(f"{prefix}pk"), verified=True)
    return Q(**{f"{prefix}is_active": True, f"{prefix}{Nudge.PREFERENCE[kind]}": True}) & Q(
        Exists(verified)
    )


def _hour_has_come(prefix: str, moments: list[LocalMoment], extra) -> Q:
    """For each timezone group: the person's nudge hour has come today, and `extra(moment)`."""
    condition = Q(pk__in=[])
    for moment in moments:
        condition |= Q(
            **{f"{prefix}timezone__in": moment.timezones, f"{prefix}nudge_hour__lte": moment.hour}
        ) & extra(moment)
    return condition


def _open_steps():
    return PlanStep.objects.visible().open().filter(plan__archived_at__isnull=True)


def _step_rows(steps):
    return steps.annotate(
        n_user=F("plan__owner_id"),
        n_subject=Concat(Value("step:"), Cast("id", models.CharField())),
        n_period=Cast("target_date", models.CharField()),
    ).values_list("n_user", "n_subject", "n_period")


def _due_soon(moments):
    within = _hour_has_come(
        "plan__owner__",
        moments,
        lambda m: Q(target_date__range=(m.day, m.day + timedelta(days=DUE_SOON_DAYS))),
    )
    return _step_rows(
        _open_steps().filter(within, _reachable("plan__owner__", Nudge.Kind.DUE_SOON))
    )


def _overdue(moments):
    late = _hour_has_come("plan__owner__", moments, lambda m: Q(target_date__lt=m.day))
    return _step_rows(_open_steps().filter(late, _reachable("plan__owner__", Nudge.Kind.OVERDUE)))


def _stalled(moments, now):
    last_step_change = (
        PlanStep.objects.filter(plan=OuterRef("pk")).order_by("-updated").values("updated")[:1]
    )
    last_checkin = (
        CheckIn.objects.filter(plan=OuterRef("pk")).order_by("-created").values("created")[:1]
    )
    plans = (
        Plan.objects.active()
        .annotate(
            last_activity=Greatest(
                F("created"),
                Coalesce(Subquery(last_step_change), F("created")),
                Coalesce(Subquery(last_checkin), F("created")),
            )
        )
        .filter(
            Exists(_open_steps().filter(plan=OuterRef("pk"))),
            _hour_has_come("owner__", moments, lambda m: Q()),
            _reachable("owner__", Nudge.Kind.STALLED),
            last_activity__lt=now - STALLED_AFTER,
        )
    )
    # One reminder per stall: the period is when activity stopped.
    return plans.annotate(
        n_user=F("owner_id"),
        n_subject=Concat(Value("plan:"), Cast("id", models.CharField())),
        n_period=Cast("last_activity", models.CharField()),
    ).values_list("n_user", "n_subject", "n_period")


def _digest(moments):
    people = User.objects.filter(
        _hour_has_come("", moments, lambda m: Q(digest_weekday=m.day.weekday())),
        _reachable("", Nudge.Kind.DIGEST),
        Exists(Plan.objects.active().filter(owner=OuterRef("pk"))),
    )
    week = Case(
        *[When(timezone__in=m.timezones, then=Value(m.week)) for m in moments],
        output_field=models.CharField(),
    )
    return people.annotate(n_user=F("pk"), n_subject=Value(""), n_period=week).values_list(
        "n_user", "n_subject", "n_period"
    )


def _insert(kind: str, rows, now: datetime) -> int:
    """INSERT ... SELECT the (user, subject, period) rows as queued nudges of `kind`."""
    select, params = rows.order_by().query.sql_with_params()
    table = Nudge._meta.db_table
    # Only the table name and the ORM's own SQL are formatted in; values go as parameters.
    columns = "user_id, subject, period, kind, status, due_at, attempts, last_error, claimed_by"
    sql = (
        f"INSERT INTO {table} ({columns}, created_at) "  # noqa: S608
        f"SELECT n.*, %s, %s, %s, 0, '', '', %s FROM ({select}) AS n WHERE 1=1 "
        "ON CONFLICT DO NOTHING"
    )
    with connection.cursor() as cursor:
        stamp = connection.ops.adapt_datetimefield_value(now)
        cursor.execute(sql, [kind, Nudge.Status.QUEUED, stamp, stamp, *params])
        return cursor.rowcount
