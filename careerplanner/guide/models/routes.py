"""Route templates: an ordered path of milestones into one role by one way in."""

from django.db import models
from django.urls import reverse

from careerplanner.guide.models.catalog import CatalogItem
from careerplanner.guide.models.milestones import Milestone
from careerplanner.guide.models.roles import Role


class RouteTemplate(CatalogItem):
    """An ordered path of milestones into one role by one way in."""

    title = models.CharField(max_length=200)
    role = models.ForeignKey(Role, on_delete=models.PROTECT, related_name="routes")
    way_in = models.CharField(max_length=200)
    summary = models.TextField()
    milestones = models.ManyToManyField(Milestone, through="RouteStep", related_name="routes")

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
