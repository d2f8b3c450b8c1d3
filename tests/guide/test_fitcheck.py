"""The fit check: the rule in careerplanner/guide/fitcheck.py and the page that asks for it."""

import itertools
import re

import pytest
from django.db.models import Prefetch
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from django.utils.html import escape

from careerplanner.guide import fitcheck
from careerplanner.guide.models import FitChoice, FitQuestion, RouteTemplate

URL = "/guide/fit-check/"


def questions() -> list[FitQuestion]:
    return list(
        FitQuestion.objects.current().prefetch_related(
            Prefetch("choices", queryset=FitChoice.objects.order_by("position"))
        )
    )


def routes() -> list[RouteTemplate]:
    return list(RouteTemplate.objects.current().select_related("role"))


def page(response) -> str:
    return response.content.decode()


def suggested(response) -> str:
    return page(response).split('<h2 id="suggestion">Our suggestion: ')[1].split("</h2>")[0]


def answers_that_pick(slug: str, all_questions, all_routes) -> dict[str, str] | None:
    """Some full set of answers whose suggestion is the route `slug`, or None."""
    options = [[(q.slug, c.value) for c in q.choices.all()] for q in all_questions]
    for combination in itertools.product(*options):
        answers = dict(combination)
        if fitcheck.recommend(all_questions, answers, all_routes).route.slug == slug:
            return answers
    return None


# --- the rule -----------------------------------------------------------------------


def test_every_route_is_reachable_by_some_answers_and_the_page_says_so(client, catalog):
    all_questions, all_routes = questions(), routes()
    assert len(all_routes) >= 5

    for route in all_routes:
        answers = answers_that_pick(route.slug, all_questions, all_routes)
        assert answers is not None, f"no answers lead to {route.slug}"
        response = client.post(URL, answers)
        assert response.status_code == 200
        assert suggested(response) == escape(route.title)
        assert f'href="{route.role.get_absolute_url()}"' in page(response)


def test_reasons_are_those_of_answers_that_scored_for_the_winner(client, catalog):
    answers = {"research-ambition": "teach", "phd-appetite": "keen", "enjoy-programming": "love-it"}

    response = client.post(URL, answers)

    winner = RouteTemplate.objects.get(slug="academic-professor")
    assert suggested(response) == escape(winner.title)
    chosen = {
        (c.question.slug, c.value): c
        for c in FitChoice.objects.select_related("question")
        if (c.question.slug, c.value) in answers.items()
    }
    assert len(chosen) == 3
    for choice in chosen.values():
        scored = choice.points.get(winner.slug, 0) > 0
        assert (escape(choice.reason) in page(response)) == scored, choice.value
    reasons = page(response).split('<ul class="reasons">')[1].split("</ul>")[0]
    assert reasons.count("<li>") == 2


def test_a_tie_goes_to_the_route_listed_first_and_names_the_runner_up(catalog):
    # Loving programming gives 2 points each to the two empirical contributor routes.
    answers = {"enjoy-programming": "love-it"}
    all_routes = routes()

    result = fitcheck.recommend(questions(), answers, all_routes)

    assert result.route.slug == "research-engineer-via-software-job"
    assert result.runner_up.slug == "empirical-contributor-via-replications"
    assert result.score == result.runner_up_score == 2
    assert any("tie" in caveat and result.runner_up.title in caveat for caveat in result.caveats)

    # Swap the two routes' order and the other one wins: the tie-break is the seed order.
    first, second = (r for r in all_routes if r.slug in (result.route.slug, result.runner_up.slug))
    first.position, second.position = second.position, first.position
    flipped = fitcheck.recommend(questions(), answers, all_routes)
    assert flipped.route.slug == "empirical-contributor-via-replications"


def test_a_one_point_lead_is_called_close(catalog):
    # Leading gives 3 to each empirical lead route; being open to a PhD adds 1 to the PhD one.
    answers = {"research-ambition": "lead", "phd-appetite": "open"}

    result = fitcheck.recommend(questions(), answers, routes())

    assert result.route.slug == "empirical-lead-via-ml-phd"
    assert result.score - result.runner_up_score == 1
    assert any("close" in caveat for caveat in result.caveats)


def test_a_clear_winner_has_no_tie_or_close_caveat(catalog):
    answers = {q.slug: "" for q in questions()} | {
        "research-ambition": "teach",
        "phd-appetite": "keen",
        "ml-experience": "published",
    }

    result = fitcheck.recommend(questions(), answers, routes())

    assert result.route.slug == "academic-professor"
    assert not any("tie" in c or "close" in c for c in result.caveats)


def test_partial_answers_say_how_many_questions_were_skipped(client, catalog):
    total = FitQuestion.objects.count()

    response = client.post(URL, {"enjoy-programming": "prefer-pen-and-paper"})

    assert f"You left {total - 1} of {total} questions unanswered" in page(response)


