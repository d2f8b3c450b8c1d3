from django.urls import path

from careerplanner.reviews import views

app_name = "reviews"
urlpatterns = [
    path("plans/<uuid:plan_id>/ask/", views.ask, name="ask"),
]
