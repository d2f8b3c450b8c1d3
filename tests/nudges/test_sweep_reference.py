"""The sweep against a straightforward reference: two thousand people in four timezones,
ticked at uneven intervals for three and a half weeks across the spring DST changes of New
York, London and Lord Howe (and a day and a half without ticks), while they tick steps off,
log hours, move dates and change their hour. At every tick the sweep must write exactly the
Nudge rows that the reference finds due, and no others.

The reference reads the rules as the README states them, person by person, with nothing
stored: a person is looked at on the first tick of their local day at which their clock shows
their hour or later (again after they change timezone or hour), and then each kind is
checked against their plans as they are at that tick."""

import random
import uuid
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from allauth.account.models import EmailAddress

from careerplanner.accounts.models import User
from careerplanner.nudges.models import Nudge
from careerplanner.nudges.sweep import sweep
from careerplanner.plans.models import CheckIn, Plan, PlanStep
from careerplanner.reviews.models import ReviewRequest

pytestmark = pytest.mark.django_db

ZONES = ["America/New_York", "Europe/London", "Asia/Kolkata", "Australia/Lord_Howe"]
PEOPLE = 2000
START = datetime(2027, 3, 12, tzinfo=UTC)  # New York 14 March, London 28 March, Lord Howe 4 April
END = datetime(2027, 4, 6, tzinfo=UTC)
OUTAGE = (datetime(2027, 3, 20, 7, tzinfo=UTC), datetime(2027, 3, 21, 15, tzinfo=UTC))
WANTS = ("wants_due_soon", "wants_overdue", "wants_stalled", "wants_digest", "wants_re_review")


