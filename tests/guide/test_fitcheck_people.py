"""Eight people through the fit check and into a plan, on the committed seeds: the route a
good advisor would suggest, the reasons shown, and no step they already have left to do.

Each person's answers are what someone in that position would honestly give; the comment
above each says why the suggestion is the one an advisor would make, from the guide."""

from datetime import date

import pytest
from django.urls import reverse

from careerplanner.plans.models import Plan, PlanStep

URL = "/guide/fit-check/"

PEOPLE = {
    # The guide: a strong software engineer "could apply for empirical research contributor
    # roles right now", even without ML. So: apply now, not redo Python and three maths
    # courses first.
    "strong software engineer without ML": (
        {
            "programming-now": "professional",
            "ml-now": "none",
            "degree-now": "have-one",
            "phd-now": "none",
            "papers-now": "none",
            "safety-now": "little",
            "time-now": "ten",
            "enjoy-programming": "love-it",
            "maths-and-theory": "solid",
            "research-ambition": "contribute",
            "phd-appetite": "open",
        },
        "empirical-contributor-apply-now",
        ["As a strong software engineer you could, in the guide's view, apply"],
    ),
    # An ML researcher who wants to lead but would rather not do a PhD: the guide says a
    # contributor can become a lead without one, and an explicit "rather not" must never be
    # overridden by a tie-break towards the PhD route.
    "ML researcher in industry who would rather not do a PhD": (
        {
            "programming-now": "projects",
            "ml-now": "job",
            "degree-now": "have-one",
            "phd-now": "none",
            "papers-now": "co-author",
            "safety-now": "some",
            "time-now": "ten",
            "enjoy-programming": "fine",
            "maths-and-theory": "solid",
            "research-ambition": "lead",
            "phd-appetite": "rather-not",
        },
        "empirical-lead-via-contributor",
        ["You already work in ML", "a contributor can become a lead without one"],
    ),
    # A maths PhD student who wants to carry research out: the guide says a very strong
    # maths background fits theoretical research and ARC hires theory contributors; the
    # wish to contribute, not to lead, decides between the theory routes.
    "maths PhD student who wants to contribute": (
        {
            "programming-now": "scripts",
            "ml-now": "course",
            "degree-now": "have-one",
            "phd-now": "doing-theory",
            "papers-now": "none",
            "safety-now": "some",
            "time-now": "twenty",
            "enjoy-programming": "prefer-pen-and-paper",
            "maths-and-theory": "very-strong",
            "research-ambition": "contribute",
            "phd-appetite": "open",
        },
        "theory-contributor-without-research-background",
        ["A maths or theoretical CS PhD is, in the guide's view, a good sign of fit"],
    ),
    # A CS undergraduate unsure what to aim for: the guide suggests an ML course at
    # university and a summer software internship while studying, and trying things out.
    "CS undergraduate": (
        {
            "programming-now": "projects",
            "ml-now": "course",
            "degree-now": "studying",
            "phd-now": "none",
            "papers-now": "none",
            "safety-now": "little",
            "time-now": "ten",
            "enjoy-programming": "love-it",
            "maths-and-theory": "solid",
            "research-ambition": "unsure",
            "phd-appetite": "open",
        },
        "empirical-contributor-from-university",
        ["You are at university"],
    ),
    # A physics postdoc who wants to lead: a second PhD is rarely the way; the guide has
    # seen people move over from other quantitative fields, and a contributor can grow into
    # a lead.
    "physics postdoc": (
        {
            "programming-now": "scripts",
            "ml-now": "none",
            "degree-now": "have-one",
            "phd-now": "done-other",
            "papers-now": "none",
            "safety-now": "little",
            "time-now": "twenty",
            "enjoy-programming": "fine",
            "maths-and-theory": "very-strong",
            "research-ambition": "lead",
            "phd-appetite": "open",
        },
        "empirical-lead-via-contributor",
        ["You already have a PhD and research experience"],
    ),
    # Someone from policy who has never coded: the guide says to test fit cheaply first
    # (a first program, a maths course) and to work elsewhere, such as governance, if that
    # fits better. The suggestion must lead with that, not claim strengths they lack.
    "policy person with no code": (
        {
            "programming-now": "hardly",
            "ml-now": "none",
            "degree-now": "not-yet",
            "phd-now": "none",
            "papers-now": "none",
            "safety-now": "some",
            "time-now": "five",
            "enjoy-programming": "never-tried",
            "maths-and-theory": "basic",
            "research-ambition": "unsure",
            "phd-appetite": "open",
        },
        "research-engineer-via-software-job",
        ["a route where a software job does much of the teaching"],
    ),
    # An ML PhD graduate who wants to lead: the guide says nearly all research leads have a
    # PhD; they can apply to lead now, after the capabilities decision and a fit check.
    "ML PhD holder": (
        {
            "programming-now": "projects",
            "ml-now": "deep-learning",
            "degree-now": "have-one",
            "phd-now": "done-ml",
            "papers-now": "both",
            "safety-now": "some",
            "time-now": "twenty",
            "enjoy-programming": "fine",
            "maths-and-theory": "solid",
            "research-ambition": "lead",
            "phd-appetite": "open",
        },
        "empirical-lead-via-ml-phd",
        ["With an ML PhD you hold what the guide says the great majority of research leads"],
    ),
    # A full-time worker with 5 hours a week who codes a little: self-study at that pace
    # takes many years, while the guide calls a job the best way to become a strong
    # engineer; so: into a software job first.
    "full-time job and 5 hours a week": (
        {
            "programming-now": "scripts",
            "ml-now": "none",
            "degree-now": "have-one",
            "phd-now": "none",
            "papers-now": "none",
            "safety-now": "little",
            "time-now": "five",
            "enjoy-programming": "love-it",
            "maths-and-theory": "solid",
            "research-ambition": "contribute",
            "phd-appetite": "rather-not",
        },
        "research-engineer-via-software-job",
        ["a route where a software job does much of the teaching"],
    ),
}


