"""The app's URLs and the benchmark's own pages (tests/bench/views.py)."""

from django.urls import path

from careerplanner.urls import urlpatterns as app_urlpatterns
from tests.bench import views

urlpatterns = [
    *app_urlpatterns,
    path("bench/constant/", views.constant, name="bench_constant"),
    path("bench/comparable/", views.comparable, name="bench_comparable"),
]
