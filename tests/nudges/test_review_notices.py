"""Review events reach nudges through the signals reviews sends (reviews/signals.py): the
emails go out whoever calls the service, with no admin and no view in between."""

from datetime import date

import pytest

from careerplanner.nudges import sending
from careerplanner.nudges.content import compose
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
