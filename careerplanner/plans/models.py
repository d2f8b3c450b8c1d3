"""A person's saved plan and its steps, copied from a route template; the hours they log
are check-ins (plans/checkins.py)."""

import secrets
import uuid
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Count, F, Max, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from careerplanner.guide.models import Milestone, Role, RouteTemplate
from careerplanner.plans.dates import add_months
from careerplanner.plans.progress import Progress, percent_done, progress_of

Stage = Milestone.Stage

# Limits on what a person may type; the forms use the same figures in their messages.
TITLE_MAX = 200
DESCRIPTION_MAX = 2_000
NOTES_MAX = 5_000
CHECKIN_NOTE_MAX = 280
HOURS_PER_WEEK_MAX = 80  # more than two full-time jobs is a typo, not a plan
RE_REVIEW_CHOICES = [
    (3, "every 3 months"),
    (6, "every 6 months"),
    (12, "every year"),
    (24, "every 2 years"),
]
CHECKIN_HOURS_MAX = Decimal(100)  # a long week's work in one entry; more is a typo
ESTIMATE_HOURS_MAX = Decimal(10_000)  # about five working years


def _decimal(value: float) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.1"))


def _stamp(row, field: str, when) -> None:
    """Sets or clears a row's time mark (archived, removed), and its `updated`."""
    setattr(row, field, when)
    row.save(update_fields=[field, "updated"])


def new_calendar_token() -> str:
    return secrets.token_urlsafe(32)


class PlanQuerySet(models.QuerySet):
    def owned_by(self, user):
        return self.filter(owner=user)

    def active(self):
        return self.filter(archived_at__isnull=True)

    def archived(self):
        return self.filter(archived_at__isnull=False)

    def with_progress(self, today: date):
        """Adds step counts and the next open step, in the same single query, for a list of
        plans. The rules are Plan.progress()'s and next_step()'s, said in SQL so that the
        dashboard needs no query per plan; tests/plans/test_models.py holds them together."""
        steps = Q(steps__removed_at__isnull=True)
        open_steps = PlanStep.objects.visible().open().filter(plan=OuterRef("pk"))
        next_step = open_steps.order_by(
            # A step already under way comes before one not yet started.
            models.Case(models.When(status=PlanStep.Status.DOING, then=0), default=1),
            F("target_date").asc(nulls_last=True),
            "position",
        )
        return self.annotate(
            steps_total=Count("steps", filter=steps & ~Q(steps__status=PlanStep.Status.SKIPPED)),
            steps_done=Count("steps", filter=steps & Q(steps__status__in=PlanStep.FINISHED)),
            steps_overdue=Count(
                "steps",
                filter=steps & Q(steps__status__in=PlanStep.OPEN, steps__target_date__lt=today),
            ),
            likely_finish=Max(
                "steps__target_date",
                filter=steps & ~Q(steps__status__in=[PlanStep.Status.SKIPPED, PlanStep.Status.HAD]),
            ),
            next_step_title=Subquery(next_step.values("title")[:1]),
            next_step_target=Subquery(next_step.values("target_date")[:1]),
        )


