"""A Content-Security-Policy of our own scripts and styles only, pages that need nothing
more, and `Vary: HX-Request` wherever htmx gets a different body (issue 12, finding 9)."""

import re
from datetime import date

import pytest
from django.urls import reverse

from careerplanner.plans import history
from careerplanner.plans.models import Evidence, MentorLink, PlanSnapshot
from careerplanner.reviews.advisors import make_advisor
from careerplanner.reviews.models import ReviewRequest

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", re.I)
STYLE_ATTRIBUTE = re.compile(r"<[^>]+\sstyle=", re.I)
HANDLER_ATTRIBUTE = re.compile(r"<[^>]+\son[a-z]+=", re.I)
CSRF_TOKEN = re.compile(rb"[A-Za-z0-9]{64}")  # masked anew for every response


def body(response) -> bytes:
    return CSRF_TOKEN.sub(b"TOKEN", response.content)


@pytest.fixture
def planned(client, make_user, make_plan, catalog):
    person = make_user("csp@example.com")
    plan = make_plan(person, [("Learn Python", date(2026, 12, 1)), ("Read", None)])
    Evidence.objects.create(
        step=plan.steps.first(), title="Code", url="https://example.org/", date=date(2026, 1, 2)
    )
    history.record(plan, PlanSnapshot.Reason.STARTED, date(2026, 1, 2))
    MentorLink.objects.create(plan=plan)
    client.force_login(person)
    return plan


def pages(plan) -> list[str]:
    step = plan.steps.first()
    return [
        "/",
        reverse("guide:roles"),
        reverse("guide:fitcheck"),
        reverse("guide:organisations"),
        reverse("plans:dashboard"),
        reverse("plans:start"),
        reverse("plans:plan", args=[plan.pk]),
        reverse("plans:plan_timeline", args=[plan.pk]),
        reverse("plans:plan_edit", args=[plan.pk]),
        reverse("plans:step_edit", args=[step.pk]),
        reverse("plans:step_evidence", args=[step.pk]),
        reverse("plans:plan_history", args=[plan.pk]),
        reverse("plans:plan_snapshot", args=[plan.snapshots.get().pk]),
        reverse("plans:plan_mentor_link", args=[plan.pk]),
        reverse("plans:mentor_view", args=[plan.mentor_link.token]),
        reverse("accounts:profile"),
        reverse("accounts:delete"),
        reverse("account_email"),
        reverse("usersessions_list"),
    ]


def test_every_page_has_the_policy_and_needs_nothing_outside_it(client, planned):
    for url in pages(planned):
        response = client.get(url)
        assert response.status_code == 200, url
        policy = response["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "style-src 'self'" in policy
        assert "unsafe" not in policy
        html = response.content.decode()
        assert not INLINE_SCRIPT.search(html), f"{url}: {INLINE_SCRIPT.search(html).group()}"
        assert not STYLE_ATTRIBUTE.search(html), f"{url}: {STYLE_ATTRIBUTE.search(html).group()}"
        assert not HANDLER_ATTRIBUTE.search(html), url


def test_the_advisor_pages_carry_the_policy_too(client, planned):
    advisor, _ = make_advisor("advisor@example.com")
    review = ReviewRequest.objects.create(plan=planned)
    client.force_login(advisor)
    response = client.get(f"/admin/reviews/reviewrequest/{review.pk}/change/")
    assert response.status_code == 200
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert not INLINE_SCRIPT.search(response.content.decode())


def test_every_body_that_differs_for_htmx_says_so_in_vary(client, planned):
    step = planned.steps.first()
    urls = [
        *pages(planned),
        reverse("plans:step_add", args=[planned.pk]) + "?stage=foundations",
        reverse("plans:step_hours", args=[step.pk]),
    ]
    differing = 0
    for url in urls:
        page = client.get(url)
        fragment = client.get(url, HTTP_HX_REQUEST="true")
        if body(page) != body(fragment):
            differing += 1
            for response in (page, fragment):
                assert "HX-Request" in response.get("Vary", ""), url
    assert differing >= 5  # the dashboard, the plan, the step forms and the guide's filters
