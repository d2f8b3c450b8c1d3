"""A step of a plan: copied from a milestone or written by the person, with its size, its
dates and its status; and the orders a plan's steps are read in."""

import uuid
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Count, F, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from careerplanner.guide.models import Milestone
from careerplanner.plans.models import (
    DESCRIPTION_MAX,
    ESTIMATE_HOURS_MAX,
    NOTES_MAX,
    TITLE_MAX,
    Plan,
    Stage,
    set_mark,
)

if TYPE_CHECKING:
    from careerplanner.plans.checkins import CheckIn


def _decimal(value: float) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.1"))


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
        DOING = "doing"
        DONE = "done"
        # Something the person could already do before the plan began: it counts as done
        # for progress, but never as work done at the plan's pace.
        HAD = "had", "Already had"
        SKIPPED = "skipped"

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
        set_mark(self, "removed_at", timezone.now())

    def restore(self) -> None:
        set_mark(self, "removed_at", None)

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