class Plan(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="plans"
    )
    title = models.CharField(max_length=TITLE_MAX)
    role = models.ForeignKey(
        Role,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plans",
        verbose_name="target role",
    )
    route = models.ForeignKey(
        RouteTemplate,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plans",
        help_text="The route template the steps were copied from; empty for a blank plan.",
    )
    start_date = models.DateField()
    hours_per_week = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(HOURS_PER_WEEK_MAX)],
        help_text="Hours a week the person said they can give.",
    )
    fit_answers = models.JSONField(
        default=dict, blank=True, help_text="The fit check the plan was started from, if any."
    )
    slower_finish = models.DateField(
        null=True,
        blank=True,
        help_text="When the plan ends if every step takes the high end of its size; set "
        "each time the plan is scheduled.",
    )
    calendar_token = models.CharField(max_length=64, unique=True, default=new_calendar_token)
    re_review_months = models.PositiveSmallIntegerField(
        "look back and ask for a review",
        choices=RE_REVIEW_CHOICES,
        null=True,
        blank=True,
        default=12,
        help_text="How often a nudge invites the person to look back over the plan; empty: never.",
    )
    re_review_due = models.DateField(
        null=True,
        blank=True,
        help_text="When the next look-back nudge is due (the person's date); set by "
        "schedule_re_review().",
    )
    last_reviewed_on = models.DateField(
        null=True, blank=True, help_text="The person's date when a review of it last finished."
    )
    archived_at = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)
    # Moved by the database whenever a row shown on the plan's pages changes (plans/stamps.py).
    stamp = models.BigIntegerField(default=0, db_default=0, editable=False)

    objects = PlanQuerySet.as_manager()

    class Meta:
        ordering = ["-created"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("plans:plan", args=[self.id])

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    def archive(self) -> None:
        _stamp(self, "archived_at", timezone.now())

    def restore(self) -> None:
        _stamp(self, "archived_at", None)

    @property
    def percent(self) -> int:
        """The share of its steps done (after `with_progress`), as the plan page counts it."""
        return percent_done(self.steps_done, self.steps_total)

    @property
    def slower_or_likely_finish(self):
        """The slower finish, never before the likely one (after `with_progress`)."""
        return max(filter(None, (self.slower_finish, self.likely_finish)), default=None)

    def schedule_re_review(self) -> None:
        """The next look-back: the chosen interval after the last finished review, or after
        the start if there has been none. Does not save."""
        if self.re_review_months:
            since = self.last_reviewed_on or self.start_date
            self.re_review_due = add_months(since, self.re_review_months)
        else:
            self.re_review_due = None

    def reviewed(self, on: date) -> None:
        """A review of the plan finished on `on` (the person's date): the next look-back
        counts from then."""
        self.last_reviewed_on = on
        self.schedule_re_review()
        self.save(update_fields=["last_reviewed_on", "re_review_due", "updated"])

    def replace_calendar_token(self) -> None:
        """The old feed URL stops working at once: whoever had it sees nothing new."""
        self.calendar_token = new_calendar_token()
        self.save(update_fields=["calendar_token", "updated"])

    def progress(self, steps: list["PlanStep"]) -> Progress:
        """Overall and per-stage progress of the given (visible) steps of this plan."""
        return progress_of(steps)


class PlanStepQuerySet(models.QuerySet):
    def visible(self):
        """Steps not removed; a removed step lingers only so it can be put back."""
        return self.filter(removed_at__isnull=True)

    def removed(self):
        return self.filter(removed_at__isnull=False)

    def open(self):
        return self.filter(status__in=PlanStep.OPEN)

    def overdue(self, today: date):
        return self.visible().open().filter(target_date__lt=today)

    def due_between(self, first: date, last: date):
        return self.visible().open().filter(target_date__range=(first, last))

    def with_evidence_counts(self):
        """Adds how much evidence each step has and how much an advisor confirmed, in the
        same query as the steps: a correlated count each, not a GROUP BY over every column
        of the steps and their milestones (which cost more than the rest of the query)."""
        pieces = self.model._meta.get_field("evidence").related_model.objects
        mine = pieces.filter(step=OuterRef("pk")).order_by().values("step")

        def count(found):
            return Coalesce(Subquery(found.annotate(n=Count("pk")).values("n")), 0)

        return self.annotate(
            evidence_count=count(mine),
            evidence_confirmed=count(mine.filter(confirmed_at__isnull=False)),
        )


class PlanStep(models.Model):
    class Status(models.TextChoices):
        TODO = "todo", "To do"
        DOING = "doing", "Doing"
        DONE = "done", "Done"
        # Something the person could already do before the plan began: it counts as done
        # for progress, but never as work done at the plan's pace.
        HAD = "had", "Already had"
        SKIPPED = "skipped", "Skipped"

    class SizeBasis(models.TextChoices):
        GUIDE = "guide", "from the guide"
        ESTIMATE = "estimate", "our estimate"
        OWN = "own", "your own figure"

    OPEN = (Status.TODO, Status.DOING)
    FINISHED = (Status.DONE, Status.HAD)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="steps")
    milestone = models.ForeignKey(
        Milestone,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plan_steps",
        help_text="Empty for a step the person added themselves.",
    )
    stage = models.CharField(max_length=20, choices=Stage.choices)
    title = models.CharField(max_length=TITLE_MAX)
    description = models.TextField(max_length=DESCRIPTION_MAX, blank=True)
    position = models.PositiveIntegerField(help_text="Order in the plan; the schedule follows it.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.TODO)
    planned_start = models.DateField(null=True, blank=True)
    target_date = models.DateField(null=True, blank=True)
    target_pinned = models.BooleanField(
        default=False,
        help_text="The person set the target date themselves; rescheduling keeps it.",
    )
    started_date = models.DateField(null=True, blank=True)
    done_date = models.DateField(null=True, blank=True)
    notes = models.TextField(max_length=NOTES_MAX, blank=True)
    estimated_hours = models.DecimalField(
        max_digits=7,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.1")), MaxValueValidator(ESTIMATE_HOURS_MAX)],
        help_text="Hours of the person's own work, likely: the middle of the catalog's range, "
        "or the person's own figure.",
    )
    estimated_hours_high = models.DecimalField(
        max_digits=7,
        decimal_places=1,
        null=True,
        blank=True,
        help_text="The high end of the effort range, for the slower finish.",
    )
    duration_days = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="Calendar time it takes whatever the hours (a job, a PhD), likely.",
    )
    duration_days_high = models.PositiveIntegerField(null=True, blank=True)
    full_time = models.BooleanField(
        default=False, help_text="Takes up the working week: never overlaps another such step."
    )
    size_basis = models.CharField(max_length=10, choices=SizeBasis.choices, blank=True)
    hours_logged = models.DecimalField(max_digits=8, decimal_places=2, default=Decimal(0))
    removed_at = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = PlanStepQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "position", "created"]
        indexes = [
            models.Index(fields=["plan", "position"]),
            # The nudge sweep's "last change to a plan" reads the newest step per plan.
            models.Index(fields=["plan", "updated"], name="planstep_plan_updated"),
        ]

    def __str__(self) -> str:
        return self.title

    @classmethod
    def from_milestone(cls, plan: Plan, milestone: Milestone, position: int) -> "PlanStep":
        effort, duration = milestone.effort, milestone.duration
        return cls(
            plan=plan,
            milestone=milestone,
            stage=milestone.stage,
            title=milestone.title,
            description=milestone.summary,
            position=position,
            estimated_hours=_decimal(effort.middle) if effort else None,
            estimated_hours_high=_decimal(effort.high) if effort else None,
            duration_days=round(duration.days(duration.middle)) if duration else None,
            duration_days_high=round(duration.days(duration.high)) if duration else None,
            full_time=milestone.full_time,
            size_basis=cls.SizeBasis.ESTIMATE
            if milestone.size_is_estimate
            else cls.SizeBasis.GUIDE,
        )

    @property
    def runs_alongside(self) -> bool:
        """Takes calendar time (a job, a degree) rather than the person's weekly hours, so
        other steps run beside it."""
        return self.duration_days is not None

    @property
    def is_estimate(self) -> bool:
        return self.size_basis == self.SizeBasis.ESTIMATE

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN

    @property
    def is_finished(self) -> bool:
        return self.status in self.FINISHED

    @property
    def is_skipped(self) -> bool:
        return self.status == self.Status.SKIPPED

    def is_overdue(self, today: date) -> bool:
        return self.is_open and self.target_date is not None and self.target_date < today

    def set_status(self, status: str, today: date) -> None:
        """Keeps the dates honest: done has a done date, anything else has none, and a step
        the person already had was never started within the plan."""
        self.status = status
        if status in (self.Status.DOING, self.Status.DONE) and self.started_date is None:
            self.started_date = today
        self.done_date = today if status == self.Status.DONE else None
        if status == self.Status.HAD or (status == self.Status.TODO and not self.hours_logged):
            self.started_date = None
        self.save(update_fields=["status", "started_date", "done_date", "updated"])

    @transaction.atomic
    def log_hours(self, day: date, hours: Decimal, note: str = "") -> "CheckIn":
        checkin = self.checkins.create(plan_id=self.plan_id, date=day, hours=hours, note=note)
        # F() so that two check-ins saved at once both count.
        PlanStep.objects.filter(pk=self.pk).update(hours_logged=F("hours_logged") + hours)
        PlanStep.objects.filter(pk=self.pk, started_date__isnull=True).update(started_date=day)
        PlanStep.objects.filter(pk=self.pk, started_date__gt=day).update(started_date=day)
        self.refresh_from_db(fields=["hours_logged", "started_date"])
        return checkin

    def remove(self) -> None:
        _stamp(self, "removed_at", timezone.now())

    def restore(self) -> None:
        _stamp(self, "removed_at", None)

    @classmethod
    @transaction.atomic
    def insert(cls, plan: Plan, after: "PlanStep | None", **fields) -> "PlanStep":
        """Adds a step right after `after`, or at the start of the plan when it is None."""
        position = after.position + 1 if after is not None else 0
        PlanStep.objects.filter(plan=plan, position__gte=position).update(
            position=F("position") + 1
        )
        return cls.objects.create(plan=plan, position=position, **fields)


def next_step(steps, today: date) -> "PlanStep | None":
    """What to work on next: a step under way before one not begun, then the soonest due,
    then plan order. (with_progress() says the same in SQL for the dashboard's many plans.)"""
    open_steps = [step for step in steps if step.is_open]
    return min(
        open_steps,
        key=lambda s: (s.status != PlanStep.Status.DOING, s.target_date or today.max, s.position),
        default=None,
    )


def in_date_order(steps, today: date) -> list[PlanStep]:
    """Steps as they fall on the calendar: by planned start, then target, then plan order.
    Steps that run alongside one another mix the stages, so this, not the stage, is the
    order a person reads a plan in."""
    return sorted(steps, key=lambda s: (s.planned_start or s.target_date or today.max, s.position))


# Models with a module of their own, beside their rules; imported here so that Django finds
# them with the rest of the app's models.
from careerplanner.plans.checkins import CheckIn  # noqa: E402
from careerplanner.plans.evidence import Evidence  # noqa: E402, F401
from careerplanner.plans.history import PlanSnapshot  # noqa: E402, F401
from careerplanner.plans.sharing import MentorLink  # noqa: E402, F401
