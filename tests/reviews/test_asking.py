"""The planner asks for a review from the plan page, once at a time."""

import pytest

from careerplanner.nudges import sending
from careerplanner.nudges.content import compose
from careerplanner.nudges.models import Nudge
from careerplanner.reviews.models import ReviewRequest


def ask(client, plan, htmx=False, **data):
    headers = {"HX-Request": "true"} if htmx else {}
    return client.post(f"/reviews/plans/{plan.id}/ask/", data, headers=headers)


def test_asking_queues_the_plan_and_emails_every_advisor(
    client, planner, plan, advisor, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(planner)
    with django_capture_on_commit_callbacks() as callbacks:
        response = ask(client, plan, message="Is my pace realistic?")
    assert response.status_code == 302
    assert len(callbacks) == 1  # the sender is woken only once the request is committed
    review = ReviewRequest.objects.get()
    assert (review.plan, review.status, review.message) == (
        plan,
        "requested",
        "Is my pace realistic?",
    )
    assert Nudge.objects.get().user == advisor

    sending.send_due(compose)
    (email,) = mailoutbox
    assert email.to == [advisor.email]
    assert (
        email.subject == 'New review request: "Research engineer by 2028" from planner@example.com'
    )
    assert f"/admin/reviews/reviewrequest/{review.pk}/change/" in email.body
    assert "Is my pace realistic?" in email.body


def test_one_open_request_per_plan(client, planner, plan, review):
    client.force_login(planner)
    response = ask(client, plan, htmx=True, message="Again?")
    assert response.status_code == 422
    assert "You already asked for a review of this plan" in response.content.decode()
    assert ReviewRequest.objects.count() == 1


def test_ask_again_after_a_finished_review(client, planner, plan, review, advisor):
    review.take(advisor)
    review.finish("on_track", "Looks good.")
    client.force_login(planner)
    assert ask(client, plan, message="I changed the dates").status_code == 302
    assert ReviewRequest.objects.open().count() == 1


def test_with_htmx_the_panel_comes_back_in_place(client, planner, plan, advisor):
    client.force_login(planner)
    response = ask(client, plan, htmx=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="review-panel"')
    assert "It is waiting for an advisor." in html


def test_a_message_too_long_is_explained_and_nothing_is_asked(client, planner, plan, advisor):
    client.force_login(planner)
    response = ask(client, plan, message="x" * 2001)
    assert response.status_code == 422
    assert "Keep the message under 2000 characters (it has 2001)." in response.content.decode()
    assert not ReviewRequest.objects.exists()


@pytest.mark.parametrize("method", ["get", "post", "put", "delete"])
def test_nobody_else_can_ask_for_someone_elses_plan(client, make_user, plan, method):
    client.force_login(make_user(email="stranger@example.com"))
    response = getattr(client, method)(f"/reviews/plans/{plan.id}/ask/")
    assert response.status_code == 404
    assert not ReviewRequest.objects.exists()
