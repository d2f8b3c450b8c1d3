from django.urls import path, register_converter

from careerplanner.plans.views import (
    dashboard,
    evidence,
    exports,
    history,
    page,
    sharing,
    starting,
    steps,
)


class CalendarToken:
    """The characters secrets.token_urlsafe uses; anything else (a NUL byte) is a 404."""

    regex = "[A-Za-z0-9_-]{1,64}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(CalendarToken, "calendar_token")
register_converter(CalendarToken, "mentor_token")

app_name = "plans"
urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("new/", starting.start, name="start"),
    path("<uuid:plan_id>/", page.plan, name="plan"),
    path("<uuid:plan_id>/settings/", starting.plan_edit, name="plan_edit"),
    path("<uuid:plan_id>/archive/", dashboard.plan_archive, name="plan_archive"),
    path("<uuid:plan_id>/restore/", dashboard.plan_restore, name="plan_restore"),
    path("<uuid:plan_id>/delete/", dashboard.plan_delete, name="plan_delete"),
    path("<uuid:plan_id>/reschedule/", page.plan_reschedule, name="plan_reschedule"),
    path("<uuid:plan_id>/steps/add/", steps.step_add, name="step_add"),
    path("<uuid:plan_id>/timeline/", page.plan_timeline, name="plan_timeline"),
    path("<uuid:plan_id>/export.json", exports.plan_export_json, name="plan_export_json"),
    path("<uuid:plan_id>/export.md", exports.plan_export_markdown, name="plan_export_markdown"),
    path("<uuid:plan_id>/calendar/", exports.plan_calendar, name="plan_calendar"),
    path("<uuid:plan_id>/steps/quick/", steps.steps_quick, name="steps_quick"),
    path(
        "<uuid:plan_id>/calendar/replace/",
        exports.plan_calendar_replace,
        name="plan_calendar_replace",
    ),
    path("<uuid:plan_id>/history/", history.plan_history, name="plan_history"),
    path("snapshots/<uuid:snapshot_id>/", history.plan_snapshot, name="plan_snapshot"),
    path("<uuid:plan_id>/mentor/", sharing.plan_mentor_link, name="plan_mentor_link"),
    path(
        "<uuid:plan_id>/mentor/replace/",
        sharing.plan_mentor_link_replace,
        name="plan_mentor_link_replace",
    ),
    path("<uuid:plan_id>/mentor/off/", sharing.plan_mentor_link_off, name="plan_mentor_link_off"),
    path("steps/<uuid:step_id>/evidence/", evidence.step_evidence, name="step_evidence"),
    path("evidence/<uuid:evidence_id>/remove/", evidence.evidence_remove, name="evidence_remove"),
    path("steps/<uuid:step_id>/status/", steps.step_status, name="step_status"),
    path("steps/<uuid:step_id>/move/", steps.step_move, name="step_move"),
    path("steps/<uuid:step_id>/remove/", steps.step_remove, name="step_remove"),
    path("steps/<uuid:step_id>/restore/", steps.step_restore, name="step_restore"),
    path("steps/<uuid:step_id>/edit/", steps.step_edit, name="step_edit"),
    path("steps/<uuid:step_id>/hours/", steps.step_hours, name="step_hours"),
    path("check-ins/<uuid:checkin_id>/delete/", steps.checkin_delete, name="checkin_delete"),
    # A secret in the URL instead of a login, for calendar apps.
    path("calendar/<calendar_token:token>.ics", exports.calendar_feed, name="calendar_feed"),
    # The same for a mentor without an account: a read-only page of one plan.
    path("shared/<mentor_token:token>/", sharing.mentor_view, name="mentor_view"),
]
