"""Only the owner: every plans URL that takes an id answers 404 to anyone else (another
planner, or an advisor the plan's owner never asked for a review), for every method, with or
without htmx, shows nothing of the plan and changes nothing; anonymous visitors are sent to
log in. The URLs are read from the resolver, so a new one is walked without anyone
remembering to add it here. The mentor page, which takes a secret instead of an id, answers
only to its current secret."""

from datetime import date
from decimal import Decimal
from urllib.parse import urlencode

import pytest
from django.urls import URLPattern, get_resolver, reverse

from careerplanner.plans import history
from careerplanner.plans.models import CheckIn, Evidence, MentorLink, Plan, PlanSnapshot, PlanStep
from careerplanner.reviews.advisors import make_advisor

METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]
HEADERS = [{}, {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "plan-live"}]

# Everything any form of the app accepts, so that a view that forgot the owner would change.
FORM = {
    "status": "done",
    "direction": "up",
    "stage": "foundations",
    "title": "Taken over",
    "notes": "Taken over",
    "target_date": "2026-01-01",
    "start_date": "2026-01-01",
    "hours_per_week": "40",
    "replan": "1",
    "date": "2026-01-01",
    "hours": "5",
    "note": "Taken over",
    "add-stage": "foundations",
    "add-title": "Taken over",
    "add-estimated_hours": "5",
    "back": "plan",
    "kind": "repository",
    "url": "https://taken.example/over",
    "text": "Taken over",
    "with_notes": "on",
    "re_review_months": "3",
}

# What the owner's plan holds that nobody else may see.
SECRETS = [b"Mine to see", b"My own evidence", b"mine.example"]


def _id_patterns() -> list[tuple[str, list[str]]]:
    """(URL name, its id arguments) for every pattern of the plans app with an id in it."""
    plans = next(
        resolver
        for resolver in get_resolver().url_patterns
        if getattr(resolver, "namespace", None) == "plans"
    )
    found = []
    for pattern in plans.url_patterns:
        assert isinstance(pattern, URLPattern), "nested includes would need walking too"
        ids = [name for name in pattern.pattern.converters if name.endswith("_id")]
        if ids:
            found.append((pattern.name, ids))
    return found


PATTERNS = _id_patterns()


@pytest.fixture
def owned(make_plan, user):
    """One of each kind of object of the owner, for the URLs to point at."""
    plan = make_plan(user, steps=4, title="Mine to see")
    steps = list(plan.steps.order_by("position"))
    steps[3].remove()
    checkin = steps[1].log_hours(date(2026, 1, 6), Decimal(2), "mine")
    evidence = Evidence.objects.create(
        step=steps[1], title="My own evidence", url="https://mine.example/", date=date(2026, 1, 7)
    )
    snapshot = history.record(plan, PlanSnapshot.Reason.STARTED, date(2026, 1, 7))
    link = MentorLink.objects.create(plan=plan)
    return {
        "plan": plan,
        "step": steps[1],
        "removed": steps[3],
        "checkin": checkin,
        "evidence": evidence,
        "snapshot": snapshot,
        "link": link,
    }


@pytest.fixture(params=["another planner", "an advisor without a request"])
def outsider(request, other_user):
    if request.param == "another planner":
        return other_user
    advisor, _ = make_advisor("advisor@example.com")
    return advisor


def _url(name: str, ids: list[str], owned: dict) -> str:
    kinds = {
        "plan_id": "plan",
        "step_id": "step",
        "checkin_id": "checkin",
        "evidence_id": "evidence",
        "snapshot_id": "snapshot",
    }
    kwargs = {}
    for arg in ids:
        kind = "removed" if name == "step_restore" else kinds[arg]
        kwargs[arg] = owned[kind].pk
    return reverse(f"plans:{name}", kwargs=kwargs)


def _snapshot():
    return [
        list(model.objects.order_by("pk").values())
        for model in (Plan, PlanStep, CheckIn, Evidence, PlanSnapshot, MentorLink)
    ]


def test_the_walk_covers_every_kind_of_object():
    names = {name for name, _ in PATTERNS}
    assert {
        "plan",
        "step_status",
        "step_restore",
        "checkin_delete",
        "plan_export_json",
        "step_evidence",
        "evidence_remove",
        "plan_history",
        "plan_snapshot",
        "plan_mentor_link",
        "plan_mentor_link_off",
    } <= names
    assert len(PATTERNS) >= 25


