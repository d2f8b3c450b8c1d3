"""Confirming evidence in a review: only the advisor holding an open review of that plan (or
a superuser while it is in review), only evidence on that plan, once; done in the admin with
the rest of the request page. Finishing a review keeps a snapshot of the plan, and the next
request shows the advisor what changed since."""

from datetime import date, timedelta

import pytest
import time_machine

from careerplanner.plans import history
from careerplanner.plans.models import Evidence, PlanSnapshot, PlanStep
from careerplanner.reviews import services
from careerplanner.reviews.advisors import make_advisor
from careerplanner.reviews.models import ReviewRequest

QUEUE = "/admin/reviews/reviewrequest/"


def page(review) -> str:
    return f"{QUEUE}{review.pk}/change/"


@pytest.fixture
def piece(plan):
    step = plan.steps.get(title="Replicate a paper")
    return Evidence.objects.create(
        step=step, title="DQN replication", url="https://github.com/ada/dqn", date=date(2026, 2, 1)
    )


@pytest.fixture
def held(review, advisor):
    review.take(advisor)
    return review


def test_the_advisor_holding_the_review_confirms_with_a_comment(held, advisor, piece):
    services.confirm_evidence(held, advisor, piece, "  Clear write-up.  ")
    piece.refresh_from_db()
    assert piece.is_confirmed and piece.confirmed_by == advisor
    assert piece.confirmation_note == "Clear write-up."
    with pytest.raises(services.ReviewNotAllowed, match="already confirmed"):
        services.confirm_evidence(held, advisor, piece)


def test_nobody_else_confirms(review, advisor, piece, make_user):
    other, _ = make_advisor("other@example.com")
    # Nobody holds it yet: not even the advisor who will.
    with pytest.raises(services.ReviewNotAllowed, match="Take this request first"):
        services.confirm_evidence(review, advisor, piece)
    review.take(advisor)
    with pytest.raises(services.ReviewNotAllowed, match="is reviewing this plan"):
        services.confirm_evidence(review, other, piece)
    services.finish(review, advisor, verdict="on_track", summary="Good.")
    with pytest.raises(services.ReviewNotAllowed, match="is done"):
        services.confirm_evidence(review, advisor, piece)
    piece.refresh_from_db()
    assert not piece.is_confirmed


def test_evidence_on_another_plan_is_refused(held, advisor, make_user, make_plan):
    theirs = make_plan(make_user("eve@example.com"), [("Theirs", None)])
    foreign = Evidence.objects.create(
        step=theirs.steps.get(), title="Not in this review", date=date(2026, 1, 1)
    )
    with pytest.raises(services.ReviewNotAllowed, match="plan under review"):
        services.confirm_evidence(held, advisor, foreign)
    foreign.refresh_from_db()
    assert not foreign.is_confirmed


def test_a_superuser_confirms_while_it_is_in_review(held, piece, make_user):
    boss = make_user("boss@example.com", is_staff=True, is_superuser=True)
    services.confirm_evidence(held, boss, piece)
    piece.refresh_from_db()
    assert piece.confirmed_by == boss


def _form(**extra) -> dict:
    return {
        "verdict": "",
        "summary": "",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
        **extra,
    }


def test_in_the_admin_ticked_evidence_is_confirmed_with_the_draft(client, held, advisor, piece):
    client.force_login(advisor)
    html = client.get(page(held)).content.decode()
    assert '<a href="https://github.com/ada/dqn" rel="noopener nofollow">DQN replication</a>' in (
        html
    )
    assert f'name="confirm_evidence" value="{piece.pk}"' in html

    response = client.post(
        page(held),
        _form(
            summary="Half written",
            confirm_evidence=str(piece.pk),
            **{f"confirm-note-{piece.pk}": "Runs and matches."},
            _continue="1",
        ),
        follow=True,
    )

    piece.refresh_from_db()
    held.refresh_from_db()
    assert piece.is_confirmed and piece.confirmation_note == "Runs and matches."
    assert held.summary == "Half written"  # what else was typed is kept
    assert "Confirmed “DQN replication”." in response.content.decode()


def test_in_the_admin_another_advisor_sees_evidence_but_cannot_confirm(client, held, piece):
    other, _ = make_advisor("other@example.com")
    client.force_login(other)
    html = client.get(page(held)).content.decode()
    assert "DQN replication" in html and 'name="confirm_evidence"' not in html

    client.post(page(held), _form(confirm_evidence=str(piece.pk), _continue="1"))

    piece.refresh_from_db()
    assert not piece.is_confirmed


def test_in_the_admin_evidence_of_another_plan_is_neither_confirmed_nor_named(
    client, held, advisor, make_user, make_plan
):
    theirs = make_plan(make_user("eve@example.com"), [("Theirs", None)])
    foreign = Evidence.objects.create(
        step=theirs.steps.get(), title="Not in this review", date=date(2026, 1, 1)
    )
    client.force_login(advisor)
    response = client.post(
        page(held), _form(confirm_evidence=str(foreign.pk), _continue="1"), follow=True
    )
    foreign.refresh_from_db()
    assert not foreign.is_confirmed
    assert "Not in this review" not in response.content.decode()


def test_in_the_admin_a_stored_script_address_is_never_a_link(client, held, advisor, plan):
    Evidence.objects.create(
        step=plan.steps.first(), title="Sneaky", url="javascript:alert(1)", date=date(2026, 1, 1)
    )
    client.force_login(advisor)
    html = client.get(page(held)).content.decode()
    assert "Sneaky" in html
    assert 'href="javascript:' not in html.lower()


@time_machine.travel("2026-03-02 12:00Z", tick=False)
def test_finishing_keeps_a_snapshot_and_schedules_the_next_look_back(held, advisor, plan):
    plan.re_review_months = 6
    plan.save()
    services.finish(held, advisor, verdict="on_track", summary="Good.")
    plan.refresh_from_db()
    assert plan.last_reviewed_on == date(2026, 3, 2)
    assert plan.re_review_due == date(2026, 9, 2)
    assert plan.snapshots.get().reason == PlanSnapshot.Reason.REVIEWED


def test_the_next_request_shows_what_changed_since_the_last_review(client, held, advisor, plan):
    services.finish(held, advisor, verdict="on_track", summary="Good.")
    for step in plan.steps.all():
        step.set_status(PlanStep.Status.DONE, date(2026, 3, 1))
    second = ReviewRequest.objects.create(plan=plan)

    client.force_login(advisor)
    html = client.get(page(second)).content.decode()

    assert "What changed since the last review" in html
    assert "2 steps done" in html


def test_a_first_request_compares_with_the_start(client, review, advisor, plan):
    at = review.created - timedelta(days=30)
    history.record(plan, PlanSnapshot.Reason.STARTED, date(2026, 1, 1), at=at)
    plan.steps.first().set_status(PlanStep.Status.DONE, date(2026, 3, 1))
    client.force_login(advisor)
    html = client.get(page(review)).content.decode()
    assert "What changed since the plan started" in html and "1 step done" in html
