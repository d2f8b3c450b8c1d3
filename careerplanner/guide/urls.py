from django.urls import path

from careerplanner.guide import views

app_name = "guide"
urlpatterns = [
    path("roles/", views.roles, name="roles"),
    path("roles/<slug:slug>/", views.role, name="role"),
    path("routes/<slug:slug>/", views.route, name="route"),
    path("milestones/<slug:slug>/", views.milestone, name="milestone"),
    path("organisations/", views.organisations, name="organisations"),
    path("fit-check/", views.fitcheck, name="fitcheck"),
]
