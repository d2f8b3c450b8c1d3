"""A person's saved plan, started from a route template; its steps are in plans/steps.py and
the hours they log are check-ins (plans/checkins.py)."""

import secrets
import uuid
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, F, Max, OuterRef, Q, Subquery
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


def set_mark(row, field: str, when) -> None:
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
        first_open = open_steps.order_by(
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
            next_step_title=Subquery(first_open.values("title")[:1]),
            next_step_target=Subquery(first_open.values("target_date")[:1]),
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
        set_mark(self, "archived_at", timezone.now())

    def restore(self) -> None:
        set_mark(self, "archived_at", None)

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


# Models with a module of their own, beside their rules; imported here so that Django finds
# them with the rest of the app's models.
# PlanStep first: the others' modules import it from here.
from careerplanner.plans.steps import PlanStep  # noqa: E402, F401

# isort: split
from careerplanner.plans.checkins import CheckIn  # noqa: E402, F401
from careerplanner.plans.evidence import Evidence  # noqa: E402, F401
from careerplanner.plans.history import PlanSnapshot  # noqa: E402, F401
from careerplanner.plans.sharing import MentorLink  # noqa: E402, F401
