"""The fit check: the rule in careerplanner/guide/fitcheck.py and the page that asks for it."""

import re
from urllib.parse import quote

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


def recommend(answers):
    return fitcheck.recommend(questions(), answers, routes())


# --- the rule -----------------------------------------------------------------------


def test_the_most_points_win_and_the_reasons_are_those_of_answers_that_scored(fit_catalog):
    result = recommend({"coding": "pro", "want": "build", "phd": "keen"})

    # engineer: 3 + 2 = 5; phd-lead: 2 + 1 = 3.
    assert (result.route.slug, result.score) == ("engineer", 5)
    assert result.reasons == ["You code for a living.", "You like building."]
    assert result.runner_up.slug == "phd-lead" and not result.tie


def test_rather_not_doing_a_phd_is_never_overridden_by_points(fit_catalog):
    result = recommend({"want": "lead", "phd": "no"})

    # Only the PhD route scored, and it is ruled out: no suggestion, the closest two shown.
    assert not result.fits
    assert result.route.slug == "phd-lead"
    assert result.reasons == []
    assert any("None of our routes fits every answer" in caveat for caveat in result.caveats)


def test_a_ruled_out_route_never_wins_a_tie(fit_catalog):
    result = recommend({"want": "build", "phd": "no"})

    # engineer and phd-lead both have 2, but phd-lead is ruled out: no tie, engineer wins.
    assert result.route.slug == "engineer" and result.fits and not result.tie
    assert result.runner_up is None


def test_a_tie_is_two_options_with_the_one_thing_that_separates_them(fit_catalog):
    result = recommend({"want": "build"})

    assert result.tie and {result.route.slug, result.runner_up.slug} == {"engineer", "phd-lead"}
    assert result.separates == (
        "“The phd-lead route” aims at leading research: proposing projects and setting "
        "direction; “The engineer route” at carrying research out."
    )


def test_what_separates_two_routes_of_the_same_kind_is_the_phd_or_the_way_in(fit_catalog):
    engineer, lead, theorist = (fit_catalog[slug] for slug in ("engineer", "phd-lead", "theorist"))
    assert "empirical work" in fitcheck.separates(engineer, theorist)
    lead.role = engineer.role  # the same role: now only the PhD tells them apart
    assert fitcheck.separates(lead, engineer) == (
        "“The phd-lead route” goes through a 4–6 year PhD; “The engineer route” does not."
    )


def test_where_you_are_now_marks_what_you_have_and_the_hours(fit_catalog):
    result = recommend({"coding": "pro"})

    assert result.had == ["learn-python"] and result.hours_per_week == 20


def test_a_caveat_is_shown_whatever_the_route(fit_catalog):
    result = recommend({"coding": "never", "want": "prove"})

    assert result.route.slug == "theorist"
    assert result.caveats[0] == "Try a tiny program first."


def test_a_one_point_lead_is_called_close(fit_catalog):
    result = recommend({"want": "lead", "coding": "pro"})  # phd-lead 3, engineer 3

    assert result.tie  # equal scores are a tie, not "close"
    close = recommend({"want": "lead", "phd": "keen", "coding": "pro"})  # 4 v 3
    assert close.route.slug == "phd-lead" and not close.tie
    assert any("It was close" in caveat for caveat in close.caveats)


def test_partial_answers_say_how_many_questions_were_skipped(client, fit_catalog):
    response = client.post(URL, {"want": "prove"})

    assert "You left 2 of 3 questions unanswered" in page(response)


def test_no_answers_give_the_first_route_as_a_default_with_a_caveat(client, fit_catalog):
    response = client.post(URL, {})

    assert response.status_code == 200
    assert suggested(response) == "The engineer route"
    assert "this is our default starting point" in page(response)
    assert "Runner-up" not in page(response)
    assert 'class="reasons"' not in page(response)


def test_an_empty_catalog_asks_nothing_and_suggests_nothing(client, empty_catalog):
    response = client.post(URL, {})

    assert response.status_code == 200
    assert 'id="suggestion"' not in page(response)


def test_points_for_a_retired_route_are_ignored(fit_catalog):
    RouteTemplate.objects.filter(slug="theorist").update(retired=True)

    result = recommend({"want": "prove", "coding": "pro"})

    assert result.route.slug == "engineer"


def test_loadguide_refuses_a_route_no_answers_can_suggest(fit_catalog, tmp_path):
    import io
    import shutil
    from pathlib import Path

    import yaml
    from django.conf import settings
    from django.core.management import CommandError, call_command

    seeds = tmp_path / "seeds"
    shutil.copytree(Path(settings.BASE_DIR) / "seeds", seeds)
    data = yaml.safe_load((seeds / "fitcheck.yaml").read_text())
    for question in data["questions"]:
        for choice in question["choices"]:
            (choice.get("points") or {}).pop("academic-professor", None)
    (seeds / "fitcheck.yaml").write_text(yaml.safe_dump(data, allow_unicode=True))

    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("loadguide", str(seeds), stdout=io.StringIO(), stderr=err)
    assert "no answers make route 'academic-professor' the clear suggestion" in err.getvalue()


