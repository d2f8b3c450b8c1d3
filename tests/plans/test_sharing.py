"""A read-only link for a mentor: made, replaced and turned off by the owner; the page it
opens shows the plan, its evidence and its history to anyone with it, asks search engines
to leave it alone, and shows nothing else of the person."""

from datetime import date

import pytest
from django.urls import reverse

from careerplanner.plans import history
from careerplanner.plans.models import Evidence, MentorLink, PlanSnapshot, PlanStep

TODAY = date(2026, 3, 2)


# Today is Monday 2 March 2026 (the `frozen_today` fixture of conftest.py).
pytestmark = pytest.mark.usefixtures("frozen_today")


@pytest.fixture
def planner(client, user):
    user.name = "Ada Lovelace"
    user.save()
    client.force_login(user)
    return client


@pytest.fixture
def shared(user, make_plan):
    plan = make_plan(user, steps=4, title="Into alignment")
    first = plan.steps.order_by("position").first()
    first.notes = "Private thoughts on step one"
    first.save()
    first.set_status(PlanStep.Status.DONE, TODAY)
    piece = Evidence.objects.create(
        step=first, title="My replication", url="https://github.com/ada/r", date=TODAY
    )
    piece.confirm(advisor=None, note="Solid")
    history.record(plan, PlanSnapshot.Reason.STARTED, TODAY)
    return plan


def _sharing(plan):
    return reverse("plans:plan_mentor_link", args=[plan.pk])


def test_creating_the_link_shows_its_address(planner, shared):
    response = planner.post(_sharing(shared), {})
    assert response.status_code == 302
    link = MentorLink.objects.get(plan=shared)
    assert not link.with_notes and len(link.token) >= 40

    page = planner.get(_sharing(shared)).content.decode()
    assert f"http://testserver/plans/shared/{link.token}/" in page


def test_the_mentor_page_shows_plan_evidence_and_history_and_nothing_of_the_person(
    planner, client, shared, user, django_assert_num_queries
):
    planner.post(_sharing(shared), {})
    url = MentorLink.objects.get().get_absolute_url()
    client.logout()

    # 1. the link with its plan, role, route and owner (for their today), 2. the steps,
    # 3. the evidence, 4. the history.
    with django_assert_num_queries(4):
        response = client.get(url)

    page = response.content.decode()
    assert response.status_code == 200
    assert "Into alignment" in page and "1 of 4" in page
    assert '<a href="https://github.com/ada/r" rel="noopener nofollow">My replication</a>' in page
    assert "Confirmed by an advisor" in page and "Solid" in page
    assert "Plan started" in page  # the history
    assert "Remove" not in page and "<form" not in page.split("<main", 1)[1]
    for private in (user.email, "Ada", "Lovelace", "Private thoughts", shared.calendar_token):
        assert private not in page
    assert reverse("plans:plan", args=[shared.pk]) not in page


def test_a_stored_script_address_is_never_a_link_on_the_mentor_page(planner, client, shared):
    # Saved around the form (by hand, or before the rule): shown as text, never an href.
    step = shared.steps.order_by("position").first()
    Evidence.objects.create(step=step, title="Sneaky", url="javascript:alert(1)", date=TODAY)
    planner.post(_sharing(shared), {})
    client.logout()
    page = client.get(MentorLink.objects.get().get_absolute_url()).content.decode()
    assert "Sneaky" in page
    assert 'href="javascript:' not in page.lower()


def test_the_mentor_page_is_not_for_search_engines_nor_caches(planner, client, shared):
    planner.post(_sharing(shared), {})
    client.logout()
    response = client.get(MentorLink.objects.get().get_absolute_url())
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert '<meta name="robots" content="noindex, nofollow">' in response.content.decode()
    assert response["Referrer-Policy"] == "no-referrer"
    assert "no-store" in response["Cache-Control"]


def test_notes_show_only_when_the_owner_says_so(planner, client, shared):
    planner.post(_sharing(shared), {"with_notes": "on"})
    url = MentorLink.objects.get().get_absolute_url()
    assert "Private thoughts on step one" in client.get(url).content.decode()

    planner.post(_sharing(shared), {})  # unticked
    assert not MentorLink.objects.get().with_notes
    assert "Private thoughts" not in client.get(url).content.decode()


def test_replacing_the_secret_ends_the_old_address(planner, client, shared):
    planner.post(_sharing(shared), {})
    old = MentorLink.objects.get().get_absolute_url()

    planner.post(reverse("plans:plan_mentor_link_replace", args=[shared.pk]))

    new = MentorLink.objects.get().get_absolute_url()
    assert new != old
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200


def test_turning_it_off_makes_it_404_and_it_can_be_made_again(planner, client, shared):
    planner.post(_sharing(shared), {})
    old = MentorLink.objects.get().get_absolute_url()

    planner.post(reverse("plans:plan_mentor_link_off", args=[shared.pk]))

    assert not MentorLink.objects.exists()
    assert client.get(old).status_code == 404
    page = planner.get(_sharing(shared)).content.decode()
    assert "Create the link" in page
    planner.post(_sharing(shared), {})
    assert MentorLink.objects.get().get_absolute_url() != old