def test_no_answers_give_the_first_route_as_a_default_with_a_caveat(client, catalog):
    first = RouteTemplate.objects.order_by("position").first()

    response = client.post(URL, {})

    assert response.status_code == 200
    assert suggested(response) == escape(first.title)
    assert "this is our default starting point" in page(response)
    assert "Runner-up" not in page(response)
    assert 'class="reasons"' not in page(response)


def test_an_empty_catalog_asks_nothing_and_suggests_nothing(client, empty_catalog):
    response = client.post(URL, {})

    assert response.status_code == 200
    assert 'id="suggestion"' not in page(response)


def test_points_for_a_retired_route_are_ignored(catalog):
    RouteTemplate.objects.filter(slug="academic-professor").update(retired=True)

    result = fitcheck.recommend(questions(), {"research-ambition": "teach"}, routes())

    assert result.route.slug != "academic-professor"
    assert result.runner_up is None or result.runner_up.slug != "academic-professor"


# --- the page -----------------------------------------------------------------------


def test_the_form_asks_every_question_in_a_fieldset_and_none_is_required(client, catalog):
    response = client.get(URL)

    assert response.status_code == 200
    for question in questions():
        assert f"<legend>{escape(question.text)}</legend>" in page(response)
        for choice in question.choices.all():
            assert escape(choice.label) in page(response)
    assert page(response).count("Skip this question") == FitQuestion.objects.count()
    assert not re.search(r"<input[^>]* required", page(response))
    # Nothing is suggested until the visitor asks.
    assert 'id="suggestion"' not in page(response)


def test_answers_in_the_address_give_a_suggestion_too(client, catalog):
    response = client.get(URL, {"research-ambition": "teach"})

    assert suggested(response) == escape(RouteTemplate.objects.get(slug="academic-professor").title)


def test_an_unknown_answer_is_a_422_with_the_message_by_its_question(client, catalog):
    response = client.post(URL, {"enjoy-programming": "juggling", "research-ambition": "teach"})

    assert response.status_code == 422
    fieldset = (
        page(response)
        .split('aria-describedby="enjoy-programming-error"')[1]
        .split("</fieldset>")[0]
    )
    assert "“juggling” is not one of the answers to this question" in fieldset
    # The other answer is kept, and nothing was suggested or remembered.
    assert 'value="teach" id="id_research-ambition_2" checked' in page(response)
    assert 'id="suggestion"' not in page(response)
    assert fitcheck.SESSION_KEY not in client.session


def test_the_answers_and_route_are_kept_in_the_session(client, catalog):
    answers = {"research-ambition": "teach", "phd-appetite": "keen"}

    client.post(URL, answers | {"enjoy-programming": ""})

    assert client.session["fitcheck"] == {"answers": answers, "route": "academic-professor"}
    assert fitcheck.remembered(client.session) == client.session["fitcheck"]


def test_with_htmx_only_the_result_is_returned(client, catalog):
    response = client.post(URL, {"research-ambition": "teach"}, headers={"HX-Request": "true"})

    assert response.status_code == 200
    assert page(response).strip().startswith('<div id="result"')
    assert "<form" not in page(response)
    assert "Our suggestion:" in page(response)


def test_with_htmx_an_unknown_answer_swaps_the_form_with_its_error(client, catalog):
    response = client.post(URL, {"enjoy-programming": "juggling"}, headers={"HX-Request": "true"})

    assert response.status_code == 422
    assert response.headers["HX-Retarget"] == "#fitcheck"
    assert response.headers["HX-Reswap"] == "outerHTML"
    assert page(response).strip().startswith('<div id="fitcheck"')
    assert "“juggling” is not one of the answers" in page(response)


def test_start_a_plan_link_appears_once_plans_can_start_one(client, catalog):
    response = client.post(URL, {"research-ambition": "teach"})

    try:
        start = reverse("plans:start")
    except NoReverseMatch:
        assert "Start a plan from this route" not in page(response)
    else:
        assert f'href="{start}?route=academic-professor"' in page(response)


def answered_post_queries(client) -> int:
    from django.db import connection

    with CaptureQueriesContext(connection) as queries:
        assert client.post(URL, {"research-ambition": "teach"}).status_code == 200
    return len(queries)


@pytest.mark.parametrize("fixture", ["catalog", "grown_catalog"])
def test_answering_takes_a_fixed_number_of_queries(client, request, fixture):
    request.getfixturevalue(fixture)
    # 1. questions, 2. choices, 3. routes with roles, then saving the new session:
    # 4. is the session key taken, 5. savepoint, 6. insert the session, 7. release.
    assert answered_post_queries(client) == 7
