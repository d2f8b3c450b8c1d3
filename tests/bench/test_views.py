"""The benchmark's baseline page: served only when BENCHMARK_VIEWS is on, behind the login."""

from django.contrib.auth.models import AnonymousUser

from careerplanner import bench_views


def test_the_baseline_page_is_not_routed_unless_the_benchmark_asks(client, user):
    client.force_login(user)
    assert client.get("/bench/constant/").status_code == 404


def test_the_baseline_page_needs_a_login_and_answers_a_constant_body(rf, user):
    request = rf.get("/bench/constant/")
    request.user = AnonymousUser()
    assert bench_views.constant(request).status_code == 302
    request.user = user
    response = bench_views.constant(request)
    assert response.status_code == 200
    assert response.content == bench_views.BODY