# --- the page -----------------------------------------------------------------------


def test_the_form_asks_every_question_in_a_fieldset_and_none_is_required(client, fit_catalog):
    response = client.get(URL)

    assert response.status_code == 200
    for question in questions():
        assert f"<legend>{escape(question.text)}</legend>" in page(response)
        for choice in question.choices.all():
            assert escape(choice.label) in page(response)
    assert page(response).count("Skip this question") == FitQuestion.objects.count()
    assert not re.search(r"<input[^>]* required", page(response))
    # Where you are now comes first, then what suits you.
    assert page(response).index("Where you are now") < page(response).index("What suits you")
    # Nothing is suggested until the visitor asks.
    assert 'id="suggestion"' not in page(response)


def test_answers_in_the_address_give_a_suggestion_too(client, fit_catalog):
    response = client.get(URL, {"want": "prove"})

    assert suggested(response) == "The theorist route"


def test_an_unknown_answer_is_a_422_with_the_message_by_its_question(client, fit_catalog):
    response = client.post(URL, {"coding": "juggling", "want": "prove"})

    assert response.status_code == 422
    fieldset = page(response).split('aria-describedby="coding-error"')[1].split("</fieldset>")[0]
    assert "“juggling” is not one of the answers to this question" in fieldset
    # The other answer is kept, and nothing was suggested or remembered.
    assert 'value="prove" id="id_want_2" checked' in page(response)
    assert 'id="suggestion"' not in page(response)
    assert fitcheck.SESSION_KEY not in client.session


def test_the_answers_and_route_are_kept_in_the_session(client, fit_catalog):
    answers = {"coding": "pro", "want": "build"}

    client.post(URL, answers | {"phd": ""})

    assert client.session["fitcheck"] == {
        "answers": answers,
        "route": "engineer",
        "had": ["learn-python"],
        "doing": [],
        "hours_per_week": 20,
        "previous": None,
    }
    assert fitcheck.remembered(client.session) == client.session["fitcheck"]


def test_a_retake_is_compared_with_the_last_result(client, fit_catalog):
    client.post(URL, {"want": "prove"})

    response = client.post(URL, {"coding": "pro", "want": "build"})

    assert "Last time you took the fit check, it suggested" in page(response)
    assert "The theorist route" in page(response).split('class="compare"')[1]
    assert client.session["fitcheck"]["previous"]["route"] == "theorist"


def test_no_fitting_route_offers_no_plan_to_start(client, fit_catalog):
    response = client.post(URL, {"want": "lead", "phd": "no"})

    assert "No route fits every answer" in page(response)
    assert "Start a plan from" not in page(response)
    assert client.session["fitcheck"]["route"] is None


def test_with_htmx_only_the_result_is_returned(client, fit_catalog):
    response = client.post(URL, {"want": "prove"}, headers={"HX-Request": "true"})

    assert response.status_code == 200
    assert page(response).strip().startswith('<div id="result"')
    assert "<form" not in page(response)
    assert "Our suggestion:" in page(response)


def test_with_htmx_an_unknown_answer_swaps_the_form_with_its_error(client, fit_catalog):
    response = client.post(URL, {"coding": "juggling"}, headers={"HX-Request": "true"})

    assert response.status_code == 422
    assert response.headers["HX-Retarget"] == "#fitcheck"
    assert response.headers["HX-Reswap"] == "outerHTML"
    assert page(response).strip().startswith('<div id="fitcheck"')
    assert "“juggling” is not one of the answers" in page(response)


def test_start_a_plan_link_appears_once_plans_can_start_one(client, fit_catalog, user):
    response = client.post(URL, {"want": "prove"})

    try:
        start = reverse("plans:start")
    except NoReverseMatch:
        assert "Start a plan from this route" not in page(response)
    else:
        # A visitor signs up first, and comes back to this route's plan afterwards.
        signup = reverse("account_signup")
        target = quote(f"{start}?route=theorist", safe="")
        assert f'href="{signup}?next={target}"' in page(response)
        client.force_login(user)
        assert f'href="{start}?route=theorist"' in page(client.post(URL, {"want": "prove"}))

    tie = client.post(URL, {"want": "build"})
    assert "Two options:" in page(tie) and "What separates them:" in page(tie)
    assert page(tie).count(f'href="{reverse("plans:start")}?route=') == 2


def answered_post_queries(client) -> int:
    from django.db import connection

    with CaptureQueriesContext(connection) as queries:
        assert client.post(URL, {"ambition": "teach"}).status_code == 200
    return len(queries)


@pytest.mark.parametrize("fixture", ["view_catalog", "grown_catalog"])
def test_answering_takes_a_fixed_number_of_queries(client, request, fixture):
    request.getfixturevalue(fixture)
    # 1. questions, 2. choices, 3. routes with roles, 4. their steps, 5. the steps'
    # milestones, 6. the key facts for the suggested role, 7. their newer figures, then
    # saving the new session: 8. is the session key taken, 9. savepoint, 10. insert the
    # session, 11. release.
    assert answered_post_queries(client) == 11
