"""Taking a request: exactly one advisor gets it, even when two click at once."""

import io
import threading

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, connections

from careerplanner.accounts.models import User
from careerplanner.reviews.advisors import is_advisor, make_advisor
from careerplanner.reviews.models import ReviewRequest


def test_the_second_advisor_to_take_a_request_is_turned_away(review, advisor):
    other, _ = make_advisor("other@example.com")
    assert review.take(advisor) is True
    assert review.take(other) is False
    review.refresh_from_db()
    assert review.advisor == advisor


@pytest.mark.django_db(transaction=True)
def test_two_advisors_taking_at_once_on_two_connections_one_wins(make_user, make_plan):
    if connection.vendor != "postgresql":
        pytest.skip("needs two real concurrent connections: runs on PostgreSQL (as CI does)")
    plan = make_plan(make_user(), [("Learn Python", None)])
    first, _ = make_advisor("first@example.com")
    second, _ = make_advisor("second@example.com")
    for attempt in range(20):
        review = ReviewRequest.objects.create(plan=plan)
        barrier = threading.Barrier(2)
        results = {}

        def take(advisor, review_id=review.pk, barrier=barrier, results=results):
            try:
                mine = ReviewRequest.objects.get(pk=review_id)  # each thread's own connection
                barrier.wait()
                results[advisor.email] = mine.take(advisor)
            finally:
                connections.close_all()

        threads = [threading.Thread(target=take, args=(a,)) for a in (first, second)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sorted(results.values()) == [False, True], attempt
        review.refresh_from_db()
        winner = next(email for email, won in results.items() if won)
        assert review.advisor.email == winner
        review.finish("on_track", "ok")


def test_createadvisor_creates_or_promotes(db):
    out = io.StringIO()
    call_command("createadvisor", "New.Advisor@Example.com", stdout=out)
    # Kept lowercase, as allauth keeps addresses: a mixed-case one could not sign in.
    assert "Created advisor new.advisor@example.com" in out.getvalue()
    assert "/accounts/password/reset/" in out.getvalue()
    user = User.objects.get(email="new.advisor@example.com")
    assert is_advisor(user) and not user.has_usable_password()

    existing = User.objects.create_user("planner@example.com", "pw")
    call_command("createadvisor", "planner@example.com", stdout=io.StringIO())
    existing.refresh_from_db()
    assert is_advisor(existing) and existing.check_password("pw")


def test_createadvisor_rejects_a_bad_address_and_changes_nothing(db):
    with pytest.raises(CommandError, match="'not-an-email' is not an email address"):
        call_command("createadvisor", "not-an-email")
    assert not User.objects.exists()


def test_the_migration_gives_advisors_exactly_the_review_permissions(db):
    from django.contrib.auth.models import Group

    from careerplanner.reviews.advisors import ADVISORS, PERMISSIONS

    group = Group.objects.get(name=ADVISORS)
    granted = set(group.permissions.values_list("content_type__app_label", "codename"))
    assert granted == set(PERMISSIONS)