def _suggested_slug(page: str, routes) -> str:
    heading = page.split('<h2 id="suggestion">')[1].split("</h2>")[0]
    assert heading.startswith("Our suggestion: "), heading
    title = heading.removeprefix("Our suggestion: ")
    return next(route.slug for route in routes if route.title == title)


@pytest.mark.parametrize("person", PEOPLE, ids=list(PEOPLE))
def test_each_person_gets_the_route_a_good_advisor_would_suggest(client, catalog, person):
    from careerplanner.guide.models import RouteTemplate

    answers, route, reasons = PEOPLE[person]
    response = client.post(URL, answers)

    page = response.content.decode().replace("&#x27;", "'")
    assert _suggested_slug(page, RouteTemplate.objects.all()) == route
    for reason in reasons:
        assert reason in page, reason


def test_the_policy_person_hears_first_how_to_test_their_fit_and_of_other_paths(client, catalog):
    answers, _, _ = PEOPLE["policy person with no code"]
    page = client.post(URL, answers).content.decode()

    first_caveat = page.split('<ul class="caveats">')[1].split("</li>")[0]
    assert "Test your fit cheaply before committing" in first_caveat
    assert "governance" in first_caveat
    assert page.index('class="caveats"') < page.index('class="reasons"')
    assert "strengths" not in page


@pytest.mark.parametrize("person", PEOPLE, ids=list(PEOPLE))
def test_a_plan_from_the_check_leaves_nothing_they_already_have_to_do(
    client, catalog, make_user, person
):
    answers, route, _ = PEOPLE[person]
    user = make_user(f"{route[:20]}-{len(person)}@example.com")
    client.force_login(user)
    client.post(URL, answers)  # kept in the session, as across sign-up

    client.post(
        reverse("plans:start"),
        {
            "route": route,
            "title": "My plan",
            "start_date": "2027-01-04",
            "hours_per_week": "10",
            "already_had": _had(client),
        },
    )

    plan = Plan.objects.get(owner=user)
    from careerplanner.guide.models import FitChoice

    had = set()
    for question, value in answers.items():
        choice = FitChoice.objects.get(question__slug=question, value=value)
        had |= set(choice.had)
    steps = list(plan.steps.select_related("milestone"))
    left = [s.milestone.slug for s in steps if s.milestone.slug in had and s.is_open]
    assert not left, f"{person}: still to do although they have them: {left}"
    marked = {s.milestone.slug for s in steps if s.status == PlanStep.Status.HAD}
    assert marked == had & {s.milestone.slug for s in steps}
    # The plan begins at the first step they do not have.
    first = min((s for s in steps if s.is_open), key=lambda s: s.planned_start or date.max)
    assert first.milestone.slug not in had


def _had(client) -> list[str]:
    return client.session["fitcheck"]["had"]
