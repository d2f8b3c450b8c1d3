"""The guide's public pages, on a small catalog of our own (tests/view_catalog.py): what a
visitor sees, and how many queries it takes to show it, whatever seeds/ holds."""

from urllib.parse import quote

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils.html import escape

from careerplanner.guide.models import (
    Milestone,
    Opportunity,
    Organisation,
    Role,
    RouteStep,
    RouteTemplate,
)


def page(response) -> str:
    return response.content.decode()


def shows(response, text: str) -> bool:
    return escape(text) in page(response)


# --- roles overview ---------------------------------------------------------------


def test_roles_overview_shows_each_role_side_by_side(client, view_catalog):
    response = client.get(reverse("guide:roles"))

    assert response.status_code == 200
    assert "<h1>The kinds of AI safety research role</h1>" in page(response)
    for role in Role.objects.prefetch_related("fit_tests"):
        assert shows(response, role.name)
        assert shows(response, role.summary)
        assert shows(response, role.get_phd_display())
        assert shows(response, role.phd_note)
        assert shows(response, role.work)
        assert f'href="{role.get_absolute_url()}"' in page(response)
        for test in role.fit_tests.all():
            assert shows(response, test.title)
    assert "From the guide: <cite>What the work involves</cite>" in page(response)


def test_roles_overview_places_the_four_roles_on_the_two_by_two(client, view_catalog):
    response = client.get(reverse("guide:roles"))

    table = page(response).split('<table class="role-grid">')[1].split("</table>")[0]
    empirical, theoretical = table.split("<tbody>")[1].split("</tr>")[:2]
    assert "Empirical" in empirical
    assert empirical.index("Empirical research lead") < empirical.index(
        "Empirical research contributor"
    )
    assert theoretical.index("Theoretical research lead") < theoretical.index(
        "Theoretical research contributor"
    )
    assert "Professor" not in table


def test_a_retired_role_is_hidden_from_the_overview_and_its_page_is_gone(client, view_catalog):
    Role.objects.filter(slug="professor").update(retired=True)

    overview = client.get(reverse("guide:roles"))
    assert 'href="/guide/roles/professor/"' not in page(overview)
    assert client.get(reverse("guide:role", args=["professor"])).status_code == 404


# --- one role -----------------------------------------------------------------------


def test_role_page_shows_skills_routes_tests_of_fit_organisations_and_openings(
    client, view_catalog
):
    role = view_catalog.empirical_contributor

    response = client.get(role.get_absolute_url())

    assert response.status_code == 200
    assert f"<h1>{role.name}</h1>" in page(response)
    assert shows(response, role.work)
    assert shows(response, role.where)
    for skill in role.skills.all():
        assert shows(response, skill.name)
    for route in role.routes.all():
        assert f'href="{route.get_absolute_url()}"' in page(response)
    for test in role.fit_tests.all():
        assert shows(response, test.title)
    for opportunity in role.opportunities.all():
        assert shows(response, opportunity.name)
    # Empirical roles list empirical and mixed-focus organisations, not theory-only ones.
    assert shows(response, "Lab A")  # empirical
    assert shows(response, "Nonprofit B")  # both
    for theory_only in Organisation.objects.filter(focus="theoretical"):
        assert not shows(response, theory_only.name)


def test_role_page_gives_the_size_of_each_test_of_fit(client, view_catalog):
    # Tests of fit range from an hour to a few hundred hours: the page says which is which.
    role = view_catalog.empirical_contributor

    response = client.get(role.get_absolute_url())

    sized = [t.milestone for t in role.fit_tests.select_related("milestone") if t.milestone]
    assert any(m.effort and m.effort.high >= 200 for m in sized)
    for milestone in sized:
        assert shows(response, f"({milestone.effort_words.lower()})"), milestone.slug


def test_theoretical_role_lists_theory_organisations_and_not_empirical_only_ones(
    client, view_catalog
):
    response = client.get(reverse("guide:role", args=["theory-lead"]))

    for organisation in Organisation.objects.filter(focus="theoretical"):
        assert shows(response, organisation.name)
    for organisation in Organisation.objects.filter(focus="empirical"):
        assert f"<h3>{escape(organisation.name)}" not in page(response)


def test_academic_role_lists_only_academia(client, view_catalog):
    response = client.get(reverse("guide:role", args=["professor"]))

    for organisation in Organisation.objects.all():
        listed = f">{escape(organisation.name)}</" in page(response)
        assert listed == (organisation.kind == "academia"), organisation.name


def test_role_page_hides_retired_skills_and_openings(client, view_catalog):
    role = view_catalog.empirical_contributor
    skill = role.skills.first()
    opening = role.opportunities.first()
    type(skill).objects.filter(pk=skill.pk).update(retired=True)
    Opportunity.objects.filter(pk=opening.pk).update(retired=True)

    response = client.get(role.get_absolute_url())

    assert f"<h3>{escape(skill.name)}</h3>" not in page(response)
    assert not shows(response, opening.summary)


