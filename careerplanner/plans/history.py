"""A plan's history: a snapshot of the plan's own data at each significant change, and what
changed since any of them.

The significant changes, and who records them: a plan started (plans/views/starting.py), a
reschedule (plans/views/page.py), new settings (the route, the start or the hours;
plans/views/starting.py), a review finished (reviews/services.py). A snapshot holds the
plan's state (plans/changes.py), never a page, and what changed since the snapshot before
it, so that the history lists without reading every state."""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, models, transaction
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone

from careerplanner.plans import pace
from careerplanner.plans.changes import Change, State, compare
from careerplanner.plans.models import Plan
from careerplanner.plans.steps import PlanStep, in_date_order


class PlanSnapshot(models.Model):
    class Reason(models.TextChoices):
        STARTED = "started", "Plan started"
        REVIEWED = "reviewed", "Review finished"
        RESCHEDULED = "rescheduled"
        SETTINGS = "settings", "Route or hours changed"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="snapshots")
    number = models.PositiveIntegerField(help_text="1 for the plan's first snapshot, and so on.")
    taken_at = models.DateTimeField(default=timezone.now)
    reason = models.CharField(max_length=20, choices=Reason.choices)
    data = models.JSONField(help_text="The plan's state (plans/changes.py State.to_data).")
    changes = models.JSONField(
        default=dict,
        blank=True,
        help_text="What changed since the snapshot before, for the history list.",
    )

    class Meta:
        ordering = ["-number"]
        constraints = [
            # Also the index the history reads by: a plan's snapshots, newest first.
            models.UniqueConstraint(fields=["plan", "number"], name="snapshot_number_per_plan")
        ]
        verbose_name = "plan snapshot"

    def __str__(self) -> str:
        return f"{self.get_reason_display()}, {self.taken_at:%Y-%m-%d}"

    def state(self) -> State:
        return State.from_data(self.data)

    def change(self) -> Change:
        return Change.from_data(self.changes)


def current_state(plan: Plan, steps: Sequence[PlanStep], today) -> State:
    """The plan as it is now: `steps` are its visible steps (any order)."""
    likely, slower = pace.finish_range(plan, steps)
    return State.of(plan, in_date_order(steps, today), likely, slower)


def record(plan: Plan, reason: str, today, at: datetime | None = None) -> PlanSnapshot | None:
    """Stores the plan's state now. A reschedule or new settings that leave the plan as the
    last snapshot has it add nothing (a second click moves nothing); a start or a finished
    review is always kept, as what later changes are compared with. Returns the new
    snapshot, if any."""
    state = current_state(plan, list(plan.steps.visible()), today)
    previous = plan.snapshots.first()
    repeat = previous is not None and previous.state() == state
    if repeat and reason in (PlanSnapshot.Reason.RESCHEDULED, PlanSnapshot.Reason.SETTINGS):
        return None
    change = compare(previous.state(), state) if previous is not None else None
    try:
        with transaction.atomic():
            return PlanSnapshot.objects.create(
                plan=plan,
                number=previous.number + 1 if previous is not None else 1,
                reason=reason,
                taken_at=at or timezone.now(),
                data=state.to_data(),
                changes=change.to_data() if change else {},
            )
    except IntegrityError:  # another change of the plan took this number a moment ago
        return None


def listing(plan: Plan):
    """The plan's snapshots, newest first, without their states: one query, small rows."""
    return plan.snapshots.defer("data")


def last_review_or_start(plan: Plan, before: datetime | None = None) -> PlanSnapshot | None:
    """What an advisor compares with: the snapshot taken when the last review finished
    (before `before`), or else the plan's first one. One query."""
    snapshots = plan.snapshots.all()
    if before is not None:
        snapshots = snapshots.filter(taken_at__lt=before)
    reviewed = Q(reason=PlanSnapshot.Reason.REVIEWED)
    review_first = Case(When(reviewed, then=Value(0)), default=Value(1))
    # The latest of the reviews, or the earliest of the rest.
    rank = Case(
        When(reviewed, then=F("number") * -1),
        default=F("number"),
        output_field=models.IntegerField(),
    )
    return snapshots.order_by(review_first, rank).first()


@dataclass(frozen=True)
class Since:
    """What changed from `snapshot` (a finished review, or else the start) to now."""

    snapshot: PlanSnapshot
    change: Change

    @property
    def since_review(self) -> bool:
        return self.snapshot.reason == PlanSnapshot.Reason.REVIEWED


def since_last_review(
    plan: Plan, steps: Sequence[PlanStep], today, before: datetime | None = None
) -> Since | None:
    """For the advisor taking a request and the person looking back: the plan now (`steps`:
    its visible steps) against the last finished review before `before`, or its start.
    None if the plan has no snapshot yet. One query, for the snapshot."""
    then = last_review_or_start(plan, before)
    if then is None:
        return None
    return Since(then, compare(then.state(), current_state(plan, steps, today)))
