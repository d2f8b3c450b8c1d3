"""Who may do what to a review in the admin (issue 12, finding 5): only the holder changes it
while it is in review, nothing changes once it is done, advisors delete nothing, superusers
keep their rights, and every refusal is a message, never a 500."""

import pytest
from django.contrib.messages import get_messages

from careerplanner.nudges.models import Nudge
from careerplanner.reviews import services
from careerplanner.reviews.advisors import make_advisor
from careerplanner.reviews.models import ReviewComment, ReviewRequest

QUEUE = "/admin/reviews/reviewrequest/"
COMMENTS = "/admin/reviews/reviewcomment/"


def page(review) -> str:
    return f"{QUEUE}{review.pk}/change/"


def comment_page(comment) -> str:
    return f"{COMMENTS}{comment.pk}/change/"


def said(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def review_form(review, *, comments=(), **fields) -> dict:
    """The request page's form as the browser posts it, with the existing comments."""
    data = {
        "verdict": "on_track",
        "summary": "Looks sound.",
        "comments-TOTAL_FORMS": str(len(comments)),
        "comments-INITIAL_FORMS": str(len(comments)),
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
    }
    for n, comment in enumerate(comments):
        data |= {
            f"comments-{n}-id": str(comment.pk),
            f"comments-{n}-request": str(review.pk),
            f"comments-{n}-step": str(comment.step_id or ""),
            f"comments-{n}-text": comment.text,
        }
    return data | fields


@pytest.fixture
def other_advisor(db):
    return make_advisor("other@example.com")[0]


@pytest.fixture
def superuser(make_user):
    return make_user("root@example.com", is_staff=True, is_superuser=True)


@pytest.fixture
def held(review, advisor):
    """In review by `advisor`, with one comment of theirs."""
    services.take(review, advisor)
    services.comment(review, advisor, "Start the replication earlier.")
    return review


@pytest.fixture
def finished(held, advisor):
    services.finish(held, advisor, verdict="on_track", summary="Good plan.")
    return held


# ----- comments ------------------------------------------------------------------------


def test_another_advisor_cannot_rewrite_a_comment_on_a_finished_review(
    client, finished, other_advisor
):
    comment = finished.comments.get()
    client.force_login(other_advisor)
    response = client.post(comment_page(comment), {"text": "Rewritten by someone else"})
    assert response.status_code == 403
    comment.refresh_from_db()
    assert comment.text == "Start the replication earlier."


def test_not_even_the_holder_changes_a_comment_once_the_review_is_done(client, finished, advisor):
    comment = finished.comments.get()
    client.force_login(advisor)
    assert client.post(comment_page(comment), {"text": "Later edit"}).status_code == 403
    client.post(page(finished), review_form(finished, comments=[comment], summary="New"))
    comment.refresh_from_db()
    finished.refresh_from_db()
    assert (comment.text, finished.summary) == ("Start the replication earlier.", "Good plan.")


def test_another_advisor_cannot_rewrite_a_comment_while_in_review(client, held, other_advisor):
    comment = held.comments.get()
    client.force_login(other_advisor)
    assert client.post(comment_page(comment), {"text": "Mine now"}).status_code == 403
    comment.refresh_from_db()
    assert comment.text == "Start the replication earlier."


def test_the_holder_can_change_their_comment_while_in_review(client, held, advisor):
    comment = held.comments.get()
    client.force_login(advisor)
    response = client.post(comment_page(comment), {"text": "Start it in March."})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.text == "Start it in March."


def test_the_holder_cannot_delete_a_comment_through_the_inline(client, held, advisor):
    comment = held.comments.get()
    client.force_login(advisor)
    form = review_form(held, comments=[comment], **{"comments-0-DELETE": "on", "_continue": "1"})
    client.post(page(held), form)
    assert ReviewComment.objects.filter(pk=comment.pk).exists()
    assert client.post(f"{COMMENTS}{comment.pk}/delete/", {"post": "yes"}).status_code == 403
    assert ReviewComment.objects.filter(pk=comment.pk).exists()


def test_a_superuser_can_delete_a_comment(client, finished, superuser):
    comment = finished.comments.get()
    client.force_login(superuser)
    response = client.post(f"{COMMENTS}{comment.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not ReviewComment.objects.filter(pk=comment.pk).exists()


# ----- saving and "Mark done" ----------------------------------------------------------------


def test_a_non_holder_saving_is_told_so_and_nothing_is_saved(client, held, other_advisor):
    client.force_login(other_advisor)
    response = client.post(page(held), review_form(held, summary="Mine", _continue="1"))
    assert response.status_code == 302
    assert said(response) == [
        "advisor@example.com is reviewing this plan; only they can change the review."
    ]
    held.refresh_from_db()
    assert held.summary == ""


def test_mark_done_by_an_advisor_who_does_not_hold_it_is_a_message(client, held, other_advisor):
    client.force_login(other_advisor)
    response = client.post(page(held), review_form(held, _finish="1"))
    assert response.status_code == 302
    assert "only they can change the review" in said(response)[0]
    held.refresh_from_db()
    assert held.status == ReviewRequest.Status.IN_REVIEW


def test_mark_done_before_anyone_took_it_is_a_message(client, review, advisor):
    client.force_login(advisor)
    response = client.post(page(review), review_form(review, _finish="1"))
    assert response.status_code == 302
    assert said(response) == ["Take this request first; then you can comment and finish it."]
    review.refresh_from_db()
    assert review.status == ReviewRequest.Status.REQUESTED


def test_mark_done_a_second_time_is_a_message(client, finished, advisor):
    client.force_login(advisor)
    response = client.post(page(finished), review_form(finished, _finish="1"))
    assert response.status_code == 302
    assert said(response) == ["This review is done; nothing in it can change any more."]
    assert Nudge.objects.filter(kind=Nudge.Kind.REVIEW_DONE).count() == 1


def test_a_superuser_can_finish_a_review_another_advisor_holds(client, held, superuser, advisor):
    client.force_login(superuser)
    response = client.post(page(held), review_form(held, summary="Finished for them", _finish="1"))
    assert response.status_code == 302
    held.refresh_from_db()
    assert (held.status, held.summary, held.advisor) == ("done", "Finished for them", advisor)
    assert Nudge.objects.get(kind=Nudge.Kind.REVIEW_DONE).user == held.plan.owner


def test_a_superuser_can_delete_a_request_and_an_advisor_cannot(
    client, finished, advisor, superuser
):
    client.force_login(advisor)
    assert client.post(f"{QUEUE}{finished.pk}/delete/", {"post": "yes"}).status_code == 403
    client.force_login(superuser)
    assert client.post(f"{QUEUE}{finished.pk}/delete/", {"post": "yes"}).status_code == 302
    assert not ReviewRequest.objects.filter(pk=finished.pk).exists()


# ----- the service, called directly -------------------------------------------------------


def test_the_service_refuses_with_a_reason(held, other_advisor, advisor):
    with pytest.raises(services.ReviewNotAllowed, match="only they can change"):
        services.finish(held, other_advisor, verdict="on_track", summary="x")
    with pytest.raises(services.ReviewNotAllowed, match="already took"):
        services.take(held, other_advisor)
    with pytest.raises(services.ReviewNotAllowed, match="do not delete"):
        services.delete_comment(held.comments.get(), advisor)
    with pytest.raises(services.ReviewNotAllowed, match="Write a summary"):
        services.finish(held, advisor, verdict="on_track", summary="  ")


def test_finishing_through_the_service_emails_the_planner(held, advisor):
    services.finish(held, advisor, verdict="changes_suggested", summary="Start earlier.")
    assert Nudge.objects.get(kind=Nudge.Kind.REVIEW_DONE).user == held.plan.owner
