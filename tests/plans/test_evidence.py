"""Evidence on a step: added and removed by its owner, with and without htmx; links only to
web addresses, shown with rel="noopener nofollow"; summed up on the plan page."""

from datetime import date

import pytest
from django.urls import reverse

from careerplanner.guide.models import Milestone, RouteTemplate
from careerplanner.plans import scheduling
from careerplanner.plans.models import Evidence

HTMX = {"HTTP_HX_REQUEST": "true"}
GOOD = {
    "kind": "repository",
    "title": "My DQN replication",
    "url": "https://github.com/me/dqn",
    "text": "Matches the paper's Pong score.",
    "date": "2026-02-20",
}


# Today is Monday 2 March 2026 (the `frozen_today` fixture of conftest.py).
pytestmark = pytest.mark.usefixtures("frozen_today")


def _page_url(step):
    return reverse("plans:step_evidence", args=[step.pk])


def test_adding_evidence_without_javascript(planner, step):
    response = planner.post(_page_url(step), GOOD)

    assert response.status_code == 302 and response["Location"] == _page_url(step)
    piece = Evidence.objects.get()
    assert (piece.step, piece.title, piece.url, piece.date) == (
        step,
        "My DQN replication",
        "https://github.com/me/dqn",
        date(2026, 2, 20),
    )
    page = planner.get(_page_url(step)).content.decode()
    assert (
        '<a href="https://github.com/me/dqn" rel="noopener nofollow">My DQN replication</a>' in page
    )
    assert "Matches the paper&#x27;s Pong score." in page


def test_adding_evidence_with_htmx_answers_the_fresh_list_and_an_empty_form(planner, step):
    response = planner.post(_page_url(step), GOOD, **HTMX)

    page = response.content.decode()
    assert response.status_code == 200 and "<html" not in page
    assert 'id="evidence"' in page and "My DQN replication" in page
    assert 'value="My DQN replication"' not in page  # the form is empty again
    assert "Added “My DQN replication”" in page  # said to screen readers


def test_a_web_address_without_its_scheme_is_taken_as_https(planner, step):
    planner.post(_page_url(step), {**GOOD, "url": "github.com/me/dqn"})
    assert Evidence.objects.get().url == "https://github.com/me/dqn"


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(document.cookie)",
        "JavaScript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "ftp://files.example.org/paper.pdf",
        "vbscript:msgbox(1)",
    ],
)
def test_anything_but_a_web_address_is_refused_next_to_the_field(planner, step, url):
    response = planner.post(_page_url(step), {**GOOD, "url": url})

    assert response.status_code == 422
    page = response.content.decode()
    field = page[page.index('id="id_url"') - 600 : page.index('id="id_url"') + 400]
    assert "Enter a web address starting with https:// or http://" in field
    assert 'value="My DQN replication"' in page  # what was typed stays
    assert not Evidence.objects.exists()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"url": "", "text": ""}, "Add a link, or write a few lines on what it shows."),
        ({"title": ""}, "Say in a few words what it is."),
        ({"date": "2026-03-03"}, "That date is still to come"),
        ({"date": "3 March"}, "Enter a real date as year-month-day"),
        ({"kind": "trophy"}, "Choose one of the kinds listed."),
        ({"title": "x" * 201}, "Keep the title to 200 characters or fewer"),
    ],
)
def test_bad_input_gets_a_message_and_saves_nothing(planner, step, change, message):
    response = planner.post(_page_url(step), {**GOOD, **change}, **HTMX)
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not Evidence.objects.exists()


def test_a_note_of_ones_own_needs_no_link(planner, step):
    planner.post(_page_url(step), {**GOOD, "kind": "note", "url": "", "text": "Did it all."})
    assert Evidence.objects.get().url == ""


def test_a_stored_script_address_is_never_shown_as_a_link(planner, step):
    # Saved around the form (by hand, or before the rule): still never an href.
    Evidence.objects.create(
        step=step, title="Sneaky", url="javascript:alert(1)", date=date(2026, 1, 1)
    )
    page = planner.get(_page_url(step)).content.decode()
    assert "Sneaky" in page
    assert 'href="javascript:' not in page.lower()


def test_removing_evidence(planner, step):
    planner.post(_page_url(step), GOOD)
    piece = Evidence.objects.get()

    response = planner.post(reverse("plans:evidence_remove", args=[piece.pk]))

    assert response.status_code == 302
    assert not Evidence.objects.exists()


def test_removing_with_htmx_answers_the_list(planner, step):
    planner.post(_page_url(step), GOOD)
    piece = Evidence.objects.get()
    response = planner.post(reverse("plans:evidence_remove", args=[piece.pk]), **HTMX)
    page = response.content.decode()
    assert "<html" not in page and "Removed “My DQN replication”" in page
    assert 'href="https://github.com/me/dqn"' not in page


def test_the_step_page_says_what_good_evidence_looks_like(planner, user, catalog):
    route = RouteTemplate.objects.get(slug="empirical-contributor-via-replications")
    plan = scheduling.start_plan(
        user, title="P", start_date=date(2026, 3, 2), hours_per_week=10, route=route
    )
    step = plan.steps.get(milestone__slug="replicate-a-paper")
    page = planner.get(_page_url(step)).content.decode()
    evidence = Milestone.objects.get(slug="replicate-a-paper").evidence
    assert "What good evidence looks like" in page
    assert evidence.split(":")[0] in page


def test_the_plan_page_sums_up_each_steps_evidence(planner, plan, step):
    pieces = [
        Evidence.objects.create(step=step, title=f"Piece {n}", date=date(2026, 2, 1))
        for n in range(2)
    ]
    pieces[0].confirm(advisor=None, note="Good work")

    page = planner.get(plan.get_absolute_url()).content.decode()
    item = page[page.index(f'id="step-{step.pk}"') :]
    item = item[: item.index("</li>")]
    assert "Evidence: 2 pieces" in item and "1 confirmed by an advisor" in item
    # The step's own page (and the plan page's dialog) links to its evidence.
    step_page = planner.get(reverse("plans:step_edit", args=[step.pk])).content.decode()
    assert reverse("plans:step_evidence", args=[step.pk]) in step_page