# --- one route ----------------------------------------------------------------------


def test_route_page_lists_its_milestones_in_order_with_effort(client, view_catalog):
    route = view_catalog.phd_route

    response = client.get(route.get_absolute_url())

    assert response.status_code == 200
    assert f"<h1>{escape(route.title)}</h1>" in page(response)
    assert f'href="{route.role.get_absolute_url()}"' in page(response)
    places = [
        page(response).index(f'href="{step.milestone.get_absolute_url()}"')
        for step in route.steps.order_by("position")
    ]
    assert places == sorted(places)
    assert "4–6 years" in page(response)  # the PhD


def test_route_page_offers_to_start_a_plan_once_plans_can(client, view_catalog):
    response = client.get(reverse("guide:route", args=["professor-route"]))

    try:
        start = reverse("plans:start")
    except NoReverseMatch:
        assert "Start a plan from this route" not in page(response)
    else:
        signup = reverse("account_signup")
        target = quote(f"{start}?route=professor-route", safe="")
        assert f'href="{signup}?next={target}">Start a plan from this route' in page(response)


def test_route_page_leaves_out_a_retired_milestone(client, view_catalog):
    route = view_catalog.engineer_route
    Milestone.objects.filter(slug="keep-coding").update(retired=True)

    response = client.get(route.get_absolute_url())

    assert 'href="/guide/milestones/keep-coding/"' not in page(response)
    assert 'href="/guide/milestones/study-ml/"' in page(response)


# --- one milestone ------------------------------------------------------------------


def test_milestone_page_shows_what_why_effort_done_links_and_where_it_comes_from(
    client, view_catalog
):
    milestone = view_catalog.study_ml

    response = client.get(milestone.get_absolute_url())

    assert response.status_code == 200
    assert f"<h1>{escape(milestone.title)}</h1>" in page(response)
    for text in (milestone.summary, milestone.why, milestone.done_when, milestone.evidence):
        assert shows(response, text)
    assert shows(response, milestone.effort_words)
    assert f"From the guide: <cite>{escape(milestone.source.title)}</cite>" in page(response)
    for other in [*milestone.prerequisites.all(), *milestone.unlocks.all()]:
        assert f'href="{other.get_absolute_url()}"' in page(response)
    for skill in milestone.skills.all():
        assert shows(response, skill.name)
    for route in milestone.routes.all():
        assert f'href="{route.get_absolute_url()}"' in page(response)
    for test in milestone.fit_tests.all():
        assert shows(response, test.title)


def test_milestone_page_links_its_resources_and_says_who_names_each(client, view_catalog):
    milestone = view_catalog.study_ml
    resources = list(milestone.resources.select_related("source"))
    assert {r.named_by_guide for r in resources} == {True, False}  # both kinds, to compare

    response = client.get(milestone.get_absolute_url())

    items = page(response).split('<h2 id="resources">')[1].split("</ul>")[0].split("<li>")[1:]
    for resource, item in zip(resources, items, strict=True):
        assert escape(resource.title) in item
        if resource.url:
            assert f'href="{resource.url}"' in item
        if resource.length:
            assert escape(resource.length) in item
        if resource.named_by_guide:
            assert f"Named in the guide: <cite>{escape(resource.source.title)}</cite>" in item
        else:
            # Never passed off as the guide's: it says so, and links the page it is from.
            assert "Named in the guide" not in item
            assert "Not named in the guide: our suggestion" in item
            assert f'href="{resource.named_by}">{resource.named_by_site}</a>' in item


def test_milestone_page_says_where_its_size_comes_from(client, view_catalog):
    estimate = client.get(reverse("guide:milestone", args=["learn-safety"]))
    guide = client.get(reverse("guide:milestone", args=["do-phd"]))

    assert "Our estimate: reading lists; the guide gives no figure" in page(estimate)
    assert "4–6 years of calendar time, full time" in page(guide)
    assert "From the guide, “On doing a PhD” (as of 2023)" in page(guide)


def test_milestone_page_says_when_a_window_ties_it_to_the_calendar(client, view_catalog):
    response = client.get(reverse("guide:milestone", args=["apply-phd"]))

    assert "due 10 December each year, opening in September" in page(response)


def test_milestone_page_hides_a_retired_prerequisite(client, view_catalog):
    Milestone.objects.filter(slug="write-python").update(retired=True)

    response = client.get(reverse("guide:milestone", args=["keep-coding"]))

    assert "/guide/milestones/write-python/" not in page(response)
    assert "Nothing: you can start here." in page(response)


