"""Who sees what in the admin: every registered model's list, add, change, history and
delete pages, its actions and its autocomplete, for an advisor, other staff, a superuser."""

import io

import pytest
from django.contrib import admin
from django.core.management import call_command

from careerplanner.accounts.models import User
from careerplanner.nudges.models import Nudge
from careerplanner.plans.models import CheckIn, Plan
from careerplanner.reviews.models import ReviewComment, ReviewRequest

ADVISOR_CAN_READ = {ReviewRequest, ReviewComment}


@pytest.fixture
def everything(review, advisor):
    """At least one row of every model the admin shows."""
    call_command("loadguide", stdout=io.StringIO())
    step = review.plan.steps.first()
    step.log_hours(step.plan.start_date, 2)
    ReviewComment.objects.create(request=review, step=step, text="Good", advisor=advisor)
    Nudge.objects.create(user=review.plan.owner, kind="digest", period="2026-W49")
    unreviewed = Plan.objects.create(
        owner=User.objects.create_user("private@example.com", "x"),
        title="Nobody asked for a review of this",
        start_date=step.plan.start_date,
        hours_per_week=3,
    )
    return unreviewed


def admin_pages():
    for model, model_admin in admin.site._registry.items():
        base = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        obj = model._default_manager.order_by("pk").first()
        pages = {"list": base, "add": f"{base}add/"}
        if obj is not None:
            pages |= {
                "change": f"{base}{obj.pk}/change/",
                "history": f"{base}{obj.pk}/history/",
                "delete": f"{base}{obj.pk}/delete/",
            }
        yield model, model_admin, pages


def autocomplete_urls():
    for model, model_admin in admin.site._registry.items():
        for field in model_admin.autocomplete_fields:
            yield (
                f"/admin/autocomplete/?app_label={model._meta.app_label}"
                f"&model_name={model._meta.model_name}&field_name={field}"
            )


@pytest.fixture
def staff(make_user):
    return make_user(email="staff@example.com", is_staff=True)


@pytest.fixture
def superuser(make_user):
    return make_user(email="root@example.com", is_staff=True, is_superuser=True)


def test_an_advisor_sees_review_requests_and_nothing_else(client, advisor, everything):
    client.force_login(advisor)
    for model, _, pages in admin_pages():
        for kind, url in pages.items():
            status = client.get(url).status_code
            if model in ADVISOR_CAN_READ and kind in ("list", "change", "history"):
                assert status == 200, url
            else:
                assert status == 403, (url, status)
    for url in autocomplete_urls():
        assert client.get(url).status_code == 403, url
    index = client.get("/admin/").content.decode()
    assert "Review requests" in index and "Users" not in index and "Plans" not in index


def test_an_advisor_never_sees_a_password_hash_or_an_unreviewed_plan(client, advisor, everything):
    client.force_login(advisor)
    seen = "".join(
        client.get(url).content.decode() for _, _, pages in admin_pages() for url in pages.values()
    )
    assert "md5$" not in seen and "pbkdf2" not in seen
    assert "Nobody asked for a review of this" not in seen


def test_an_advisor_cannot_delete_anything(client, advisor, everything, review):
    client.force_login(advisor)
    for model in (ReviewRequest, Plan, User, ReviewComment):
        base = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        obj = model.objects.first()
        client.post(f"{base}{obj.pk}/delete/", {"post": "yes"})
        client.post(
            base, {"action": "delete_selected", "_selected_action": [obj.pk], "post": "yes"}
        )
        assert model.objects.filter(pk=obj.pk).exists(), model


def test_staff_without_the_group_see_none_of_it(client, staff, everything):
    client.force_login(staff)
    for _, _, pages in admin_pages():
        for url in pages.values():
            assert client.get(url).status_code == 403, url
    for url in autocomplete_urls():
        assert client.get(url).status_code == 403, url


def test_a_superuser_sees_everything(client, superuser, everything):
    client.force_login(superuser)
    for _model, model_admin, pages in admin_pages():
        for kind, url in pages.items():
            status = client.get(url).status_code
            if kind == "add" and not model_admin.has_add_permission(_request(superuser)):
                assert status == 403, url
            else:
                assert status == 200, (url, status)
    for url in autocomplete_urls():
        assert client.get(url).status_code == 200, url
    assert CheckIn.objects.exists()


def _request(user):
    from django.test import RequestFactory

    request = RequestFactory().get("/admin/")
    request.user = user
    return request
