"""The account page's additions (careerplanner/accounts/data.py): download all my data,
and delete my account after typing its email. Every app's rows are in both: plans shapes
its own part of the download (registered with accounts), the rest are listed as they are."""

import json
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from careerplanner.accounts.models import User
from careerplanner.nudges.models import Nudge
from careerplanner.plans import history
from careerplanner.plans.models import (
    CheckIn,
    Evidence,
    MentorLink,
    Plan,
    PlanSnapshot,
    PlanStep,
)
from careerplanner.reviews.models import ReviewComment, ReviewRequest


@pytest.fixture
def mine(make_plan, user, make_user):
    steps = [("Learn Python", None), ("Read", None), ("Write", None)]
    plan = make_plan(user, steps, title="Mine <b>bold</b>")
    step = plan.steps.first()
    step.notes = "<script>x</script>"
    step.save()
    step.log_hours(date(2026, 1, 6), Decimal(2), "mine")
    plan.steps.last().remove()
    Nudge.objects.create(user=user, kind=Nudge.Kind.OVERDUE, subject=str(step.pk))
    evidence = Evidence.objects.create(
        step=step, title="Evidence of mine", url="https://mine.example/", date=date(2026, 1, 7)
    )
    evidence.confirm(advisor=None, note="Looks right")
    history.record(plan, PlanSnapshot.Reason.STARTED, date(2026, 1, 7))
    MentorLink.objects.create(plan=plan)
    other_user = make_user("stranger@example.com")
    theirs = make_plan(other_user, [("Theirs 1", None), ("Theirs 2", None)], title="Theirs")
    Evidence.objects.create(
        step=theirs.steps.first(), title="Evidence of theirs", date=date(2026, 1, 7)
    )
    history.record(theirs, PlanSnapshot.Reason.STARTED, date(2026, 1, 7))
    MentorLink.objects.create(plan=theirs)
    Nudge.objects.create(user=other_user, kind=Nudge.Kind.DIGEST, subject="theirs")
    return plan, theirs


def test_the_profile_links_to_both(client, user):
    client.force_login(user)
    page = client.get(reverse("accounts:profile")).content.decode()
    assert reverse("accounts:data") in page and reverse("accounts:delete") in page


def test_download_holds_everything_of_mine_and_nothing_of_anyone_else(client, user, mine):
    review = ReviewRequest.objects.create(plan=mine[0], message="Pace?")
    ReviewComment.objects.create(request=review, step=mine[0].steps.first(), text="Earlier.")
    client.force_login(user)
    response = client.get(reverse("accounts:data"))

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="careerplanner-data-')
    body = response.content.decode()
    assert "<" not in body  # escaped like the plan export
    data = json.loads(body)
    assert data["account"]["email"] == user.email
    assert "password" not in data["account"]
    (plan,) = data["plans"]
    assert plan["title"] == "Mine <b>bold</b>"
    assert len(plan["steps"]) == 3  # the removed step too, marked as such
    assert sum(1 for step in plan["steps"] if step["removed_at"]) == 1
    assert "calendar_token" not in plan and mine[0].calendar_token not in body
    assert plan["check_ins"][0]["hours"] == 2
    assert [n["kind"] for n in data["other_records"]["nudges.nudge"]] == ["overdue"]
    assert [r["message"] for r in data["other_records"]["reviews.reviewrequest"]] == ["Pace?"]
    assert [c["text"] for c in data["other_records"]["reviews.reviewcomment"]] == ["Earlier."]
    assert "Theirs" not in body and "stranger@example.com" not in body
    # Evidence, the plan's history and its mentor link, but never the link's secret.
    step = next(step for step in plan["steps"] if step["evidence"])
    (evidence,) = step["evidence"]
    assert evidence["title"] == "Evidence of mine" and evidence["confirmed_by_an_advisor"]
    assert [snapshot["why"] for snapshot in plan["history"]] == ["Plan started"]
    assert plan["mentor_link"]["on"] is True
    for link in MentorLink.objects.all():
        assert link.token not in body
    assert "Evidence of theirs" not in body
    assert not set(data["other_records"]) & {
        "plans.evidence",
        "plans.plansnapshot",
        "plans.mentorlink",
    }


