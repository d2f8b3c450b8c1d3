"""The catalog admin: a content editor can list, search, filter, open and add every kind of
item, and pick milestones with autocomplete."""

import re

import pytest
from django.apps import apps
from django.urls import reverse

from careerplanner.guide.models import Fact, FactUpdate, Milestone, RouteTemplate

MODELS = [model._meta.model_name for model in apps.get_app_config("guide").get_models()]
# RouteStep, FitChoice and FactUpdate are edited inline on their route, question and fact.
REGISTERED = [name for name in MODELS if name not in ("routestep", "fitchoice", "factupdate")]


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser(
        email="editor@example.com", password="a-long-and-unusual-passphrase-42"
    )
    client.force_login(user)
    return client


def test_every_catalog_model_is_registered():
    from django.contrib import admin

    registered = {model._meta.model_name for model in admin.site._registry}
    assert set(REGISTERED) <= registered
    assert len(REGISTERED) == 12


@pytest.mark.parametrize("model_name", REGISTERED)
def test_changelist_change_and_add_pages_open(editor, view_catalog, model_name):
    model = apps.get_model("guide", model_name)
    obj = model.objects.order_by("pk").first()

    assert editor.get(reverse(f"admin:guide_{model_name}_changelist")).status_code == 200
    assert editor.get(reverse(f"admin:guide_{model_name}_change", args=[obj.pk])).status_code == 200
    assert editor.get(reverse(f"admin:guide_{model_name}_add")).status_code == 200


@pytest.mark.parametrize(
    ("model_name", "query", "shown", "hidden"),
    [
        ("milestone", {"stage": "getting-the-role"}, "Get a faculty job", "Keep coding"),
        ("milestone", {"q": "coding"}, "Keep coding", "Get a faculty job"),
        (
            "organisation",
            {"kind": "theory-group", "focus": "theoretical"},
            "Theory group C",
            "Lab A",
        ),
        ("role", {"track": "academic"}, "Professor", "Empirical research lead"),
        ("routetemplate", {"role__track": "academic"}, "Professor route", "Engineer route"),
    ],
)
def test_filters_and_search_narrow_the_changelist(
    editor, view_catalog, model_name, query, shown, hidden
):
    response = editor.get(reverse(f"admin:guide_{model_name}_changelist"), query)

    assert response.status_code == 200
    assert shown in response.content.decode()
    assert hidden not in response.content.decode()


def test_retired_filter_finds_retired_milestones(editor, view_catalog):
    Milestone.objects.filter(slug="keep-coding").update(retired=True)

    response = editor.get(reverse("admin:guide_milestone_changelist"), {"retired__exact": "1"})

    assert "Keep coding" in response.content.decode()
    assert "Study machine learning" not in response.content.decode()


@pytest.mark.parametrize(
    ("model_name", "field_name"),
    [("milestone", "prerequisites"), ("routestep", "milestone"), ("fittest", "milestone")],
)
def test_milestone_autocomplete_answers(editor, view_catalog, model_name, field_name):
    response = editor.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "guide",
            "model_name": model_name,
            "field_name": field_name,
            "term": "program",
        },
    )

    assert response.status_code == 200
    found = {result["text"] for result in response.json()["results"]}
    assert "Write a first program" in found
    assert "Keep coding" not in found


def test_route_change_page_shows_its_steps_inline_in_order(editor, view_catalog):
    route = RouteTemplate.objects.get(slug="professor-route")

    response = editor.get(reverse("admin:guide_routetemplate_change", args=[route.pk]))

    page = response.content.decode()
    positions = [int(p) for p in re.findall(r'name="steps-\d+-position" value="(\d+)"', page)]
    chosen = [
        int(m)
        for m in re.findall(
            r'name="steps-\d+-milestone".*?<option value="(\d+)" selected', page, re.S
        )
    ]
    steps = list(route.steps.order_by("position"))
    assert positions == [step.position for step in steps]
    assert chosen == [step.milestone_id for step in steps]
    assert f'href="{route.get_absolute_url()}">view on site</a>' in page


def test_question_change_page_shows_its_choices_inline(editor, view_catalog):
    from careerplanner.guide.models import FitQuestion

    question = FitQuestion.objects.get(slug="ambition")

    response = editor.get(reverse("admin:guide_fitquestion_change", args=[question.pk]))

    for choice in question.choices.all():
        assert f'value="{choice.value}"' in response.content.decode()


def test_staff_without_permission_cannot_open_the_catalog(client, django_user_model, view_catalog):
    user = django_user_model.objects.create_user(email="staff@example.com", is_staff=True)
    client.force_login(user)

    assert client.get(reverse("admin:guide_milestone_changelist")).status_code == 403


def test_an_editor_adds_a_dated_figure_beside_the_guide_s_own(editor, view_catalog):
    fact = Fact.objects.get(slug="phd-length")
    url = reverse("admin:guide_fact_change", args=[fact.pk])
    page = editor.get(url).content.decode()
    assert 'name="value"' not in page  # the guide's figure is shown, not editable

    response = editor.post(
        url,
        {
            "title": fact.title,
            "summary": fact.summary,
            "slug": fact.slug,
            "position": fact.position,
            "source": fact.source_id,
            "updates-TOTAL_FORMS": "1",
            "updates-INITIAL_FORMS": "0",
            "updates-0-value": "about 1,100",
            "updates-0-as_of": "2025-01-15",
            "updates-0-source_url": "https://example.org/headcount",
            "updates-0-note": "A later count.",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    fact.refresh_from_db()
    assert (fact.value, fact.as_of) == ("4–6 years", 2023)
    update = fact.updates.get()
    assert (update.value, str(update.as_of), update.seeded) == ("about 1,100", "2025-01-15", False)


def test_an_update_needs_its_date_and_source(editor, view_catalog):
    fact = Fact.objects.get(slug="phd-length")

    response = editor.post(
        reverse("admin:guide_fact_change", args=[fact.pk]),
        {
            "title": fact.title,
            "summary": fact.summary,
            "slug": fact.slug,
            "position": fact.position,
            "source": fact.source_id,
            "updates-TOTAL_FORMS": "1",
            "updates-INITIAL_FORMS": "0",
            "updates-0-value": "about 1,100",
        },
    )

    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
    assert not FactUpdate.objects.filter(fact=fact).exists()