@pytest.mark.parametrize(
    ("hours", "duration", "words"),
    [
        ((1, 1), (None, None, ""), "About 1 hour"),
        ((10, 100), (None, None, ""), "10–100 hours"),
        ((None, None), (4, 6, "years"), "4–6 years"),
        ((None, None), (1, 1, "years"), "About 1 year"),
        ((None, None), (10, 12, "weeks"), "10–12 weeks"),
        ((80, 160), (3, 6, "months"), "80–160 hours over 3–6 months"),
        ((None, None), (None, None, ""), ""),
    ],
)
def test_effort_in_words(hours, duration, words):
    milestone = Milestone(
        effort_hours_low=hours[0],
        effort_hours_high=hours[1],
        duration_low=duration[0],
        duration_high=duration[1],
        duration_unit=duration[2],
    )
    assert milestone.effort_words == words


# --- organisations and openings ----------------------------------------------------


def listed_organisations(response) -> set[str]:
    return {
        o.slug
        for o in Organisation.objects.all()
        if f'id="organisation-{o.slug}"' in page(response)
    }


def listed_openings(response) -> set[str]:
    return {o.slug for o in Opportunity.objects.all() if f'id="opening-{o.slug}"' in page(response)}


def test_organisations_page_lists_everything_with_counts(client, view_catalog):
    response = client.get(reverse("guide:organisations"))

    assert response.status_code == 200
    assert listed_organisations(response) == set(
        Organisation.objects.values_list("slug", flat=True)
    )
    assert listed_openings(response) == set(Opportunity.objects.values_list("slug", flat=True))
    assert "Showing 5 of 5." in page(response)
    assert "Showing 3 of 3." in page(response)
    # Each option says how many items it has.
    assert "Academia (2)" in page(response)
    assert "Theoretical (1)" in page(response)
    assert "Bootcamp (2)" in page(response)
    assert "<!DOCTYPE html>" in page(response)


def test_filtering_by_kind_and_focus_narrows_the_organisations(client, view_catalog):
    response = client.get(
        reverse("guide:organisations"), {"kind": "academia", "focus": "empirical"}
    )

    expected = set(
        Organisation.objects.filter(kind="academia", focus="empirical").values_list(
            "slug", flat=True
        )
    )
    assert expected
    assert listed_organisations(response) == expected
    assert expected == {"uni-d"}
    assert "Showing 1 of 5." in page(response)
    # The form remembers the choices.
    assert 'value="academia" id="id_kind_4" checked' in page(response)


def test_filtering_by_kind_of_opening_narrows_the_openings(client, view_catalog):
    response = client.get(reverse("guide:organisations"), {"opening": "bootcamp"})

    assert listed_openings(response) == {"bootcamp-x", "bootcamp-y"}
    assert len(listed_organisations(response)) == 5


def test_with_htmx_the_filter_returns_only_the_results(client, view_catalog):
    response = client.get(
        reverse("guide:organisations"), {"kind": "theory-group"}, headers={"HX-Request": "true"}
    )

    assert response.status_code == 200
    assert page(response).strip().startswith('<div id="results"')
    assert "<!DOCTYPE html>" not in page(response)
    assert "<form" not in page(response)
    assert listed_organisations(response) == set(
        Organisation.objects.filter(kind="theory-group").values_list("slug", flat=True)
    )


def test_htmx_restoring_history_gets_the_whole_page(client, view_catalog):
    response = client.get(
        reverse("guide:organisations"),
        {"kind": "theory-group"},
        headers={"HX-Request": "true", "HX-History-Restore-Request": "true"},
    )

    assert "<!DOCTYPE html>" in page(response)
    assert "HX-Request" in response.headers["Vary"]


def test_an_unknown_filter_value_is_explained_and_ignored(client, view_catalog):
    response = client.get(reverse("guide:organisations"), {"kind": "casino", "focus": "both"})

    assert response.status_code == 422
    error = page(response).split('id="kind-error"')[1].split("</ul>")[0]
    assert "casino" in error
    assert listed_organisations(response) == set(
        Organisation.objects.filter(focus="both").values_list("slug", flat=True)
    )


def test_organisations_page_hides_retired_items(client, view_catalog):
    Organisation.objects.filter(slug="lab-a").update(retired=True)
    Opportunity.objects.filter(slug="bootcamp-x").update(retired=True)

    response = client.get(reverse("guide:organisations"))

    assert "lab-a" not in listed_organisations(response)
    assert "bootcamp-x" not in listed_openings(response)
    assert "Showing 4 of 4." in page(response)


# --- missing and retired pages -----------------------------------------------------


@pytest.mark.parametrize("name", ["guide:role", "guide:route", "guide:milestone"])
def test_unknown_slug_is_404(client, view_catalog, name):
    assert client.get(reverse(name, args=["no-such-thing"])).status_code == 404


