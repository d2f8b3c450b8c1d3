"""Where the work is: organisations, and the openings (internships, programmes) they run."""

from django.db import models

from careerplanner.guide.models.catalog import CatalogItem, CatalogQuerySet
from careerplanner.guide.models.roles import Role


class OrganisationQuerySet(CatalogQuerySet):
    def for_track(self, track: str):
        """Where a role's jobs are: the guide places empirical and theoretical work by focus
        (organisations doing both count for each) and professors in academia."""
        if track == Role.Track.ACADEMIC:
            return self.filter(kind=Organisation.Kind.ACADEMIA)
        return self.filter(focus__in=[track, Organisation.Focus.BOTH])


class Organisation(CatalogItem):
    class Kind(models.TextChoices):
        INDUSTRY_LAB = "industry-lab", "Industry lab"
        NONPROFIT = "nonprofit"
        THEORY_GROUP = "theory-group", "Theory group"
        ACADEMIA = "academia"

    class Focus(models.TextChoices):
        EMPIRICAL = "empirical"
        THEORETICAL = "theoretical"
        BOTH = "both"

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    focus = models.CharField(max_length=20, choices=Focus.choices)
    summary = models.TextField()
    url = models.URLField(blank=True)

    objects = OrganisationQuerySet.as_manager()

    def __str__(self) -> str:
        return self.name


class Opportunity(CatalogItem):
    class Kind(models.TextChoices):
        INTERNSHIP = "internship"
        BOOTCAMP = "bootcamp"
        SCHOLAR_PROGRAMME = "scholar-programme", "Scholar programme"
        FELLOWSHIP = "fellowship"
        OTHER = "other"

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
