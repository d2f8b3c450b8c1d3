"""The catalog: what the guide says, as rows. Loaded from seeds/ by `loadguide`.

Every item keeps a slug (its identity across loads), its place in the seed file, and the
section of the guide it comes from. An item that leaves the seeds is retired, not deleted,
so plans built on it keep working. One module per concept; every model is importable from
here, as Django and the rest of the code expect."""

from careerplanner.guide.models.catalog import (
    GUIDE_YEAR,
    Basis,
    CatalogItem,
    CatalogQuerySet,
    Section,
)
from careerplanner.guide.models.facts import Fact, FactQuerySet, FactUpdate
from careerplanner.guide.models.fit_questions import FitChoice, FitQuestion
from careerplanner.guide.models.milestones import FitTest, Milestone, Window
from careerplanner.guide.models.organisations import (
    Opportunity,
    Organisation,
    OrganisationQuerySet,
)
from careerplanner.guide.models.roles import Resource, Role, Skill
from careerplanner.guide.models.routes import RouteStep, RouteTemplate

__all__ = [
    "GUIDE_YEAR",
    "Basis",
    "CatalogItem",
    "CatalogQuerySet",
    "Fact",
    "FactQuerySet",
    "FactUpdate",
    "FitChoice",
    "FitQuestion",
    "FitTest",
    "Milestone",
    "Opportunity",
    "Organisation",
    "OrganisationQuerySet",
    "Resource",
    "Role",
    "RouteStep",
    "RouteTemplate",
    "Section",
    "Skill",
    "Window",
]