def test_retired_route_and_milestone_are_404_and_gone_from_lists(client, view_catalog):
    RouteTemplate.objects.filter(slug="professor-route").update(retired=True)
    Milestone.objects.filter(slug="get-faculty-job").update(retired=True)

    assert client.get(reverse("guide:route", args=["professor-route"])).status_code == 404
    assert client.get(reverse("guide:milestone", args=["get-faculty-job"])).status_code == 404
    role_page = page(client.get(reverse("guide:role", args=["professor"])))
    assert "/guide/routes/professor-route/" not in role_page
    unlocked_by = page(client.get(reverse("guide:milestone", args=["do-phd"])))
    assert "/guide/milestones/get-faculty-job/" not in unlocked_by


def test_every_page_credits_the_guide(client, view_catalog):
    urls = [
        reverse("guide:roles"),
        reverse("guide:role", args=["professor"]),
        reverse("guide:route", args=["professor-route"]),
        reverse("guide:milestone", args=["do-phd"]),
        reverse("guide:organisations"),
    ]
    for url in urls:
        assert "From the guide: <cite>" in page(client.get(url)), url


# --- a fixed number of queries, whatever the catalog's size -------------------------

PAGES = [
    # 1. roles with sections, 2. tests of fit, 3. routes
    (reverse("guide:roles"), {}, 3),
    # 1. role and section, 2. skills, 3. routes, 4. tests of fit and milestones,
    # 5. openings and organisations, 6. organisations on its track, 7. its key facts with
    # their sections, 8. their newer figures
    (reverse("guide:role", args=["empirical-lead"]), {}, 8),
    # 1. route with role and section, 2. steps with milestones
    (reverse("guide:route", args=["engineer-route"]), {}, 2),
    # 1. milestone and section, 2. prerequisites, 3. unlocks, 4. skills, 5. resources,
    # 6. routes with roles, 7. tests of fit
    (reverse("guide:milestone", args=["study-ml"]), {}, 7),
    # 1-3. counts by kind, focus and kind of opening, 4. organisations, 5. openings
    (reverse("guide:organisations"), {}, 5),
    (reverse("guide:organisations") + "?kind=academia&focus=both", {}, 5),
    (reverse("guide:organisations") + "?kind=academia", {"HX-Request": "true"}, 5),
    # 1. questions, 2. choices
    (reverse("guide:fitcheck"), {}, 2),
]


@pytest.mark.parametrize(("url", "headers", "queries"), PAGES)
def test_query_count_on_the_small_catalog(
    client, view_catalog, django_assert_num_queries, url, headers, queries
):
    with django_assert_num_queries(queries):
        assert client.get(url, headers=headers).status_code == 200


@pytest.mark.parametrize(("url", "headers", "queries"), PAGES)
def test_query_count_stays_the_same_on_a_bigger_catalog(
    client, grown_catalog, django_assert_num_queries, url, headers, queries
):
    with django_assert_num_queries(queries):
        response = client.get(url, headers=headers)
    assert response.status_code == 200
    # The extra rows really are on the page, so the count covers them.
    assert "Extra" in page(response) or url.endswith("fit-check/")


def test_grown_catalog_is_really_shown(client, grown_catalog):
    route = page(client.get(reverse("guide:route", args=["engineer-route"])))
    assert route.count('href="/guide/milestones/extra-after-') == 20
    milestone = page(client.get(reverse("guide:milestone", args=["study-ml"])))
    assert milestone.count('href="/guide/milestones/extra-before-') == 20
    assert milestone.count('href="/guide/milestones/extra-after-') == 20
    assert milestone.count('href="/guide/routes/extra-route-') == 20
    assert RouteStep.objects.filter(milestone__slug="study-ml").count() >= 20


def test_a_role_page_shows_the_guides_key_figures_with_their_dates(client, view_catalog):
    from careerplanner.guide.models import Fact, FactUpdate

    people = view_catalog.phd_length
    FactUpdate.objects.create(
        fact=people,
        value="many more",
        as_of="2025-06-01",
        source_url="https://example.org/count",
        note="A later count.",
    )

    response = client.get(reverse("guide:role", args=["empirical-lead"]))

    html = page(response)
    section = html.split('class="key-facts card"')[1].split("</section>")[0]
    assert f"<strong>{people.value}</strong>" in section
    assert f"(as of {people.as_of}; the guide, “{escape(people.source.title)}”)" in section
    # The newer figure stands beside the guide's, with its date and source.
    assert "Newer: <strong>many more</strong> (as of June 2025" in section
    assert 'href="https://example.org/count" rel="noopener nofollow"' in section
    shown = {fact.slug for fact in Fact.objects.all() if f'id="fact-{fact.slug}"' in section}
    assert shown == set(
        Fact.objects.filter(roles__slug="empirical-lead").values_list("slug", flat=True)
    )
