"""The benchmark's own pages: mounted only by its settings (tests/bench/settings.py), behind
the login, and the comparable page is as long as asked."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import override_settings
from django.urls import NoReverseMatch, reverse

from tests.bench import views


def test_the_app_does_not_mount_the_benchmark_pages(client, user):
    client.force_login(user)
    assert client.get("/bench/constant/").status_code == 404
    with pytest.raises(NoReverseMatch):
        reverse("bench_constant")


def test_the_constant_page_needs_a_login_and_answers_a_constant_body(rf, user):
    request = rf.get("/bench/constant/")
    request.user = AnonymousUser()
    assert views.constant(request).status_code == 302
    request.user = user
    response = views.constant(request)
    assert response.status_code == 200
    assert response.content == views.BODY


@override_settings(ROOT_URLCONF="tests.bench.urls")
def test_the_comparable_page_is_as_long_as_asked(client, make_plan, user, settings):
    from tests.bench.settings import TEMPLATES

    settings.TEMPLATES = TEMPLATES
    make_plan(user, [("Learn PyTorch", None), ("Replicate a paper", None)])
    client.force_login(user)
    short = client.get("/bench/comparable/?rows=3").content.decode()
    long = client.get("/bench/comparable/?rows=300&pad=10").content.decode()
    assert short.count('<tr id="row-') == 3 and long.count('<tr id="row-') == 300
    assert "Replicate a paper" in short
    assert short.count('class="tag"') == 0 and long.count('class="tag"') == 3000
    client.logout()
    assert client.get("/bench/comparable/").status_code == 302
