"""The guide's key figures, each with its year, and newer figures beside them."""

from django.db import models

from careerplanner.guide.models.catalog import CatalogItem, CatalogQuerySet
from careerplanner.guide.models.roles import Role


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
