"""The catalog: what the guide says, as rows. Loaded from seeds/ by `loadguide`.

Every item keeps a slug (its identity across loads), its place in the seed file, and the
section of the guide it comes from. An item that leaves the seeds is retired, not deleted,
so plans built on it keep working."""

import calendar
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

from django.db import models
from django.urls import reverse

from careerplanner.guide import sizes

# The career review was published in June 2023; its figures are "as of" then.
GUIDE_YEAR = 2023


class Section(models.Model):
    """A section of the guide, the pointer every catalog item carries."""

    slug = models.SlugField(max_length=120, unique=True)
    title = models.CharField(max_length=200)
    position = models.PositiveIntegerField(default=0)
    retired = models.BooleanField(default=False)

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return self.title


@dataclass(frozen=True)
class Basis:
    """Where a figure comes from: a section of the guide, or our estimate and its basis."""

    section: Section | None
    estimate: str

    @property
    def is_estimate(self) -> bool:
        return self.section is None

    def __str__(self) -> str:
        if self.section is None:
            return f"Our estimate: {self.estimate}"
        return f"From the guide, “{self.section.title}” (as of {GUIDE_YEAR})"


class CatalogQuerySet(models.QuerySet):
    def current(self):
        return self.filter(retired=False)


class OrganisationQuerySet(CatalogQuerySet):
    def for_track(self, track: str):
        """Where a role's jobs are: the guide places empirical and theoretical work by focus
        (organisations doing both count for each) and professors in academia."""
        if track == Role.Track.ACADEMIC:
            return self.filter(kind=Organisation.Kind.ACADEMIA)
        return self.filter(focus__in=[track, Organisation.Focus.BOTH])


def _amount(low: int, high: int, unit: str) -> str:
    if low == high:
        return f"about {low} {unit}{'' if low == 1 else 's'}"
    return f"{low}–{high} {unit}s"


class CatalogItem(models.Model):
    slug = models.SlugField(max_length=120, unique=True)
    position = models.PositiveIntegerField(default=0, help_text="Order in the seed file.")
    source = models.ForeignKey(
        Section, on_delete=models.PROTECT, related_name="+", help_text="Where the guide says it."
    )
    retired = models.BooleanField(
        default=False, help_text="Left the seeds: hidden from the guide, kept for old plans."
    )

    objects = CatalogQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["position"]


class Role(CatalogItem):
    class Track(models.TextChoices):
        EMPIRICAL = "empirical"
        THEORETICAL = "theoretical"
        ACADEMIC = "academic"

    class Position(models.TextChoices):
        LEAD = "lead"
        CONTRIBUTOR = "contributor"
        ACADEMIC = "academic"

    class PhD(models.TextChoices):
        REQUIRED = "required", "Required"
        USUALLY = "usually", "Usually needed"
        HELPFUL = "helpful", "Helpful"
        NOT_NEEDED = "not-needed", "Not needed"

    name = models.CharField(max_length=120)
    track = models.CharField(max_length=20, choices=Track.choices)
    level = models.CharField("position", max_length=20, choices=Position.choices)
    summary = models.TextField()
    work = models.TextField()
    phd = models.CharField("PhD", max_length=20, choices=PhD.choices)
    phd_note = models.TextField("PhD note")
    where = models.TextField()

    class Meta(CatalogItem.Meta):
        pass

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("guide:role", args=[self.slug])


class Skill(CatalogItem):
    name = models.CharField(max_length=120)
    summary = models.TextField()
    roles = models.ManyToManyField(Role, related_name="skills", blank=True)

    class Meta(CatalogItem.Meta):
        pass

    def __str__(self) -> str:
        return self.name


