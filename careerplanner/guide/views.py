"""The guide's public pages: roles, routes, milestones, organisations and the fit check.

Every page reads a fixed number of queries however big the catalog grows: related rows
come through select_related or a Prefetch whose queryset hides retired items. The
queries are listed above each view and counted in tests/guide/test_views.py."""

from django.db.models import Count, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import reswap, retarget

from careerplanner.guide import fitcheck as fit
from careerplanner.guide.forms import FitCheckForm, OrganisationFilterForm
from careerplanner.guide.models import (
    Fact,
    FitChoice,
    FitQuestion,
    FitTest,
    Milestone,
    Opportunity,
    Organisation,
    Resource,
    Role,
    RouteStep,
    RouteTemplate,
    Skill,
)


def _wants_fragment(request: HttpRequest) -> bool:
    # htmx restoring a page it has no cached copy of asks with HX-Request too, and needs
    # the whole page back.
    return bool(request.htmx) and not request.htmx.history_restore_request


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "guide/home.html")


# Queries: 1. roles with sections, 2. their tests of fit, 3. their routes.
def roles(request: HttpRequest) -> HttpResponse:
    all_roles = list(
        Role.objects.current()
        .select_related("source")
        .prefetch_related(
            Prefetch("fit_tests", queryset=FitTest.objects.current()),
            Prefetch("routes", queryset=RouteTemplate.objects.current()),
        )
    )
    # The guide's two-by-two: empirical or theoretical, leading or contributing.
    by_place = {(role.track, role.level): role for role in all_roles}
    grid = [
        (
            track.label,
            [
                by_place.get((track, level))
                for level in (Role.Position.LEAD, Role.Position.CONTRIBUTOR)
            ],
        )
        for track in (Role.Track.EMPIRICAL, Role.Track.THEORETICAL)
    ]
    return render(request, "guide/roles.html", {"roles": all_roles, "grid": grid})


# Queries: 1. the role and its section, 2. skills, 3. routes, 4. tests of fit with their
# milestones, 5. opportunities with their organisations, 6. organisations on its track,
# 7. its key facts with their sections, 8. their newer figures.
def role(request: HttpRequest, slug: str) -> HttpResponse:
    current_role = get_object_or_404(
        Role.objects.current()
        .select_related("source")
        .prefetch_related(
            Prefetch("skills", queryset=Skill.objects.current().select_related("source")),
            Prefetch("routes", queryset=RouteTemplate.objects.current().select_related("source")),
            Prefetch(
                "fit_tests",
                queryset=FitTest.objects.current().select_related("source", "milestone"),
            ),
            Prefetch(
                "opportunities",
                queryset=Opportunity.objects.current().select_related("source", "organisation"),
            ),
        ),
        slug=slug,
    )
    organisations = (
        Organisation.objects.current().for_track(current_role.track).select_related("source")
    )
    context = {
        "role": current_role,
        "organisations": organisations,
        "key_facts": Fact.objects.key_for(current_role),
    }
    return render(request, "guide/role.html", context)


# Queries: 1. the route with its role and section, 2. its steps with their milestones.
def route(request: HttpRequest, slug: str) -> HttpResponse:
    current_route = get_object_or_404(
        RouteTemplate.objects.current()
        .select_related("role", "source")
        .prefetch_related(
            Prefetch(
                "steps",
                queryset=RouteStep.objects.filter(milestone__retired=False)
                .select_related("milestone")
                .order_by("position"),
            )
        ),
        slug=slug,
    )
    steps = list(current_route.steps.all())
    return render(request, "guide/route.html", {"route": current_route, "steps": steps})


