"""The look-back nudge: when a plan's chosen interval has passed since its last review (or
its start), the person is invited once, at their hour, to look back and ask for a review;
the email says what changed and names the guide's tests of fit; one click stops it."""

import uuid
from datetime import date

import pytest
import time_machine
from django.urls import reverse

from careerplanner.guide.models import RouteTemplate
from careerplanner.nudges.content import compose
from careerplanner.nudges.models import Nudge
from careerplanner.nudges.sweep import sweep
from careerplanner.nudges.unsubscribe import Unsubscribe, read_token
from careerplanner.plans import history, scheduling
from careerplanner.plans.models import PlanSnapshot, PlanStep
from careerplanner.reviews import services
from careerplanner.reviews.advisors import make_advisor
from careerplanner.reviews.models import ReviewRequest
from tests.nudges.test_sweep import at

pytestmark = pytest.mark.django_db

STARTED = date(2025, 12, 1)
DUE = date(2026, 12, 1)  # a year on, the default interval
KIND = Nudge.Kind.RE_REVIEW


@pytest.fixture
def plan(make_user, catalog):
    user = make_user(timezone="America/New_York")
    route = RouteTemplate.objects.get(slug="research-engineer-via-software-job")
    with time_machine.travel(at(STARTED, 10, 0, "America/New_York"), tick=False):
        plan = scheduling.start_plan(
            user, title="Research engineer", start_date=STARTED, hours_per_week=10, route=route
        )
        history.record(plan, PlanSnapshot.Reason.STARTED, STARTED)
    return plan


def test_a_new_plan_looks_back_a_year_after_it_starts(plan):
    assert (plan.re_review_months, plan.re_review_due) == (12, DUE)


def test_it_fires_once_at_the_persons_hour_on_the_day(plan):
    new_york = "America/New_York"
    assert sweep(at(date(2026, 11, 30), 9, 5, new_york))[KIND] == 0  # the day before
    assert sweep(at(DUE, 8, 55, new_york))[KIND] == 0  # before their hour
    assert sweep(at(DUE, 9, 0, new_york))[KIND] == 1
    assert sweep(at(date(2026, 12, 2), 9, 0, new_york))[KIND] == 0  # once for this date
    nudge = Nudge.objects.get(kind=KIND)
    assert uuid.UUID(nudge.subject.removeprefix("plan:")) == plan.pk
    assert (nudge.user, nudge.period) == (plan.owner, "2026-12-01")


@pytest.mark.parametrize(
    "change",
    ["never", "review asked for", "archived", "email unwanted", "unverified"],
)
def test_no_nudge_when_the_person_does_not_want_or_need_one(plan, change):
    match change:
        case "never":
            plan.re_review_months = None
            plan.schedule_re_review()
            plan.save()
        case "review asked for":
            ReviewRequest.objects.create(plan=plan)
        case "archived":
            plan.archive()
        case "email unwanted":
            plan.owner.wants_re_review = False
            plan.owner.save()
        case "unverified":
            plan.owner.emailaddress_set.update(verified=False)
    assert sweep(at(DUE, 9, 0, "America/New_York"))[KIND] == 0


def test_a_finished_review_moves_the_next_look_back(plan):
    advisor, _ = make_advisor("advisor@example.com")
    review = ReviewRequest.objects.create(plan=plan)
    services.take(review, advisor)
    with time_machine.travel(at(date(2026, 6, 15), 12, 0, "America/New_York"), tick=False):
        services.finish(review, advisor, verdict="on_track", summary="Good.")
    plan.refresh_from_db()
    assert plan.re_review_due == date(2027, 6, 15)
    assert sweep(at(DUE, 9, 0, "America/New_York"))[KIND] == 0
    assert sweep(at(date(2027, 6, 15), 9, 0, "America/New_York"))[KIND] == 1


def test_the_interval_is_chosen_in_the_plans_settings(client, plan):
    client.force_login(plan.owner)
    url = reverse("plans:plan_edit", args=[plan.pk])
    data = {
        "title": plan.title,
        "start_date": STARTED.isoformat(),
        "hours_per_week": "10",
        "route": plan.route_id,
        "re_review_months": "6",
    }
    assert client.post(url, data).status_code == 302
    plan.refresh_from_db()
    assert plan.re_review_due == date(2026, 6, 1)

    response = client.post(url, {**data, "re_review_months": "7"})
    assert response.status_code == 422
    assert "Choose one of the intervals listed." in response.content.decode()

    client.post(url, {**data, "re_review_months": ""})  # never
    plan.refresh_from_db()
    assert (plan.re_review_months, plan.re_review_due) == (None, None)


def test_the_email_says_what_changed_names_the_tests_of_fit_and_how_to_stop(plan):
    for step in plan.steps.order_by("position")[:3]:
        step.set_status(PlanStep.Status.DONE, date(2026, 3, 1))
    sweep(at(DUE, 9, 0, "America/New_York"))
    nudge = Nudge.objects.get(kind=KIND)

    with time_machine.travel(at(DUE, 9, 1, "America/New_York"), tick=False):
        message = compose(nudge)

    text = message.body
    html = message.alternatives[0][0]
    assert message.subject == 'Time to look back at "Research engineer"'
    assert "Since you started it (1 December 2025): 3 steps done" in text
    for test in plan.role.fit_tests.all():
        assert test.title in text
    assert f"/plans/{plan.pk}/#review-panel" in text and "Ask an advisor to review it" in html
    assert reverse("plans:plan_history", args=[plan.pk]) in text
    link = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert read_token(link.rstrip("/").rsplit("/", 1)[1]) == Unsubscribe(plan.owner.pk, KIND)
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_nothing_is_sent_if_a_review_was_asked_for_after_the_sweep(plan):
    sweep(at(DUE, 9, 0, "America/New_York"))
    ReviewRequest.objects.create(plan=plan)
    assert compose(Nudge.objects.get(kind=KIND)) is None


def test_one_click_stops_it(client, plan):
    unsubscribe = Unsubscribe(plan.owner.pk, KIND)
    response = client.post(unsubscribe.url())
    assert response.status_code == 200
    plan.owner.refresh_from_db()
    assert not plan.owner.wants_re_review
    assert plan.owner.wants_digest  # only this kind
