"""The fit check's questions and answers, with what each answer means (guide/fitcheck.py
reasons with them)."""

from django.db import models

from careerplanner.guide.models.catalog import CatalogItem, Section


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
