"""Review events reach nudges through the signals reviews sends (reviews/signals.py): the
emails go out whoever calls the service, with no admin and no view in between; the
advisors' email says what changed in the plan since its last review."""

from datetime import date

import pytest
import time_machine

from careerplanner.nudges import sending
from careerplanner.nudges.content import compose
from careerplanner.plans import history
from careerplanner.plans.models import PlanSnapshot, PlanStep
from careerplanner.reviews import services
from careerplanner.reviews.advisors import make_advisor


@pytest.fixture
def advisor(db):
    return make_advisor("advisor@example.com")[0]


@pytest.fixture
def plan(make_user, make_plan):
    owner = make_user("ada@example.com")
    return make_plan(owner, [("Learn Python", date(2026, 12, 1))], title="Research engineer")


def test_asking_through_the_service_emails_every_advisor(plan, advisor, mailoutbox):
    review = services.ask(plan, "Is my pace realistic?")

    sending.send_due(compose)
    (email,) = mailoutbox
    assert email.to == ["advisor@example.com"]
    assert "Research engineer" in email.subject
    assert f"/admin/reviews/reviewrequest/{review.pk}/change/" in email.body


def test_the_advisors_email_says_what_changed_since_the_last_review(plan, advisor, mailoutbox):
    first = services.ask(plan)
    services.take(first, advisor)
    with time_machine.travel("2026-02-02 12:00Z", tick=False):
        services.finish(first, advisor, verdict="on_track", summary="Good.")  # a snapshot
    plan.steps.get().set_status(PlanStep.Status.DONE, date(2026, 3, 1))
    sending.send_due(compose)
    mailoutbox.clear()

    with time_machine.travel("2026-03-02 12:00Z", tick=False):
        services.ask(plan, "Python is done.")
        sending.send_due(compose)

    (email,) = mailoutbox
    assert "Since its last review (2 February 2026): 1 step done" in email.body
    assert "Since its last review (2 February 2026): 1 step done" in email.alternatives[0][0]


def test_a_first_request_compares_with_the_start_or_says_nothing(
    plan, advisor, mailoutbox, make_plan
):
    services.ask(plan)
    sending.send_due(compose)
    (email,) = mailoutbox
    assert "Since" not in email.body  # no snapshot to compare with yet
    mailoutbox.clear()

    theory = make_plan(plan.owner, [("Read a survey", date(2026, 6, 1))], title="Theory")
    with time_machine.travel("2026-01-05 12:00Z", tick=False):
        history.record(theory, PlanSnapshot.Reason.STARTED, date(2026, 1, 5))
    theory.steps.get().set_status(PlanStep.Status.DONE, date(2026, 3, 1))
    with time_machine.travel("2026-03-02 12:00Z", tick=False):
        services.ask(theory)
        sending.send_due(compose)

    (email,) = mailoutbox
    assert "Since they started it (5 January 2026): 1 step done" in email.body


def test_finishing_through_the_service_emails_the_planner(plan, advisor, mailoutbox):
    review = services.ask(plan)
    services.take(review, advisor)
    sending.send_due(compose)
    mailoutbox.clear()

    services.finish(review, advisor, verdict="on_track", summary="Start the replication.")

    sending.send_due(compose)
    (email,) = mailoutbox
    assert email.to == ["ada@example.com"]
    assert "Start the replication." in email.body


def test_a_refused_finish_emails_nobody(plan, advisor, mailoutbox):
    review = services.ask(plan)
    sending.send_due(compose)
    mailoutbox.clear()
    with pytest.raises(services.ReviewNotAllowed):
        services.finish(review, advisor, verdict="on_track", summary="Not taken yet.")
    sending.send_due(compose)
    assert mailoutbox == []
