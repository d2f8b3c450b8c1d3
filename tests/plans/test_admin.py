"""Plans in the admin: readable by a superuser, never added or edited there, no secrets."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse


@pytest.fixture
def admin_client(client, make_user):
    boss = make_user("boss@example.com", is_staff=True, is_superuser=True)
    client.force_login(boss)
    return client


@pytest.fixture
def worked(plan, step):
    step.log_hours(date(2026, 1, 6), Decimal(2), "Evening")
    return plan


def test_the_plan_list_and_page_show_the_plan_read_only(admin_client, worked, step):
    changelist = admin_client.get(reverse("admin:plans_plan_changelist"))
    assert changelist.status_code == 200 and "My plan" in changelist.content.decode()

    page = admin_client.get(reverse("admin:plans_plan_change", args=[worked.pk])).content.decode()

    assert step.title in page and "Evening" in page  # the steps and check-ins inline
    assert worked.calendar_token not in page
    assert 'name="title"' not in page  # read-only, not a form field
    assert reverse("admin:plans_plan_add") not in page


@pytest.mark.parametrize("model", ["plan", "planstep", "checkin"])
def test_nothing_is_added_from_the_admin(admin_client, model):
    assert admin_client.get(reverse(f"admin:plans_{model}_add")).status_code == 403


def test_the_step_and_check_in_lists_open(admin_client, worked):
    for model in ("planstep", "checkin"):
        response = admin_client.get(reverse(f"admin:plans_{model}_changelist"))
        assert response.status_code == 200