# Queries: 1. the milestone and its section, 2. prerequisites, 3. what it unlocks,
# 4. skills, 5. resources, 6. routes with their roles, 7. tests of fit.
def milestone(request: HttpRequest, slug: str) -> HttpResponse:
    current_milestone = get_object_or_404(
        Milestone.objects.current()
        .select_related("source", "size_section", "window__section")
        .prefetch_related(
            Prefetch("prerequisites", queryset=Milestone.objects.current()),
            Prefetch("unlocks", queryset=Milestone.objects.current()),
            Prefetch("skills", queryset=Skill.objects.current()),
            Prefetch("resources", queryset=Resource.objects.current().select_related("source")),
            Prefetch("routes", queryset=RouteTemplate.objects.current().select_related("role")),
            Prefetch("fit_tests", queryset=FitTest.objects.current().select_related("source")),
        ),
        slug=slug,
    )
    return render(request, "guide/milestone.html", {"milestone": current_milestone})


def _counts(queryset, field: str) -> dict[str, int]:
    rows = queryset.values(field).annotate(n=Count("pk")).order_by()
    return {row[field]: row["n"] for row in rows}


# Queries: 1–3. how many organisations of each kind and focus and openings of each kind,
# 4. the organisations shown, with sections, 5. the openings shown, with organisations.
@vary_on_headers("HX-Request")
def organisations(request: HttpRequest) -> HttpResponse:
    counts = {
        "kind": _counts(Organisation.objects.current(), "kind"),
        "focus": _counts(Organisation.objects.current(), "focus"),
        "opening": _counts(Opportunity.objects.current(), "kind"),
    }
    form = OrganisationFilterForm(request.GET or None, counts=counts)
    status = 200
    if form.is_bound and not form.is_valid():
        status = 422
    filters = form.filters()

    shown_organisations = Organisation.objects.current().select_related("source")
    for name in ("kind", "focus"):
        if name in filters:
            shown_organisations = shown_organisations.filter(**{name: filters[name]})
    shown_opportunities = Opportunity.objects.current().select_related("organisation", "source")
    if "opening" in filters:
        shown_opportunities = shown_opportunities.filter(kind=filters["opening"])

    context = {
        "form": form,
        "organisations": list(shown_organisations),
        "opportunities": list(shown_opportunities),
        "total_organisations": sum(counts["kind"].values()),
        "total_opportunities": sum(counts["opening"].values()),
    }
    template = "guide/organisations.html"
    if _wants_fragment(request):
        template += "#results"
    return render(request, template, context, status=status)


# Queries: 1. questions, 2. their choices, and only when answered: 3. routes with their
# roles, 4. their steps, 5. the steps' milestones (to tell a PhD route from another),
# 6. the key facts for the suggested role, with their sections, 7. their newer figures.
@vary_on_headers("HX-Request")
def fitcheck(request: HttpRequest) -> HttpResponse:
    questions = list(
        FitQuestion.objects.current().prefetch_related(
            Prefetch("choices", queryset=FitChoice.objects.order_by("position"))
        )
    )
    data = None
    if request.method == "POST":
        data = request.POST
    elif any(question.slug in request.GET for question in questions):
        data = request.GET
    form = FitCheckForm(questions, data)

    recommendation = previous = key_facts = None
    status = 200
    if form.is_bound:
        if form.is_valid():
            routes = list(
                RouteTemplate.objects.current()
                .select_related("role")
                .prefetch_related("steps__milestone")
            )
            if routes:  # an empty catalog has nothing to suggest
                recommendation = fit.recommend(questions, form.answers(), routes)
                key_facts = Fact.objects.key_for(recommendation.route.role)
                fit.remember(request.session, form.answers(), recommendation)
                remembered = fit.remembered(request.session) or {}
                earlier = (remembered.get("previous") or {}).get("route")
                previous = next((route for route in routes if route.slug == earlier), None)
        else:
            status = 422

    context = {
        "form": form,
        "recommendation": recommendation,
        "previous": previous,
        "key_facts": key_facts,
    }
    if not _wants_fragment(request):
        return render(request, "guide/fitcheck.html", context, status=status)
    if status == 422:
        # The errors belong next to the questions, so swap the form as well as the result.
        response = render(request, "guide/fitcheck.html#fitcheck", context, status=status)
        return reswap(retarget(response, "#fitcheck"), "outerHTML")
    return render(request, "guide/fitcheck.html#result", context)
