"""The planner's pages, with and without htmx: what the person sees and what is saved."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from careerplanner.plans import scheduling
from careerplanner.plans.models import CheckIn, Plan, PlanStep

HTMX = {"HTTP_HX_REQUEST": "true"}
TODAY = date(2026, 3, 2)


# Today is Monday 2 March 2026 (the `frozen_today` fixture of conftest.py).
pytestmark = pytest.mark.usefixtures("frozen_today")


def _url(name, obj):
    return reverse(f"plans:{name}", args=[obj.pk])


def _steps_with_hours(plan):
    for step in plan.steps.all()[:3]:
        step.log_hours(TODAY, Decimal(1), "worked")


# ----- query counts ----------------------------------------------------------------------


@pytest.mark.parametrize("size", [10, 200])
def test_the_plan_page_makes_the_same_queries_for_10_and_200_steps(
    planner, user, make_plan, size, django_assert_num_queries
):
    plan = make_plan(user, steps=size)
    _steps_with_hours(plan)
    plan.steps.filter(position__lt=size // 2).update(status=PlanStep.Status.DONE, done_date=TODAY)

    # 1. session, 2. user, 3. the plan with its role and route, 4. its steps with their
    # milestones and windows, 5. the prerequisites (for the finish at the pace so far),
    # 6. its latest review request (none here), 7. the latest check-ins with their steps.
    with django_assert_num_queries(7):
        response = planner.get(plan.get_absolute_url())
    # Again, with nothing changed: session, user and plan, and the body from the cache.
    with django_assert_num_queries(3):
        again = planner.get(plan.get_absolute_url())
    assert again.content.count(b'class="step step-') == size

    assert response.status_code == 200
    assert response.content.count(b'class="step step-') == size
    assert f"{size // 2} of {size}".encode() in response.content


@pytest.mark.parametrize("size", [10, 200])
def test_the_htmx_fragment_makes_the_same_queries_too(
    planner, user, make_plan, size, django_assert_num_queries
):
    plan = make_plan(user, steps=size)
    # 1. session, 2. user, 3. plan, 4. steps, 5. latest review request, 6. latest check-ins.
    with django_assert_num_queries(6):
        response = planner.get(plan.get_absolute_url(), **HTMX)
    assert b"<html" not in response.content
    assert b'id="plan-live"' in response.content


@pytest.mark.parametrize("size", [10, 200])
def test_a_finished_review_shows_by_its_steps_in_the_same_queries(
    planner, user, make_plan, size, django_assert_num_queries
):
    from careerplanner.reviews.models import ReviewComment, ReviewRequest

    plan = make_plan(user, steps=size)
    review = ReviewRequest.objects.create(
        plan=plan, status="done", verdict="changes_suggested", summary="Slow down a bit."
    )
    ReviewComment.objects.bulk_create(
        ReviewComment(request=review, step=step, text=f"About {step.title}")
        for step in plan.steps.all()
    )

    # 1. session, 2. user, 3. plan, 4. steps, 5. latest review request with its advisor,
    # 6. its comments, 7. latest check-ins.
    with django_assert_num_queries(7):
        response = planner.get(plan.get_absolute_url())

    page = response.content.decode()
    assert "Verdict: Changes suggested" in page and "Slow down a bit." in page
    first = plan.steps.order_by("position").first()
    step_html = page[page.index(f'id="step-{first.pk}"') :]
    step_html = step_html[: step_html.index("</li>")]
    assert "About Step 0" in step_html  # next to the step it is about


@pytest.mark.parametrize("count", [1, 20])
def test_the_dashboard_makes_the_same_queries_for_1_and_20_plans(
    planner, user, make_plan, count, django_assert_num_queries
):
    for n in range(count):
        plan = make_plan(user, steps=5, title=f"Plan {n}")
        plan.steps.filter(position=0).update(status=PlanStep.Status.DONE)
    Plan.objects.filter(title="Plan 0").update(archived_at="2026-02-01T00:00Z")

    # 1. session, 2. user, 3. the plans (for what the cards show), 4. the plans with roles,
    # routes, step counts and next step.
    with django_assert_num_queries(4):
        response = planner.get(reverse("plans:dashboard"))
    # Again, with nothing changed: the cards come from the cache.
    with django_assert_num_queries(3):
        again = planner.get(reverse("plans:dashboard"))
    assert again.content.count(b'class="card plan-card"') == count

    page = response.content.decode()
    assert page.count('class="card plan-card"') == count
    assert "1 of 5 steps done (20%)" in page
    assert "Next: Step 1" in page
    assert ("Archived" in page) is True


def test_the_dashboard_shows_each_plans_finish_range(
    planner, user, make_milestone, make_route, django_assert_num_queries
):
    course = make_milestone("Course", hours=(100, 300))  # 200 likely, 300 slower
    scheduling.start_plan(
        user, title="Ranged", start_date=TODAY, hours_per_week=10, route=make_route([course])
    )

    page = planner.get(reverse("plans:dashboard")).content.decode()

    likely, slower = TODAY + timedelta(weeks=20), TODAY + timedelta(weeks=30)
    assert f"Finish: likely {likely:%b %Y}, slower {slower:%b %Y}" in page
    assert "at 10 hours a week" in page


@pytest.mark.parametrize("size", [10, 200])
def test_the_timeline_makes_the_same_queries_for_10_and_200_steps(
    planner, user, make_plan, size, django_assert_num_queries
):
    plan = make_plan(user, steps=size)
    _steps_with_hours(plan)
    # 1. session, 2. user, 3. plan, 4. steps, 5. check-ins.
    with django_assert_num_queries(5):
        response = planner.get(_url("plan_timeline", plan))
    # Every dated step is a segment of the overview, and has a row in the table.
    page = response.content.decode()
    assert page.count('class="planned') >= size
    assert page.count('<th scope="row">Step ') == size


# ----- starting a plan -------------------------------------------------------------------


def test_starting_needs_a_login_and_comes_back_after_it(client):
    response = client.get(reverse("plans:start") + "?route=some-route")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login") + "?next=/plans/new/")


def test_start_preselects_the_route_asked_for(planner, view_catalog):
    response = planner.get(reverse("plans:start") + "?route=phd-route")
    page = response.content.decode()
    assert 'id="route-phd-route" checked' in page
    assert "Recommended for you" not in page
    # The title is not filled in: left empty, the plan is named after the route picked.
    assert '<input type="text" name="title" maxlength="200" aria-describedby' in page
    assert "Leave it empty to name the plan after the route you pick." in page


def test_the_fit_check_recommendation_comes_first_and_its_answers_are_kept(
    planner, user, view_catalog
):
    session = planner.session
    answers = {"ambition": "teach"}
    session["fitcheck"] = {"answers": answers, "route": "professor-route"}
    session.save()

    page = planner.get(reverse("plans:start")).content.decode()
    first_radio = page.index('name="route"')
    assert page.index('value="professor-route"') == page.index('value="', first_radio)
    assert "Recommended for you" in page
    assert 'id="route-professor-route" checked' in page

    response = planner.post(
        reverse("plans:start"),
        {
            "route": "professor-route",
            "title": "Theory",
            "start_date": "2026-03-02",
            "hours_per_week": "12",
        },
    )

    plan = Plan.objects.get(owner=user)
    assert response["Location"] == plan.get_absolute_url()
    assert plan.route.slug == "professor-route"
    assert plan.role == plan.route.role
    assert plan.fit_answers == {"answers": answers, "route": "professor-route"}
    assert plan.steps.count() == plan.route.steps.count()
    assert not plan.steps.filter(target_date__isnull=True).exists()


def test_a_blank_plan_has_no_steps_and_offers_every_stage(planner, user, view_catalog):
    response = planner.post(
        reverse("plans:start"),
        {"route": "blank", "title": "My own way", "start_date": "2026-03-02", "hours_per_week": 5},
        follow=True,
    )
    plan = Plan.objects.get(owner=user)
    assert (plan.route, plan.steps.count()) == (None, 0)
    page = response.content.decode()
    assert "Add your own step" in page
    form = planner.get(_url("step_add", plan)).content.decode()
    for label in ("Foundations", "Skills", "Career capital", "Getting the role"):
        assert f">{label}</option>" in form


# ----- working through the plan ----------------------------------------------------------


def test_marking_a_step_done_with_htmx_returns_the_fresh_plan(planner, plan, step):
    response = planner.post(_url("step_status", step), {"status": "done"}, **HTMX)

    step.refresh_from_db()
    assert (step.status, step.done_date) == ("done", TODAY)
    assert response["HX-Retarget"] == "#plan-live"
    page = response.content.decode()
    assert "1 of 6</strong> steps done" in page
    assert f"Marked “{step.title}” done." in page  # announced to screen readers


def test_marking_a_step_done_without_javascript_redirects_back_with_a_message(planner, plan, step):
    response = planner.post(_url("step_status", step), {"status": "done"}, follow=True)

    assert response.redirect_chain[-1][0] == f"{plan.get_absolute_url()}#step-{step.pk}"
    assert f"Marked “{step.title}” done." in response.content.decode()


def test_the_quick_done_button_marks_its_step_done(planner, plan, step):
    # Every open row's button posts to the one form around the list, naming its step.
    page = planner.get(plan.get_absolute_url()).content.decode()
    assert page.count('name="done"') == 6
    assert f'name="done" value="{step.pk}"' in page

    response = planner.post(_url("steps_quick", plan), {"done": str(step.pk)}, **HTMX)

    step.refresh_from_db()
    assert (step.status, step.done_date) == ("done", TODAY)
    assert response["HX-Retarget"] == "#plan-live"
    assert f"Marked “{step.title}” done." in response.content.decode()
    # Finished, it leaves the list of open steps for the folded list of finished ones.
    page = planner.get(plan.get_absolute_url()).content.decode()
    assert page.count('name="done"') == 5
    assert "1 finished step: done" in page


def test_the_quick_form_works_without_javascript(planner, plan, step):
    response = planner.post(_url("steps_quick", plan), {"done": str(step.pk)}, follow=True)

    assert response.redirect_chain[-1][0] == f"{plan.get_absolute_url()}#step-{step.pk}"
    assert f"Marked “{step.title}” done." in response.content.decode()


@pytest.mark.parametrize("done", ["", "not-an-id", "00000000-0000-0000-0000-000000000000"])
def test_the_quick_form_refuses_a_step_it_does_not_know(planner, plan, step, done):
    response = planner.post(_url("steps_quick", plan), {"done": done})

    assert response.status_code == 400
    assert not plan.steps.filter(status="done").exists()


def test_the_quick_form_refuses_another_plans_step_and_a_finished_one(
    planner, user, make_plan, plan, step
):
    other = make_plan(user, steps=2).steps.first()
    assert planner.post(_url("steps_quick", plan), {"done": str(other.pk)}).status_code == 400
    other.refresh_from_db()
    assert other.status == "todo"

    step.set_status(PlanStep.Status.SKIPPED, TODAY)
    assert planner.post(_url("steps_quick", plan), {"done": str(step.pk)}).status_code == 400
    step.refresh_from_db()
    assert step.status == "skipped"


def test_a_steps_actions_come_as_a_fragment_for_the_plan_pages_dialog(planner, make_plan, user):
    plan = make_plan(user, steps=3)
    first, middle, last = plan.steps.order_by("position")

    fragment = planner.get(_url("step_edit", middle) + "?actions", **HTMX).content.decode()

    assert fragment.lstrip().startswith('<div class="step-actions-panel">')
    assert f'<h2 id="step-dialog-title">{middle.title}</h2>' in fragment
    for label in ("Mark done", "Start", "Skip", "Do sooner", "Do later", "Remove", "Log hours"):
        assert f'aria-label="{label}: {middle.title}"' in fragment
    # The first step cannot move sooner, the last cannot move later.
    first_actions = planner.get(_url("step_edit", first) + "?actions", **HTMX).content.decode()
    assert "Do sooner:" not in first_actions and "Do later:" in first_actions
    last_actions = planner.get(_url("step_edit", last) + "?actions", **HTMX).content.decode()
    assert "Do later:" not in last_actions and "Do sooner:" in last_actions


def test_the_step_page_offers_the_same_actions_without_javascript(planner, step):
    page = planner.get(_url("step_edit", step)).content.decode()

    assert '<h2 id="actions-heading">Status and order</h2>' in page
    assert f'aria-label="Start: {step.title}"' in page
    assert f'action="{_url("step_status", step)}"' in page
    assert f'formaction="{_url("step_remove", step)}"' in page
    assert _url("step_evidence", step) in page


def test_an_unknown_status_changes_nothing(planner, step):
    response = planner.post(_url("step_status", step), {"status": "finished"})
    step.refresh_from_db()
    assert (response.status_code, step.status) == (400, "todo")


def test_moving_a_step_sooner_swaps_it_with_the_step_before_it_by_date(planner, make_plan, user):
    plan = make_plan(user, steps=4)  # four 10-hour weeks in a row
    first, second = plan.steps.order_by("position")[:2]

    response = planner.post(_url("step_move", second), {"direction": "up"}, **HTMX)

    assert f"Moved “{second.title}” earlier." in response.content.decode()
    first.refresh_from_db()
    second.refresh_from_db()
    assert second.planned_start == plan.start_date < first.planned_start == second.target_date
    assert second.position < first.position


def test_a_step_cannot_move_before_its_prerequisite(planner, make_milestone, make_route, user):
    basics = make_milestone("Basics", hours=(10, 10))
    advanced = make_milestone("Advanced", hours=(10, 10), needs=[basics])
    plan = scheduling.start_plan(
        user,
        title="P",
        start_date=TODAY,
        hours_per_week=10,
        route=make_route([basics, advanced]),
    )
    advanced_step = plan.steps.get(title="Advanced")

    response = planner.post(_url("step_move", advanced_step), {"direction": "up"}, **HTMX)

    assert "“Advanced” needs “Basics” first" in response.content.decode()
    assert list(plan.steps.order_by("position").values_list("title", flat=True)) == [
        "Basics",
        "Advanced",
    ]


def test_adding_an_own_step_after_another(planner, plan):
    after = plan.steps.filter(stage="skills").first()
    response = planner.post(
        _url("step_add", plan),
        {
            "add-stage": "skills",
            "add-title": "Read the Alignment Forum weekly",
            "add-after": str(after.pk),
            "add-estimated_hours": "6",
        },
        **HTMX,
    )

    assert response.status_code == 200
    added = plan.steps.get(title="Read the Alignment Forum weekly")
    assert (added.milestone, added.stage, added.position) == (None, "skills", after.position + 1)
    assert added.estimated_hours == 6
    assert added.size_basis == "own"
    # Dated at once: from today (the step it follows is past), six hours at ten a week.
    assert added.planned_start == max(TODAY, after.target_date) == TODAY
    assert added.target_date == TODAY + timedelta(days=5)
    assert "Read the Alignment Forum weekly" in response.content.decode()


def test_the_plan_pages_short_add_form_puts_the_step_last(planner, plan):
    page = planner.get(plan.get_absolute_url()).content.decode()
    assert 'name="add-title"' in page and 'name="add-after"' not in page
    last = max(plan.steps.all(), key=lambda step: (step.planned_start, step.position))

    planner.post(
        _url("step_add", plan),
        {"add-stage": "skills", "add-title": "Write it up", "add-estimated_hours": "3"},
    )

    added = plan.steps.get(title="Write it up")
    assert added.position == last.position + 1
    assert added.planned_start >= last.target_date


def test_the_add_step_form_opens_on_its_own_page_or_in_place(planner, plan):
    last = plan.steps.order_by("target_date").last()  # the choices follow the date order
    page = planner.get(_url("step_add", plan) + "?stage=skills").content.decode()
    assert "<h1>Add your own step</h1>" in page
    assert 'name="add-title"' in page
    assert '<option value="skills" selected>Skills</option>' in page
    assert f'<option value="{last.pk}" selected>After “{last.title}”</option>' in page

    fragment = planner.get(_url("step_add", plan) + "?stage=skills", **HTMX).content.decode()
    assert fragment.lstrip().startswith('<form method="post"')
    assert 'name="add-title"' in fragment

    # An unknown stage in the link just leaves the usual one chosen.
    page = planner.get(_url("step_add", plan) + "?stage=nowhere").content.decode()
    assert '<option value="skills" selected>Skills</option>' in page


def test_removing_a_step_offers_undo_and_undo_puts_it_back(planner, plan, step):
    response = planner.post(_url("step_remove", step), follow=True)

    page = response.content.decode()
    assert f"Removed “{step.title}”." in page
    assert _url("step_restore", step) in page
    assert not plan.steps.visible().filter(pk=step.pk).exists()

    planner.post(_url("step_restore", step), **HTMX)
    assert plan.steps.visible().filter(pk=step.pk).exists()


def test_removing_with_htmx_shows_undo_in_the_fragment(planner, step):
    response = planner.post(_url("step_remove", step), **HTMX)
    assert b'id="undo-remove"' in response.content


def test_editing_notes_and_the_target_date(planner, step):
    form = planner.get(_url("step_edit", step), **HTMX).content.decode()
    assert "<html" not in form and 'name="notes"' in form

    data = {"title": step.title, "notes": "Ask Sam\nfor help", "target_date": "2026-04-01"}
    response = planner.post(_url("step_edit", step), data, **HTMX)

    step.refresh_from_db()
    assert (step.notes, step.target_date) == ("Ask Sam\nfor help", date(2026, 4, 1))
    assert "Ask Sam<br>for help" in response.content.decode()


def test_the_edit_page_works_without_javascript(planner, plan, step):
    page = planner.get(_url("step_edit", step)).content.decode()
    assert "<html" in page and "hx-post" not in page  # a plain form on its own page

    data = {"title": "Own step", "notes": "Plain", "target_date": ""}
    response = planner.post(_url("step_edit", step), data)

    assert response.status_code == 302
    step.refresh_from_db()
    assert (step.title, step.notes, step.target_date) == ("Own step", "Plain", None)


def test_a_catalog_step_keeps_the_catalogs_title(planner, view_catalog, user):
    from careerplanner.guide.models import RouteTemplate
    from careerplanner.plans import scheduling

    route = RouteTemplate.objects.first()
    plan = scheduling.start_plan(user, title="P", start_date=TODAY, hours_per_week=5, route=route)
    step = plan.steps.first()

    planner.post(_url("step_edit", step), {"title": "Hacked", "notes": "Mine"})

    step.refresh_from_db()
    assert (step.title, step.notes) == (step.milestone.title, "Mine")


def test_logging_hours(planner, plan, step):
    response = planner.post(
        _url("step_hours", step), {"date": "2026-03-01", "hours": "1.5", "note": "Ch. 2"}, **HTMX
    )

    step.refresh_from_db()
    assert step.hours_logged == Decimal("1.5")
    checkin = CheckIn.objects.get()
    assert (checkin.date, checkin.note) == (date(2026, 3, 1), "Ch. 2")
    assert checkin.hours == Decimal("1.5")
    assert "1.5 h logged" in response.content.decode()


def test_deleting_a_check_in_takes_its_hours_off(planner, step, checkin):
    planner.post(_url("checkin_delete", checkin))

    step.refresh_from_db()
    assert step.hours_logged == 0
    assert not CheckIn.objects.exists()


def test_reschedule_the_rest_from_today(planner, plan):
    response = planner.post(_url("plan_reschedule", plan), follow=True)

    first = plan.steps.order_by("position").first()
    assert first.target_date == TODAY + timedelta(days=7)
    assert "New target dates for 6 steps, at the 10 hours a week you planned." in (
        response.content.decode()
    )


def test_the_page_marks_overdue_steps_and_shows_both_finish_dates(planner, plan):
    plan.steps.filter(position=0).update(status=PlanStep.Status.DONE, done_date=date(2026, 1, 9))

    page = planner.get(plan.get_absolute_url()).content.decode()

    # Weekly steps from 12 January; by 2 March, steps 1 to 5 are past their dates.
    assert page.count("badge badge-overdue") == 5
    assert "5 steps past their target date" in page
    assert 'Likely <time datetime="2026-02-16">Feb 2026</time>' in page
    assert "At 10 hours a week of your own time" in page
    assert "At your pace so far" in page


def test_changing_the_hours_a_week_can_replan_the_rest(planner, plan):
    response = planner.post(
        _url("plan_edit", plan),
        {"title": "Renamed", "start_date": "2026-01-05", "hours_per_week": "20", "replan": "1"},
    )

    assert response.status_code == 302
    plan.refresh_from_db()
    assert (plan.title, plan.hours_per_week) == ("Renamed", 20)
    first = plan.steps.order_by("position").first()
    assert first.target_date == TODAY + timedelta(days=4)  # 10 hours at 20 a week, from today


# ----- the dashboard ---------------------------------------------------------------------


def test_archive_and_restore_from_the_dashboard(planner, plan):
    response = planner.post(_url("plan_archive", plan), **HTMX)
    plan.refresh_from_db()
    assert plan.is_archived
    assert "Archived" in response.content.decode()

    planner.post(_url("plan_restore", plan))
    plan.refresh_from_db()
    assert not plan.is_archived


def test_deleting_a_plan_asks_first(planner, plan):
    assert b"cannot be undone" in planner.get(_url("plan_delete", plan)).content
    planner.post(_url("plan_delete", plan))
    assert not Plan.objects.exists()


# ----- pictures --------------------------------------------------------------------------


def test_the_timeline_has_svg_pictures_with_text_alternatives(planner, plan, step, checkin):
    step.set_status(PlanStep.Status.DONE, TODAY)

    page = planner.get(_url("plan_timeline", plan)).content.decode()

    assert page.count('role="img"') == 3  # the lanes, the next twelve months, the weeks
    assert 'aria-labelledby="overview-title overview-desc"' in page
    assert 'aria-labelledby="upcoming-title upcoming-desc"' in page
    assert "<table>" in page and "Every step as a table" in page
    assert 'class="actual"' in page  # the done step's actual bar
    assert "Week by week as a table" in page
    # Colours come from CSS classes (and so from the stylesheet's variables), never inline.
    assert 'fill="#' not in page and 'stroke="#' not in page


# ----- calendar --------------------------------------------------------------------------


def test_replacing_the_calendar_secret_retires_the_old_address(planner, plan):
    old = reverse("plans:calendar_feed", args=[plan.calendar_token])
    assert planner.get(old).status_code == 200

    planner.post(_url("plan_calendar_replace", plan))

    plan.refresh_from_db()
    assert planner.get(old).status_code == 404
    new = reverse("plans:calendar_feed", args=[plan.calendar_token])
    assert planner.get(new).status_code == 200


def test_the_calendar_address_has_a_page_of_its_own(planner, plan):
    page = planner.get(plan.get_absolute_url()).content.decode()
    assert _url("plan_calendar", plan) in page
    assert 'id="calendar-url"' not in page  # not on the plan page, which stays light

    page = planner.get(_url("plan_calendar", plan)).content.decode()
    assert reverse("plans:calendar_feed", args=[plan.calendar_token]) in page
    response = planner.post(_url("plan_calendar_replace", plan))
    assert response["Location"] == _url("plan_calendar", plan)


def test_a_logged_in_persons_pages_are_kept_by_no_shared_cache(planner, plan):
    response = planner.get(plan.get_absolute_url())
    assert set(response["Cache-Control"].split(", ")) == {"private", "no-cache"}
    # A page that says how long it may be kept keeps its own word.
    feed = planner.get(reverse("plans:calendar_feed", args=[plan.calendar_token]))
    assert feed["Cache-Control"] == "private, max-age=300"


def test_a_visitors_pages_are_not_marked_private(client, view_catalog):
    response = client.get(reverse("guide:roles"))
    assert response.status_code == 200
    assert "private" not in response.get("Cache-Control", "")


def test_the_calendar_needs_no_login_but_the_right_secret(client, plan):
    assert client.get(reverse("plans:calendar_feed", args=[plan.calendar_token])).status_code == 200
    assert client.get(reverse("plans:calendar_feed", args=["guess"])).status_code == 404


def test_a_plan_shows_the_guides_key_figures_for_its_role(planner, user, view_catalog):
    route = view_catalog.phd_route
    plan = scheduling.start_plan(user, title="P", start_date=TODAY, hours_per_week=10, route=route)

    page = planner.get(plan.get_absolute_url()).content.decode()

    assert "Figures to weigh for Empirical research lead, from the guide" in page
    assert 'id="fact-phd-length"' in page and "as of 2023" in page
