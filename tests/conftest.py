"""Fixtures shared by every test. Tests run on SQLite unless DATABASE_URL names PostgreSQL."""

import io
from datetime import date

import pytest
from django.conf import settings
from django.core.cache import cache, caches
from django.core.management import call_command


def pytest_report_header(config):
    database = settings.DATABASES["default"]
    # The database the tests really use: Django's test copy, not the one named in settings.
    test_name = database.get("TEST", {}).get("NAME") or f"test_{database['NAME']}"
    where = f"{database['HOST']}/{test_name}" if database.get("HOST") else test_name
    cache = settings.CACHES["default"]
    return [
        f"database: {database['ENGINE'].rsplit('.', 1)[-1]} {where}",
        f"broker: {_broker()}",
        f"cache: {cache['BACKEND'].rsplit('.', 1)[-1]} {cache['LOCATION'].split('@')[-1]}",
    ]


def _broker() -> str:
    folder = settings.CELERY_BROKER_TRANSPORT_OPTIONS.get("data_folder_in")
    return f"filesystem {folder}" if folder else settings.CELERY_BROKER_URL.split("@")[-1]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Loads the catalog once into the test database; each test rolls back over it."""
    with django_db_blocker.unblock():
        call_command("loadguide", stdout=io.StringIO())
    yield
    with django_db_blocker.unblock():
        _end_stray_sessions()


def _end_stray_sessions() -> None:
    """Connections that other threads of the run left open would stop the test database
    from being dropped; say whose they are, then end them."""
    import sys

    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid, application_name, state, left(query, 120) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        for pid, application, state, query in cursor.fetchall():
            print(
                f"\nending a stray session {pid} ({application}, {state}): {query}", file=sys.stderr
            )
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])


@pytest.fixture
def catalog(db):
    """The committed seeds, as `make run` loads them. Already there, unless a transactional
    test's flush emptied the database, in which case it is loaded again."""
    from careerplanner.guide.models import Role

    if not Role.objects.exists():
        call_command("loadguide", stdout=io.StringIO())


@pytest.fixture
def empty_catalog(db):
    """For the tests that start from nothing: the catalog goes, inside the test's
    transaction, so the next test has it back."""
    from careerplanner.guide import models

    for model in (
        models.FitChoice,
        models.FitQuestion,
        models.RouteStep,
        models.RouteTemplate,
        models.FitTest,
        models.Opportunity,
        models.Organisation,
        models.Fact,
        models.Milestone,
        models.Resource,
        models.Skill,
        models.Role,
        models.Section,
    ):
        model.objects.all().delete()


@pytest.fixture
def view_catalog(empty_catalog):
    """A small catalog of our own in place of the seeded one (tests/view_catalog.py says
    what it holds), for tests of code that must not hang on the wording of seeds/."""
    from tests import view_catalog

    return view_catalog.build()


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Rate limits live in the cache; one test's failed logins must not lock out the next.
    # The process's own caches of rows and pages start empty too, so a test sees a first visit.
    for each in (cache, caches["rows"], caches["pages"]):
        each.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # The real hasher is slow by design; tests create many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


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


@pytest.fixture
def make_plan():
    """Makes a plan whose steps are (title, target date) pairs, all in the first stage."""
    from careerplanner.plans.models import Plan, PlanStep

    def make(owner, steps: list[tuple[str, date | None]], title="Into AI safety", **fields):
        plan = Plan.objects.create(
            owner=owner,
            title=title,
            start_date=fields.pop("start_date", date(2026, 1, 1)),
            hours_per_week=10,
            **fields,
        )
        PlanStep.objects.bulk_create(
            PlanStep(plan=plan, stage="foundations", title=name, position=n, target_date=day)
            for n, (name, day) in enumerate(steps)
        )
        return plan

    return make


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Mailbox:
    """What a local SMTP server received, and over how many connections."""

    def __init__(self):
        self.messages = []
        self.connections = 0

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        self.connections += 1
        session.host_name = hostname
        return responses

    async def handle_DATA(self, server, session, envelope):
        import email

        self.messages.append(email.message_from_bytes(envelope.original_content))
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on a free local port; the app's email goes to it."""
    import logging

    from aiosmtpd.controller import Controller

    logging.getLogger("mail.log").setLevel(logging.WARNING)  # one line per SMTP command
    mailbox = Mailbox()
    mailbox.port = free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=mailbox.port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = mailbox.port
    settings.EMAIL_USE_TLS = False
    yield mailbox
    controller.stop()


def purge_broker() -> None:
    """Empties the test broker's queue, on a connection of its own: a test before may have
    closed the Celery app's pool."""
    from careerplanner.celery import app

    with app.connection_for_write() as connection:
        app.control.purge(connection=connection)