def test_deleting_needs_the_email_typed(client, user, mine):
    client.force_login(user)
    page = client.get(reverse("accounts:delete")).content.decode()
    assert "1 plan" in page and "3 plan steps" in page and "1 check-in" in page
    assert "1 evidence" in page and "1 plan snapshot" in page and "1 mentor link" in page

    response = client.post(reverse("accounts:delete"), {"email": "someone@else.org"})

    assert response.status_code == 422
    assert "That is not the email address of this account" in response.content.decode()
    assert 'value="someone@else.org"' in response.content.decode()
    assert User.objects.filter(pk=user.pk).exists() and Plan.objects.count() == 2


def test_deleting_removes_the_account_its_plans_and_its_queued_emails(client, user, mine):
    client.force_login(user)

    response = client.post(reverse("accounts:delete"), {"email": user.email.upper()}, follow=True)

    assert "Your account and everything in it are deleted (" in response.content.decode()
    assert not User.objects.filter(pk=user.pk).exists()
    assert list(Plan.objects.values_list("title", flat=True)) == ["Theirs"]
    assert PlanStep.objects.count() == 2
    assert not CheckIn.objects.exists()
    assert list(Evidence.objects.values_list("title", flat=True)) == ["Evidence of theirs"]
    assert [s.plan.title for s in PlanSnapshot.objects.all()] == ["Theirs"]
    assert [link.plan.title for link in MentorLink.objects.all()] == ["Theirs"]
    assert list(Nudge.objects.values_list("subject", flat=True)) == ["theirs"]
    assert client.get(reverse("plans:dashboard")).status_code == 302  # logged out


def test_deleting_removes_admin_log_entries_review_comments_and_every_session(
    client, user, password, mine, make_user
):
    """Issue 12, finding 8: nothing that names the person or their plans is left behind."""
    from django.contrib.admin.models import CHANGE, LogEntry
    from django.contrib.sessions.models import Session
    from django.test import Client

    from careerplanner.reviews import services
    from careerplanner.reviews.advisors import make_advisor

    plan, theirs = mine
    advisor, _ = make_advisor("advisor@example.com")
    review = ReviewRequest.objects.create(plan=plan)
    services.take(review, advisor)
    comment = services.comment(review, advisor, "Ada should start the replication earlier.")
    services.finish(review, advisor, verdict="on_track", summary="Fine.")
    for row in (review, comment, plan):
        LogEntry.objects.log_actions(advisor.pk, [row], CHANGE, change_message="Changed text.")
    other_review = ReviewRequest.objects.create(plan=theirs)
    LogEntry.objects.log_actions(advisor.pk, [other_review], CHANGE)
    on_phone = Client()
    for browser in (on_phone, client):  # signed in twice, through the sign-in page
        browser.post(reverse("account_login"), {"login": user.email, "password": password})
    assert Session.objects.count() == 2

    response = client.post(reverse("accounts:delete"), {"email": user.email}, follow=True)

    page = response.content.decode()
    assert "3 admin log entries about them" in page
    assert "1 comment" in page and "1 review request" in page
    assert "2 user sessions" in page
    assert ", 1 user," not in page  # the account itself is said apart
    assert not ReviewComment.objects.exists()
    assert list(LogEntry.objects.values_list("object_repr", flat=True)) == [str(other_review)]
    assert not any(
        session.get_decoded().get("_auth_user_id") == str(user.pk)
        for session in Session.objects.all()
    )
    assert on_phone.get(reverse("plans:dashboard")).status_code == 302  # signed out there too


def test_the_sessions_page_lists_where_one_is_signed_in(client, user, password):
    client.post(reverse("account_login"), {"login": user.email, "password": password})
    assert reverse("usersessions_list") in client.get(reverse("accounts:profile")).content.decode()
    response = client.get(reverse("usersessions_list"))
    assert response.status_code == 200
    assert "127.0.0.1" in response.content.decode()