@pytest.mark.parametrize(("name", "ids"), PATTERNS, ids=[name for name, _ in PATTERNS])
def test_anyone_else_gets_404_for_every_method_sees_nothing_and_changes_nothing(
    client, outsider, owned, name, ids
):
    url = _url(name, ids, owned)
    client.force_login(outsider)
    before = _snapshot()

    for headers in HEADERS:
        for method in METHODS:
            data = FORM if method == "POST" else None
            response = client.generic(
                method,
                url,
                data=None if data is None else urlencode(data),
                content_type="application/x-www-form-urlencoded",
                **headers,
            )
            assert response.status_code == 404, (method, url, headers, response.status_code)
            assert b"Taken over" not in response.content
            for secret in SECRETS:
                assert secret not in response.content

    assert _snapshot() == before


@pytest.mark.parametrize(("name", "ids"), PATTERNS, ids=[name for name, _ in PATTERNS])
def test_a_visitor_who_is_not_logged_in_is_sent_to_log_in_and_changes_nothing(
    client, owned, name, ids
):
    url = _url(name, ids, owned)
    before = _snapshot()
    for method in ("GET", "POST"):
        response = client.generic(method, url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    assert _snapshot() == before


@pytest.mark.parametrize(("name", "ids"), PATTERNS, ids=[name for name, _ in PATTERNS])
def test_the_owner_reaches_each_url_so_the_404s_above_mean_something(
    client, user, owned, name, ids
):
    client.force_login(user)
    url = _url(name, ids, owned)
    statuses = {client.get(url).status_code, client.post(url, FORM).status_code}
    assert statuses - {404}, (url, statuses)


# ----- the mentor page: a secret instead of a login ---------------------------------------


def _mentor_url(token: str) -> str:
    return reverse("plans:mentor_view", args=[token])


@pytest.mark.parametrize("viewer", ["anonymous", "another planner"])
def test_the_mentor_page_opens_with_its_secret_for_anyone_and_changes_nothing(
    client, other_user, owned, viewer
):
    if viewer == "another planner":
        client.force_login(other_user)
    url = _mentor_url(owned["link"].token)
    before = _snapshot()

    response = client.get(url)
    assert response.status_code == 200
    assert b"Mine to see" in response.content and b"My own evidence" in response.content
    for method in METHODS[2:]:  # anything but reading is refused, and changes nothing
        response = client.generic(method, url, urlencode(FORM), "application/x-www-form-urlencoded")
        assert response.status_code == 405, method
    assert _snapshot() == before


def test_the_mentor_page_answers_404_to_any_other_secret_for_every_method(client, owned):
    token = owned["link"].token
    for wrong in (token[:-1], token[:-1] + ("A" if token[-1] != "A" else "B"), "x", "A" * 64):
        for method in METHODS:
            response = client.generic(method, _mentor_url(wrong))
            assert response.status_code == 404, (wrong, method)
            for secret in SECRETS:
                assert secret not in response.content
    # A secret with characters a token never has is not even routed.
    assert client.get(f"/plans/shared/{token[:10]}%00/").status_code == 404


def test_a_replaced_or_turned_off_secret_is_404(client, user, owned):
    old = owned["link"].token
    client.force_login(user)
    client.post(reverse("plans:plan_mentor_link_replace", args=[owned["plan"].pk]))
    new = MentorLink.objects.get().token
    client.logout()
    assert new != old
    assert client.get(_mentor_url(old)).status_code == 404
    assert client.get(_mentor_url(new)).status_code == 200

    client.force_login(user)
    client.post(reverse("plans:plan_mentor_link_off", args=[owned["plan"].pk]))
    client.logout()
    assert client.get(_mentor_url(new)).status_code == 404


def test_an_advisor_without_a_request_sees_nothing_of_the_plan_in_the_admin_either(client, owned):
    advisor, _ = make_advisor("advisor@example.com")
    client.force_login(advisor)
    plan = owned["plan"]
    for url in (
        reverse("admin:plans_plan_change", args=[plan.pk]),
        reverse("admin:plans_plan_changelist"),
    ):
        assert client.get(url).status_code == 403, url
    queue = client.get(reverse("admin:reviews_reviewrequest_changelist")).content
    for secret in SECRETS:
        assert secret not in queue