def seed(rng: random.Random) -> None:
    """People with every hour of the day, kinds turned off, unverified and inactive ones; one
    or two plans each (some archived) with steps due before, during and after the span."""
    users = User.objects.bulk_create(
        User(
            email=f"p{n}@example.com",
            timezone=ZONES[n % 4],
            nudge_hour=(n // 4 * 5) % 24,  # every hour in every zone
            digest_weekday=n % 7,
            is_active=n % 61 != 0,
            **{want: (n + i) % 9 != 0 for i, want in enumerate(WANTS)},
        )
        for n in range(PEOPLE)
    )
    EmailAddress.objects.bulk_create(
        EmailAddress(user=u, email=u.email, verified=n % 37 != 0, primary=True)
        for n, u in enumerate(users)
    )
    plans = Plan.objects.bulk_create(
        Plan(owner=u, title=f"Plan {k}", start_date=date(2027, 1, 1), hours_per_week=5)
        for n, u in enumerate(users)
        for k in range(1 + (n % 3 == 0))
    )
    steps = []
    for plan in plans:
        for position in range(6):
            target = START.date() + timedelta(days=rng.randint(-20, 30))
            status = rng.choice(["todo"] * 5 + ["doing", "done", "skipped", "had"])
            steps.append(
                PlanStep(
                    plan=plan,
                    stage="foundations",
                    title=f"Step {position}",
                    position=position,
                    status=status,
                    target_date=None if rng.random() < 0.08 else target,
                    removed_at=START if rng.random() < 0.05 else None,
                )
            )
    PlanStep.objects.bulk_create(steps)
    # Activity stopped at different times before the span, so plans go quiet during it.
    for plan in plans:
        quiet_since = START - timedelta(days=rng.randint(0, 20), minutes=rng.randint(0, 1439))
        Plan.objects.filter(pk=plan.pk).update(created=quiet_since - timedelta(days=30))
        PlanStep.objects.filter(plan=plan).update(updated=quiet_since - timedelta(days=1))
        if rng.random() < 0.5:
            CheckIn.objects.create(plan=plan, date=quiet_since.date(), hours=Decimal(2))
            CheckIn.objects.filter(plan=plan).update(created=quiet_since)
        else:
            PlanStep.objects.filter(plan=plan, position=0).update(updated=quiet_since)
        if rng.random() < 0.06:
            Plan.objects.filter(pk=plan.pk).update(archived_at=START)
        # Look-backs coming round before and during the span, or never; some already asked.
        if rng.random() < 0.7:
            due = START.date() + timedelta(days=rng.randint(-3, 24))
            Plan.objects.filter(pk=plan.pk).update(re_review_due=due)
        if rng.random() < 0.1:
            ReviewRequest.objects.create(plan=plan)


class Reference:
    """Who is due at each tick and what for, decided person by person from the rules."""

    def __init__(self):
        self.people = {u.pk: u for u in User.objects.all()}
        self.verified = set(
            EmailAddress.objects.filter(verified=True).values_list("user_id", flat=True)
        )
        self.looked_at: dict[int, datetime] = {}
        self.written: set[tuple] = set()

    def changed(self, user: User) -> None:
        """Their timezone or hour changed: today is looked at afresh."""
        self.people[user.pk] = user
        self.looked_at.pop(user.pk, None)

    def _due_now(self, user: User, now: datetime) -> bool:
        local = now.astimezone(ZoneInfo(user.timezone))
        if local.hour < user.nudge_hour:
            return False
        last = self.looked_at.get(user.pk)
        if last is None:
            return True
        last = last.astimezone(ZoneInfo(user.timezone))
        return not (last.date() == local.date() and last.hour >= user.nudge_hour)

    def tick(self, now: datetime) -> set[tuple]:
        due = [u for u in self.people.values() if self._due_now(u, now)]
        for user in due:
            self.looked_at[user.pk] = now
        ids = [u.pk for u in due]
        plans = defaultdict(list)
        asked = set(ReviewRequest.objects.open().values_list("plan_id", flat=True))
        for plan in Plan.objects.filter(owner_id__in=ids).values(
            "pk", "owner_id", "created", "archived_at", "re_review_due"
        ):
            plan["asked"] = plan["pk"] in asked
            plans[plan["owner_id"]].append(plan)
        steps = defaultdict(list)
        for step in PlanStep.objects.filter(plan__owner_id__in=ids).values(
            "pk", "plan_id", "status", "target_date", "removed_at", "updated"
        ):
            steps[step["plan_id"]].append(step)
        checkins = defaultdict(list)
        for plan_id, created in CheckIn.objects.filter(plan__owner_id__in=ids).values_list(
            "plan_id", "created"
        ):
            checkins[plan_id].append(created)
        found = set()
        for user in due:
            found |= self._reminders(user, now, plans[user.pk], steps, checkins)
        new = found - self.written
        self.written |= new
        return new

    def _wants(self, user: User, preference: str) -> bool:
        return user.is_active and user.pk in self.verified and getattr(user, preference)

    def _reminders(self, user, now, plans, steps, checkins) -> set[tuple]:
        today = now.astimezone(ZoneInfo(user.timezone)).date()
        out = set()
        active = [plan for plan in plans if plan["archived_at"] is None]
        for plan in active:
            open_steps = [
                s
                for s in steps[plan["pk"]]
                if s["removed_at"] is None and s["status"] in ("todo", "doing")
            ]
            for step in open_steps:
                target = step["target_date"]
                if target is None:
                    continue
                if today <= target <= today + timedelta(days=3):
                    if self._wants(user, "wants_due_soon"):
                        out.add((user.pk, "due_soon", step["pk"], str(target)))
                elif target < today and self._wants(user, "wants_overdue"):
                    out.add((user.pk, "overdue", step["pk"], str(target)))
            moments = [plan["created"], *checkins[plan["pk"]]]
            moments += [s["updated"] for s in steps[plan["pk"]]]
            quiet_since = max(moments)
            stalled = open_steps and quiet_since < now - timedelta(days=14)
            if stalled and self._wants(user, "wants_stalled"):
                out.add((user.pk, "stalled", plan["pk"], quiet_since))
            look_back = plan["re_review_due"]
            looking_back = look_back and look_back <= today and not plan["asked"]
            if looking_back and self._wants(user, "wants_re_review"):
                out.add((user.pk, "re_review", plan["pk"], str(look_back)))
        if active and today.weekday() == user.digest_weekday and self._wants(user, "wants_digest"):
            year, week, _ = today.isocalendar()
            out.add((user.pk, "digest", "", f"{year}-W{week:02d}"))
        return out


def as_compared(nudge: Nudge) -> tuple:
    """A Nudge row in the reference's terms: the database spells ids and instants its way."""
    subject = uuid.UUID(nudge.subject.split(":", 1)[1]) if nudge.subject else ""
    period = nudge.period
    if nudge.kind == Nudge.Kind.STALLED:
        period = datetime.fromisoformat(period)
        period = period.replace(tzinfo=UTC) if period.tzinfo is None else period
    return (nudge.user_id, nudge.kind, subject, period)


def ticks(rng: random.Random):
    now = START
    while now < END:
        yield now
        now += timedelta(minutes=rng.randint(3, 75), seconds=rng.randint(0, 59))
        if OUTAGE[0] <= now < OUTAGE[1]:
            now = OUTAGE[1]


def change_things(rng: random.Random, now: datetime, reference: Reference, step_ids) -> None:
    """What people do between two ticks, stamped with the time they do it."""
    with time_machine.travel(now + timedelta(seconds=1), tick=False):
        chosen = rng.sample(step_ids, rng.randint(0, 6))
        for step in PlanStep.objects.visible().open().filter(pk__in=chosen):
            action = rng.choice(["done", "hours", "move"])
            if action == "done":
                step.set_status(PlanStep.Status.DONE, now.date())
            elif action == "hours":
                step.log_hours(now.date(), Decimal(1))
            else:
                step.target_date = now.date() + timedelta(days=rng.randint(-2, 5))
                step.save(update_fields=["target_date", "updated"])
        if rng.random() < 0.1:
            user = User.objects.get(pk=rng.choice(list(reference.people)))
            user.timezone, user.nudge_hour = rng.choice(ZONES), rng.randint(0, 23)
            user.schedule_nudges()
            user.save(update_fields=["timezone", "nudge_hour", "nudges_due_at"])
            reference.changed(user)


def test_the_sweep_writes_what_the_reference_finds_due_at_every_tick():
    rng = random.Random(13)
    seed(rng)
    reference = Reference()
    step_ids = list(PlanStep.objects.values_list("pk", flat=True))
    written = defaultdict(int)
    checked = 0
    for now in ticks(rng):
        created = sweep(now)
        got = {as_compared(n) for n in Nudge.objects.filter(created_at=now)}
        expected = reference.tick(now)
        assert got == expected, (
            f"at {now}: the sweep alone wrote {sorted(got - expected)[:5]}, "
            f"the reference alone found {sorted(expected - got)[:5]}"
        )
        assert sum(created.values()) == len(got)
        for row in got:
            written[row[1]] += 1
        checked += 1
        change_things(rng, now, reference, step_ids)
    # The comparison meant something: many ticks, every kind many times.
    print(f"\n{checked} ticks, nudges written: {dict(written)}")
    assert checked > 700
    kinds = ("due_soon", "overdue", "stalled", "digest", "re_review")
    assert all(written[kind] > 100 for kind in kinds)
