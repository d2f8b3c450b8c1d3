from datetime import date

import pytest

from careerplanner.reviews.advisors import make_advisor
from careerplanner.reviews.models import ReviewRequest


@pytest.fixture
def advisor(db, password):
    user, _ = make_advisor("advisor@example.com")
    user.set_password(password)
    user.save()
    return user


@pytest.fixture
def planner(make_user):
    return make_user(email="planner@example.com", name="Ada")


@pytest.fixture
def plan(planner, make_plan):
    return make_plan(
        planner,
        [("Learn Python", date(2026, 12, 1)), ("Replicate a paper", date(2027, 3, 1))],
        title="Research engineer by 2028",
    )


@pytest.fixture
def review(plan):
    return ReviewRequest.objects.create(plan=plan, message="Is my pace realistic?")
