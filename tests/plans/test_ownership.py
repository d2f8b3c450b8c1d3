"""Only the owner: every plans URL that takes an id answers 404 to anyone else, for every
method, with or without htmx, and changes nothing. The URLs are read from the resolver, so a
new one is walked without anyone remembering to add it here."""

from datetime import date
from decimal import Decimal
from urllib.parse import urlencode

import pytest
from django.urls import URLPattern, get_resolver, reverse

from careerplanner.plans.models import CheckIn, Plan, PlanStep

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
}


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
    plan = make_plan(user, steps=4)
    steps = list(plan.steps.order_by("position"))
    steps[3].remove()
    checkin = steps[1].log_hours(date(2026, 1, 6), Decimal(2), "mine")
    return {"plan": plan, "step": steps[1], "removed": steps[3], "checkin": checkin}


def _url(name: str, ids: list[str], owned: dict) -> str:
    kinds = {"plan_id": "plan", "step_id": "step", "checkin_id": "checkin"}
    kwargs = {}
    for arg in ids:
        kind = "removed" if name == "step_restore" else kinds[arg]
        kwargs[arg] = owned[kind].pk
    return reverse(f"plans:{name}", kwargs=kwargs)


def _snapshot():
    return (
        list(Plan.objects.order_by("pk").values()),
        list(PlanStep.objects.order_by("pk").values()),
        list(CheckIn.objects.order_by("pk").values()),
    )


def test_the_walk_covers_every_kind_of_object():
    names = {name for name, _ in PATTERNS}
    assert {"plan", "step_status", "step_restore", "checkin_delete", "plan_export_json"} <= names
    assert len(PATTERNS) >= 18


@pytest.mark.parametrize(("name", "ids"), PATTERNS, ids=[name for name, _ in PATTERNS])
def test_a_stranger_gets_404_for_every_method_and_changes_nothing(
    client, other_user, owned, name, ids
):
    url = _url(name, ids, owned)
    client.force_login(other_user)
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
