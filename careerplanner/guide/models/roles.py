"""The kinds of role the guide describes, the skills they need and the resources that teach them."""

from urllib.parse import urlsplit

from django.db import models
from django.urls import reverse

from careerplanner.guide.models.catalog import CatalogItem


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
        REQUIRED = "required"
        USUALLY = "usually", "Usually needed"
        HELPFUL = "helpful"
        NOT_NEEDED = "not-needed", "Not needed"

    name = models.CharField(max_length=120)
    track = models.CharField(max_length=20, choices=Track.choices)
    level = models.CharField("position", max_length=20, choices=Position.choices)
    summary = models.TextField()
    work = models.TextField()
    phd = models.CharField("PhD", max_length=20, choices=PhD.choices)
    phd_note = models.TextField("PhD note")
    where = models.TextField()

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("guide:role", args=[self.slug])


class Skill(CatalogItem):
    name = models.CharField(max_length=120)
    summary = models.TextField()
    roles = models.ManyToManyField(Role, related_name="skills", blank=True)

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
