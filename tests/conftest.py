"""Fixtures shared by every test. Tests run on SQLite unless DATABASE_URL names PostgreSQL."""

import pytest
from django.conf import settings
from django.core.cache import cache


def pytest_report_header(config):
    database = settings.DATABASES["default"]
    where = database.get("HOST") or database["NAME"]
    return [
        f"database: {database['ENGINE'].rsplit('.', 1)[-1]} {where}",
        f"broker: {settings.CELERY_BROKER_URL.split('@')[-1]}",
        f"cache: {settings.CACHES['default']['BACKEND'].rsplit('.', 1)[-1]}",
    ]


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Rate limits live in the cache; one test's failed logins must not lock out the next.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def password():
    return "a-long-and-unusual-passphrase-42"


@pytest.fixture
def make_user(db, password):
    """Creates a user whose email is verified, as if they had clicked the link."""
    from allauth.account.models import EmailAddress

    from careerplanner.accounts.models import User

    def make(email="planner@example.com", **fields):
        user = User.objects.create_user(email=email, password=password, **fields)
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        return user

    return make


@pytest.fixture
def user(make_user):
    return make_user()