class Resource(CatalogItem):
    class Kind(models.TextChoices):
        COURSE = "course"
        CURRICULUM = "curriculum"
        BOOK = "book"
        ARTICLE = "article"
        PROGRAMME = "programme"
        PODCAST = "podcast"
        WEBSITE = "website"
        OTHER = "other"

    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    url = models.URLField(blank=True)
    summary = models.TextField()
    length = models.CharField(
        max_length=300,
        blank=True,
        help_text="Roughly how long it takes, saying where that comes from.",
    )
    named_by = models.URLField(
        "named by",
        max_length=300,
        blank=True,
        help_text="Empty when the guide names it (in its source section). Otherwise the "
        "public page it comes from: it is shown as our suggestion, never the guide's.",
    )
    skills = models.ManyToManyField(Skill, related_name="resources", blank=True)

    class Meta(CatalogItem.Meta):
        pass

    def __str__(self) -> str:
        return self.title

    @property
    def named_by_guide(self) -> bool:
        return not self.named_by

    @property
    def named_by_site(self) -> str:
        """The site of the page that names it, "py4e.com", for a short credit."""
        host = urlsplit(self.named_by).hostname or ""
        return host.removeprefix("www.")


class Milestone(CatalogItem):
    class Stage(models.TextChoices):
        FOUNDATIONS = "foundations", "Foundations"
        SKILLS = "skills", "Skills"
        CAREER_CAPITAL = "career-capital", "Career capital"
        GETTING_THE_ROLE = "getting-the-role", "Getting the role"

    class Kind(models.TextChoices):
        LEARN = "learn", "Learn"
        BUILD = "build", "Build"
        PUBLISH = "publish", "Publish"
        APPLY = "apply", "Apply"
        DECIDE = "decide", "Decide"
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


class Organisation(CatalogItem):
    class Kind(models.TextChoices):
        INDUSTRY_LAB = "industry-lab", "Industry lab"
        NONPROFIT = "nonprofit", "Nonprofit"
        THEORY_GROUP = "theory-group", "Theory group"
        ACADEMIA = "academia", "Academia"

    class Focus(models.TextChoices):
        EMPIRICAL = "empirical", "Empirical"
        THEORETICAL = "theoretical", "Theoretical"
        BOTH = "both", "Both"

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    focus = models.CharField(max_length=20, choices=Focus.choices)
    summary = models.TextField()
    url = models.URLField(blank=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta(CatalogItem.Meta):
        pass

    def __str__(self) -> str:
        return self.name


class Opportunity(CatalogItem):
    class Kind(models.TextChoices):
        INTERNSHIP = "internship", "Internship"
        BOOTCAMP = "bootcamp", "Bootcamp"
        SCHOLAR_PROGRAMME = "scholar-programme", "Scholar programme"
        FELLOWSHIP = "fellowship", "Fellowship"
        OTHER = "other", "Other"

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="opportunities"
    )
    summary = models.TextField()
    url = models.URLField(blank=True)
    roles = models.ManyToManyField(Role, related_name="opportunities", blank=True)

    class Meta(CatalogItem.Meta):
        verbose_name_plural = "opportunities"

    def __str__(self) -> str:
        return self.name


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


class FactQuerySet(CatalogQuerySet):
    def key_for(self, role: "Role"):
        """The current figures that bear on a decision about `role`, with their section and
        their newer figures, ready for the key-facts panel."""
        return (
            self.current()
            .filter(roles=role)
            .select_related("source")
            .prefetch_related("updates")
            .order_by("position")
        )


class Fact(CatalogItem):
    """A figure or key fact from the guide, such as how long a PhD takes, with the year it
    describes. Later figures are added beside it as FactUpdates; the guide's own stays."""

    title = models.CharField(max_length=200)
    value = models.CharField(max_length=200)
    summary = models.TextField()
    as_of = models.PositiveSmallIntegerField(
        "as of", help_text="The year the figure describes: the guide's is 2023."
    )
    roles = models.ManyToManyField(
        Role,
        related_name="key_facts",
        blank=True,
        help_text="Roles whose decision the figure bears on: shown on their pages, in the fit "
        "check's result and on plans aiming at them.",
    )

    objects = FactQuerySet.as_manager()

    class Meta(CatalogItem.Meta):
        pass

    def __str__(self) -> str:
        return f"{self.title}: {self.value}"

    @property
    def dated_value(self) -> str:
        """ "around 300 (as of 2023)": a figure never goes out without its date."""
        return f"{self.value} (as of {self.as_of})"


