"""The advisors' queue and request page in the admin."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from careerplanner.nudges.models import Nudge
from careerplanner.reviews.advisors import make_advisor
from careerplanner.reviews.models import ReviewComment, ReviewRequest

QUEUE = "/admin/reviews/reviewrequest/"


def page(review) -> str:
    return f"{QUEUE}{review.pk}/change/"


def requests_for(make_user, make_plan, count: int, steps: int = 2) -> list[ReviewRequest]:
    reviews = []
    for n in range(count):
        owner = make_user(email=f"planner{n}@example.com")
        plan = make_plan(owner, [(f"Step {s}", date(2027, 1, 1)) for s in range(steps)])
        reviews.append(ReviewRequest.objects.create(plan=plan))
    return reviews


def test_the_queue_lists_open_requests_oldest_first(client, advisor, make_user, make_plan):
    old, new, done = requests_for(make_user, make_plan, 3)
    ReviewRequest.objects.filter(pk=old.pk).update(created=timezone.now() - timedelta(days=9))
    done.take(advisor)
    done.finish("on_track", "Fine.")
    client.force_login(advisor)
    html = client.get(QUEUE).content.decode()
    assert html.index("planner0@example.com") < html.index("planner1@example.com")
    assert "planner2@example.com" not in html
    assert "<strong>9 days</strong>" in html  # waiting too long stands out
    assert "planner2@example.com" in client.get(QUEUE + "?queue=done").content.decode()
    waiting = client.get(QUEUE + "?waiting=week").content.decode()
    assert "planner0@" in waiting and "planner1@" not in waiting
    found = client.get(QUEUE + "?q=planner1@").content.decode()
    assert "planner1@" in found and "planner0@" not in found


def test_taken_by_me(client, advisor, make_user, make_plan):
    mine, theirs = requests_for(make_user, make_plan, 2)
    other, _ = make_advisor("other@example.com")
    mine.take(advisor)
    theirs.take(other)
    client.force_login(advisor)
    html = client.get(QUEUE + "?mine=yes").content.decode()
    assert "planner0@" in html and "planner1@" not in html


@pytest.mark.parametrize("count", [3, 25])
def test_the_queue_makes_the_same_queries_however_many_requests(
    client, advisor, make_user, make_plan, django_assert_num_queries, count
):
    requests_for(make_user, make_plan, count)
    client.force_login(advisor)
    # session, user, the user's and the group's permissions, the roles for the role filter,
    # the filtered count, the total count, and the page of requests with plan, owner, role
    # and advisor joined.
    with django_assert_num_queries(8):
        response = client.get(QUEUE)
    assert response.status_code == 200


@pytest.mark.parametrize("steps", [2, 40])
def test_the_request_page_makes_the_same_queries_however_many_steps(
    client, advisor, make_user, make_plan, django_assert_num_queries, steps
):
    (review,) = requests_for(make_user, make_plan, 1, steps=steps)
    review.take(advisor)
    ReviewComment.objects.create(request=review, step=review.plan.steps.first(), text="Hm")
    client.force_login(advisor)
    client.get(page(review))  # warms the content-type cache, as any earlier page would
    # session, user, the request (with plan, owner, role, advisor), the user's and the
    # group's permissions, the step choices, the comments, for the read-only plan: its
    # steps, the snapshot to compare with (the last review's or the first) and its
    # check-ins; and the plan's evidence.
    with django_assert_num_queries(11):
        response = client.get(page(review))
    assert response.status_code == 200
    assert f"Step {steps - 1}" in response.content.decode()


def test_the_request_page_shows_the_plan_read_only(client, advisor, review):
    step = review.plan.steps.get(title="Learn Python")
    step.log_hours(date(2026, 11, 20), 3, note="Automate the boring stuff")
    review.plan.steps.filter(pk=step.pk).update(notes="<script>alert(1)</script>")
    client.force_login(advisor)
    html = client.get(page(review)).content.decode()
    assert "Research engineer by 2028" in html and "Is my pace realistic?" in html
    assert "Automate the boring stuff" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>alert(1)" not in html
    assert 'name="_take"' in html
    assert 'name="summary"' not in html  # read-only until taken
    # The same finish range and assumptions the planner sees.
    assert "Finish: likely" in html and "hours a week;" in html
    assert "step sizes are our estimates" in html


def test_take_then_comment_on_a_step_and_finish_with_a_verdict(client, advisor, review):
    client.force_login(advisor)
    client.post(page(review), {"_take": "1"})
    review.refresh_from_db()
    assert (review.status, review.advisor) == ("in_review", advisor)

    step = review.plan.steps.get(title="Replicate a paper")
    form = {
        "verdict": "changes_suggested",
        "summary": "Start the replication earlier.",
        "comments-TOTAL_FORMS": "1",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
        "comments-0-step": str(step.pk),
        "comments-0-text": "Get feedback before 100 hours.",
        "_finish": "1",
    }
    response = client.post(page(review), form)
    assert response.status_code == 302
    review.refresh_from_db()
    assert (review.status, review.verdict) == ("done", "changes_suggested")
    comment = review.comments.get()
    assert (comment.step, comment.advisor, comment.text) == (
        step,
        advisor,
        "Get feedback before 100 hours.",
    )
    assert Nudge.objects.get(kind=Nudge.Kind.REVIEW_DONE).user == review.plan.owner


def test_finishing_needs_a_verdict_and_a_summary(client, advisor, review):
    review.take(advisor)
    client.force_login(advisor)
    response = client.post(
        page(review),
        {
            "verdict": "",
            "summary": " ",
            "comments-TOTAL_FORMS": "0",
            "comments-INITIAL_FORMS": "0",
            "_finish": "1",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Choose a verdict before marking the review done." in html
    assert "Write a summary for the planner before marking it done." in html
    review.refresh_from_db()
    assert review.status == "in_review"


def test_a_second_advisor_cannot_take_or_edit_a_taken_request(client, advisor, review):
    review.take(advisor)
    other, _ = make_advisor("other@example.com")
    client.force_login(other)
    response = client.post(page(review), {"_take": "1"}, follow=True)
    assert "already took this request" in response.content.decode()
    client.post(
        page(review),
        {
            "verdict": "on_track",
            "summary": "Mine now",
            "comments-TOTAL_FORMS": "0",
            "comments-INITIAL_FORMS": "0",
        },
    )
    review.refresh_from_db()
    assert (review.advisor, review.summary) == (advisor, "")
