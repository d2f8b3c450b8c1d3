from django.urls import path, register_converter

from careerplanner.plans import views


class CalendarToken:
    """The characters secrets.token_urlsafe uses; anything else (a NUL byte) is a 404."""

    regex = "[A-Za-z0-9_-]{1,64}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(CalendarToken, "calendar_token")

app_name = "plans"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("new/", views.start, name="start"),
    path("<uuid:plan_id>/", views.plan, name="plan"),
    path("<uuid:plan_id>/settings/", views.plan_edit, name="plan_edit"),
    path("<uuid:plan_id>/archive/", views.plan_archive, name="plan_archive"),
    path("<uuid:plan_id>/restore/", views.plan_restore, name="plan_restore"),
    path("<uuid:plan_id>/delete/", views.plan_delete, name="plan_delete"),
    path("<uuid:plan_id>/reschedule/", views.plan_reschedule, name="plan_reschedule"),
    path("<uuid:plan_id>/steps/add/", views.step_add, name="step_add"),
    path("<uuid:plan_id>/timeline/", views.plan_timeline, name="plan_timeline"),
    path("<uuid:plan_id>/export.json", views.plan_export_json, name="plan_export_json"),
    path("<uuid:plan_id>/export.md", views.plan_export_markdown, name="plan_export_markdown"),
    path(
        "<uuid:plan_id>/calendar/replace/",
        views.plan_calendar_replace,
        name="plan_calendar_replace",
    ),
    path("steps/<uuid:step_id>/status/", views.step_status, name="step_status"),
    path("steps/<uuid:step_id>/move/", views.step_move, name="step_move"),
    path("steps/<uuid:step_id>/remove/", views.step_remove, name="step_remove"),
    path("steps/<uuid:step_id>/restore/", views.step_restore, name="step_restore"),
    path("steps/<uuid:step_id>/edit/", views.step_edit, name="step_edit"),
    path("steps/<uuid:step_id>/hours/", views.step_hours, name="step_hours"),
    path("check-ins/<uuid:checkin_id>/delete/", views.checkin_delete, name="checkin_delete"),
    # A secret in the URL instead of a login, for calendar apps.
    path("calendar/<calendar_token:token>.ics", views.calendar_feed, name="calendar_feed"),
]
