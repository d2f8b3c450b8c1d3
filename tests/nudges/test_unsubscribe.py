"""Stopping nudges: one click from the mail client, or a page that asks first."""

import pytest

from careerplanner.accounts.models import User
from careerplanner.nudges.models import Nudge
from careerplanner.nudges.unsubscribe import ALL, Unsubscribe

PREFERENCES = [
    "wants_due_soon",
    "wants_overdue",
    "wants_stalled",
    "wants_digest",
    "wants_review_updates",
]


def preferences(user) -> dict:
    user.refresh_from_db()
    return {name: getattr(user, name) for name in PREFERENCES}


def path(user, kind=Nudge.Kind.DIGEST) -> str:
    return Unsubscribe(user.pk, kind).url().removeprefix("http://localhost:8000")


def client_for(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


def test_one_click_post_needs_no_login_or_cookie_and_can_be_repeated(client, user):
    Nudge.objects.create(user=user, kind=Nudge.Kind.DIGEST, period="2026-W49")
    for _ in range(2):
        response = client.post(path(user), {"List-Unsubscribe": "One-Click"})
        assert response.status_code == 200  # no redirect: mail clients do not follow them
        assert "These reminder emails are stopped" in response.content.decode()
    assert preferences(user) == {**dict.fromkeys(PREFERENCES, True), "wants_digest": False}
    # What was already queued for that kind is dropped too.
    assert Nudge.objects.get().status == Nudge.Status.SKIPPED


def test_one_click_works_with_csrf_checks_on(user):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(path(user), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert preferences(user)["wants_digest"] is False


def test_opening_the_link_only_asks(client, user):
    response = client.get(path(user, Nudge.Kind.OVERDUE))
    assert response.status_code == 200
    html = response.content.decode()
    # The kind is named as the profile names it.
    assert "when: <strong>A step is overdue</strong>" in html
    profile = client_for(user).get("/account/profile/").content.decode()
    assert '<label for="id_wants_overdue">A step is overdue</label>' in profile
    assert user.email in html
    assert preferences(user) == dict.fromkeys(PREFERENCES, True)


def test_the_page_can_stop_one_kind_or_all(client, user):
    client.post(path(user, Nudge.Kind.OVERDUE), {"scope": "kind"})
    assert preferences(user) == {**dict.fromkeys(PREFERENCES, True), "wants_overdue": False}
    response = client.post(path(user, Nudge.Kind.OVERDUE), {"scope": "all"})
    assert "All reminder emails are stopped" in response.content.decode()
    assert preferences(user) == dict.fromkeys(PREFERENCES, False)


def test_an_all_token_stops_everything_in_one_click(client, user):
    client.post(path(user, ALL), {"List-Unsubscribe": "One-Click"})
    assert preferences(user) == dict.fromkeys(PREFERENCES, False)


@pytest.mark.parametrize("mangle", [lambda t: t[:-3], lambda t: t + "x", lambda t: "abc:def"])
def test_a_broken_link_says_so_and_changes_nothing(client, user, mangle):
    token = Unsubscribe(user.pk, Nudge.Kind.DIGEST).token()
    url = f"/nudges/unsubscribe/{mangle(token)}/"
    for response in (client.get(url), client.post(url, {"List-Unsubscribe": "One-Click"})):
        assert response.status_code == 400
        assert "This unsubscribe link does not work" in response.content.decode()
    assert preferences(user) == dict.fromkeys(PREFERENCES, True)


def test_a_link_for_a_deleted_account_is_harmless(client, user):
    url = path(user)
    User.objects.filter(pk=user.pk).delete()
    assert client.post(url, {"List-Unsubscribe": "One-Click"}).status_code == 200
    assert "no longer exists" in client.get(url).content.decode()


def test_a_form_post_with_an_unknown_choice_is_explained(client, user):
    response = client.post(path(user), {"scope": "everything-forever"})
    assert response.status_code == 422
    assert "Choose whether to stop this kind of email or all of them." in response.content.decode()
    assert preferences(user) == dict.fromkeys(PREFERENCES, True)
