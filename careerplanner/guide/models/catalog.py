"""What every catalog item shares: the guide section it comes from, its slug and place, and
retirement instead of deletion; and Basis, where a figure comes from."""

from dataclasses import dataclass

from django.db import models

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

    # Items without a Meta of their own inherit this one, and with it the seed order.
    class Meta:
        abstract = True
        ordering = ["position"]
