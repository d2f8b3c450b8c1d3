"""Milestones, the steps of a route: their size and where it comes from, the yearly windows
some are tied to, and the tests of fit."""

import calendar
from datetime import date

from django.db import models
from django.urls import reverse

from careerplanner.guide import sizes
from careerplanner.guide.models.catalog import Basis, CatalogItem, CatalogQuerySet, Section
from careerplanner.guide.models.roles import Resource, Role, Skill


class Milestone(CatalogItem):
    class Stage(models.TextChoices):
        FOUNDATIONS = "foundations"
        SKILLS = "skills"
        CAREER_CAPITAL = "career-capital", "Career capital"
        GETTING_THE_ROLE = "getting-the-role", "Getting the role"

    class Kind(models.TextChoices):
        LEARN = "learn"
        BUILD = "build"
        PUBLISH = "publish"
        APPLY = "apply"
        DECIDE = "decide"
        TEST_OF_FIT = "test-of-fit", "Test of fit"

    class Degree(models.TextChoices):
        BACHELORS = "bachelors", "Bachelor's degree"
        MASTERS = "masters", "Master's degree"
        PHD = "phd", "PhD"

    class Checkpoint(models.TextChoices):
        FIT = "fit", "Fit checkpoint: the tests of fit again"
        CAPABILITIES_RISK = "capabilities-risk", "Decision on the risk of advancing capabilities"

    title = models.CharField(max_length=200)
    stage = models.CharField(max_length=20, choices=Stage.choices)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    summary = models.TextField()
    why = models.TextField()
    # What the route rules (guide/rules.py) need to know about a step.
    degree = models.CharField(
        max_length=20, choices=Degree.choices, blank=True, help_text="The degree it awards, if any."
    )
    at_ai_lab = models.BooleanField(
        "can lead to a job at an AI lab",
        default=False,
        help_text="The guide asks people to weigh the risk of advancing capabilities before "
        "such a step, so every route puts that decision first.",
    )
    checkpoint = models.CharField(
        max_length=20,
        choices=Checkpoint.choices,
        blank=True,
        help_text="A step the route rules require: the fit checkpoint every route has, or "
        "the capabilities-risk decision before any step at an AI lab.",
    )
    effort_hours_low = models.PositiveIntegerField(
        null=True, blank=True, help_text="Hours of the person's own work, shared out weekly."
    )
    effort_hours_high = models.PositiveIntegerField(null=True, blank=True)
    duration_low = models.PositiveIntegerField(
        null=True, blank=True, help_text="Calendar time it takes whatever the hours (a job, a PhD)."
    )
    duration_high = models.PositiveIntegerField(null=True, blank=True)
    duration_unit = models.CharField(
        max_length=10,
        blank=True,
        choices=[(unit.value, unit.value) for unit in sizes.CALENDAR_UNITS],
    )
    full_time = models.BooleanField(
        default=False,
        help_text="Takes up the person's working week (a degree, a job, a PhD): two such "
        "steps never overlap, though study goes on beside them.",
    )
    size_section = models.ForeignKey(
        Section,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The guide section the size comes from; empty when it is our estimate.",
    )
    size_estimate = models.TextField(
        blank=True, help_text="When the size is our estimate: its basis, in a few words."
    )
    window = models.ForeignKey(
        "Window",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="milestones",
        help_text="A yearly date it is tied to, such as an application deadline.",
    )
    done_when = models.TextField(help_text="How a person shows it is done.")
    evidence = models.TextField(
        "what good evidence looks like",
        help_text="What a person could attach to the step for an advisor to confirm: a "
        "repository, a paper, a merged fix; from what the guide says where it says it.",
    )
    skills = models.ManyToManyField(Skill, related_name="milestones", blank=True)
    roles = models.ManyToManyField(Role, related_name="milestones", blank=True)
    prerequisites = models.ManyToManyField(
        "self", symmetrical=False, related_name="unlocks", blank=True
    )
    resources = models.ManyToManyField(Resource, related_name="milestones", blank=True)

    class Meta(CatalogItem.Meta):
        constraints = [
            models.CheckConstraint(
                condition=models.Q(effort_hours_low__lte=models.F("effort_hours_high"))
                | models.Q(effort_hours_low__isnull=True)
                | models.Q(effort_hours_high__isnull=True),
                name="milestone_effort_low_not_above_high",
            ),
            models.CheckConstraint(
                condition=models.Q(duration_low__lte=models.F("duration_high"))
                | models.Q(duration_low__isnull=True)
                | models.Q(duration_high__isnull=True),
                name="milestone_duration_low_not_above_high",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("guide:milestone", args=[self.slug])

    @property
    def effort(self) -> sizes.Amount | None:
        if self.effort_hours_low is None:
            return None
        return sizes.Amount(self.effort_hours_low, self.effort_hours_high, sizes.Unit.HOURS)

    @property
    def duration(self) -> sizes.Amount | None:
        if self.duration_low is None:
            return None
        return sizes.Amount(self.duration_low, self.duration_high, sizes.Unit(self.duration_unit))

    @property
    def has_size(self) -> bool:
        return self.effort is not None or self.duration is not None

    @property
    def effort_words(self) -> str:
        """The size as a phrase: "10–100 hours", "4–6 years", "40–80 hours over 2–4 months"."""
        parts = [str(amount) for amount in (self.effort, self.duration) if amount is not None]
        words = " over ".join(parts)
        return words[:1].upper() + words[1:]

    @property
    def size_basis(self) -> Basis:
        return Basis(self.size_section, self.size_estimate)

    @property
    def size_is_estimate(self) -> bool:
        """Whether the size is ours, without loading the guide section it would name."""
        return self.size_section_id is None


class FitTest(CatalogItem):
    """A way to test your fit for a role before committing to it."""

    title = models.CharField(max_length=200)
    summary = models.TextField()
    roles = models.ManyToManyField(Role, related_name="fit_tests", blank=True)
    milestone = models.ForeignKey(
        Milestone, on_delete=models.SET_NULL, null=True, blank=True, related_name="fit_tests"
    )

    class Meta(CatalogItem.Meta):
        verbose_name = "test of fit"
        verbose_name_plural = "tests of fit"

    def __str__(self) -> str:
        return self.title


class Window(models.Model):
    """A date that comes round every year and that some steps are tied to: an application
    deadline (the step must be done by it) or a start date (the step begins on it)."""

    class Anchor(models.TextChoices):
        DUE = "due", "Due by"
        STARTS = "starts", "Starts on"

    slug = models.SlugField(max_length=120, unique=True)
    position = models.PositiveIntegerField(default=0)
    retired = models.BooleanField(default=False)
    name = models.CharField(max_length=200)
    anchor = models.CharField(max_length=10, choices=Anchor.choices)
    dates = models.CharField(
        max_length=100, help_text="Month and day it comes round each year: “12-10”, or several."
    )
    opens_month = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="When applications open, for the wording only."
    )
    section = models.ForeignKey(
        Section, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    estimate = models.TextField(blank=True)

    objects = CatalogQuerySet.as_manager()

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return self.name

    @property
    def basis(self) -> Basis:
        return Basis(self.section, self.estimate)

    @property
    def month_days(self) -> list[tuple[int, int]]:
        return [tuple(int(n) for n in each.split("-")) for each in self.dates.split(",")]

    def on_or_after(self, day: date) -> date:
        """The first time one of the window's dates comes round on or after `day`. Dates
        only, no clock times, so no change of clocks can move it."""
        return min(
            next(
                candidate
                for candidate in (date(year, month, number) for year in (day.year, day.year + 1))
                if candidate >= day
            )
            for month, number in self.month_days
        )

    @property
    def date_words(self) -> str:
        return " or ".join(f"{d} {calendar.month_name[m]}" for m, d in self.month_days)

    @property
    def opens_words(self) -> str:
        return calendar.month_name[self.opens_month] if self.opens_month else ""