class FactUpdate(models.Model):
    """A newer figure beside one of the guide's, from a public source, with its date."""

    fact = models.ForeignKey(Fact, on_delete=models.CASCADE, related_name="updates")
    value = models.CharField(max_length=200)
    as_of = models.DateField("as of", help_text="When the figure was true or published.")
    source_url = models.URLField("source", max_length=300, help_text="The page it comes from.")
    note = models.TextField(blank=True, help_text="What changed, or how it compares.")
    seeded = models.BooleanField(
        default=False,
        editable=False,
        help_text="From seeds/facts.yaml: loadguide rewrites these; ones added here stay.",
    )

    class Meta:
        ordering = ["fact", "-as_of"]

    def __str__(self) -> str:
        return f"{self.value} (as of {self.as_of:%B %Y})"


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


class RouteTemplate(CatalogItem):
    """An ordered path of milestones into one role by one way in."""

    title = models.CharField(max_length=200)
    role = models.ForeignKey(Role, on_delete=models.PROTECT, related_name="routes")
    way_in = models.CharField(max_length=200)
    summary = models.TextField()
    milestones = models.ManyToManyField(Milestone, through="RouteStep", related_name="routes")

    class Meta(CatalogItem.Meta):
        pass

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("guide:route", args=[self.slug])


class RouteStep(models.Model):
    route = models.ForeignKey(RouteTemplate, on_delete=models.CASCADE, related_name="steps")
    milestone = models.ForeignKey(Milestone, on_delete=models.PROTECT, related_name="route_steps")
    position = models.PositiveIntegerField()

    class Meta:
        ordering = ["route", "position"]
        constraints = [
            models.UniqueConstraint(fields=["route", "position"], name="routestep_unique_position"),
            models.UniqueConstraint(
                fields=["route", "milestone"], name="routestep_unique_milestone"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.milestone}"


class FitQuestion(CatalogItem):
    class Part(models.TextChoices):
        NOW = "now", "Where you are now"
        FIT = "fit", "What suits you"

    source = models.ForeignKey(
        Section, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    part = models.CharField(
        max_length=10,
        choices=Part.choices,
        default=Part.FIT,
        help_text="What a person already has, or what suits them.",
    )
    text = models.CharField(max_length=300)
    help = models.TextField(blank=True)

    class Meta(CatalogItem.Meta):
        pass

    def __str__(self) -> str:
        return self.text


class FitChoice(models.Model):
    question = models.ForeignKey(FitQuestion, on_delete=models.CASCADE, related_name="choices")
    value = models.SlugField(max_length=120)
    label = models.CharField(max_length=300)
    reason = models.TextField(help_text="Shown when this answer shaped the recommendation.")
    points = models.JSONField(default=dict, help_text="Route slug → points this answer gives.")
    excludes = models.JSONField(
        default=list,
        blank=True,
        help_text="Route slugs this answer rules out, whatever the points (“no PhD”).",
    )
    had = models.JSONField(
        default=list,
        blank=True,
        help_text="Milestone slugs this answer means the person already has.",
    )
    doing = models.JSONField(
        default=list,
        blank=True,
        help_text="Milestone slugs this answer means the person is part-way through.",
    )
    caveat = models.TextField(
        blank=True, help_text="Shown first with the result when this answer is given."
    )
    hours_per_week = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="The hours a week a plan started from it assumes."
    )
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["question", "position"]
        constraints = [
            models.UniqueConstraint(fields=["question", "value"], name="fitchoice_unique_value"),
        ]

    def __str__(self) -> str:
        return self.label
