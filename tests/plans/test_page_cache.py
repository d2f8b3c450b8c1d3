"""The plan page's body and the dashboard's cards come from a cache of the web process when
nothing they show has changed (plans/page_cache.py): the forms in them still carry the asking
browser's own CSRF token, and any change shows at once."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from careerplanner.plans.models import PlanStep

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _browser(user) -> Client:
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(user)
    return browser


def test_a_cached_page_carries_each_browsers_own_csrf_token(user, plan):
    first, second = _browser(user), _browser(user)  # two browsers, two CSRF cookies
    first.get(plan.get_absolute_url())  # rendered and kept

    page = second.get(plan.get_absolute_url()).content.decode()  # served from the cache

    assert "csrf-token-of-the-request" not in page
    quick_form = page[page.index('id="steps-quick"') :]
    token = TOKEN.search(quick_form).group(1)
    step = plan.steps.order_by("position").first()
    response = second.post(
        reverse("plans:steps_quick", args=[plan.pk]),
        {"done": str(step.pk), "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302  # accepted: the token is this browser's
    step.refresh_from_db()
    assert step.status == "done"


def test_the_dashboard_shows_a_change_made_anywhere_at_once(user, plan):
    browser = _browser(user)
    assert "0 of 6 steps done" in browser.get(reverse("plans:dashboard")).content.decode()

    # Written as the admin or a bulk update would, past every model method.
    PlanStep.objects.filter(plan=plan, position__lt=2).update(status=PlanStep.Status.DONE)

    assert "2 of 6 steps done" in browser.get(reverse("plans:dashboard")).content.decode()


def test_the_plan_page_shows_a_change_made_anywhere_at_once(user, plan):
    browser = _browser(user)
    browser.get(plan.get_absolute_url())

    plan.steps.filter(position=0).update(notes="Written straight to the table")

    assert "Written straight to the table" in browser.get(plan.get_absolute_url()).content.decode()


@pytest.mark.parametrize("field,value", [("title", "A new title"), ("hours_per_week", 25)])
def test_the_plans_own_fields_change_the_page_and_the_cards(user, plan, field, value):
    browser = _browser(user)
    browser.get(plan.get_absolute_url())
    browser.get(reverse("plans:dashboard"))

    type(plan).objects.filter(pk=plan.pk).update(**{field: value})

    assert str(value) in browser.get(plan.get_absolute_url()).content.decode()
    assert str(value) in browser.get(reverse("plans:dashboard")).content.decode()
