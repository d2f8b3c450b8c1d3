"""No Docker engine runs here, so check what can be checked: the compose file parses and
every command it runs names something that exists in the project."""

import importlib
import shlex
from pathlib import Path

import pytest
import yaml
from django.core.management import get_commands

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SERVICES = COMPOSE["services"]


def commands_of(service: dict) -> list[list[str]]:
    """Each shell command a service runs, split into words."""
    command = service.get("command", "")
    if isinstance(command, list):
        command = shlex.join(command)
    if command.startswith("sh -c "):
        command = shlex.split(command)[2]
    return [shlex.split(part) for part in command.split("&&") if part.strip()]


def test_the_deployment_has_every_service_with_a_health_check():
    assert set(SERVICES) == {"postgres", "redis", "mailpit", "web", "worker", "beat", "proxy"}
    for name, service in SERVICES.items():
        assert service.get("healthcheck", {}).get("test"), f"{name} has no health check"


def test_web_runs_migrations_before_gunicorn():
    words = [argv[:3] for argv in commands_of(SERVICES["web"])]
    assert words[0] == ["python", "manage.py", "migrate"]
    assert words[-1][0] == "gunicorn"


@pytest.mark.parametrize("name", ["web", "worker", "beat"])
def test_every_command_names_something_that_exists(name):
    for argv in commands_of(SERVICES[name]):
        match argv:
            case ["python", "manage.py", subcommand, *_]:
                assert subcommand in get_commands(), f"{name}: no management command {subcommand}"
            case ["gunicorn", target, *_]:
                module, attribute = target.split(":")
                assert callable(getattr(importlib.import_module(module), attribute))
            case ["celery", "-A", package, *_]:
                app = importlib.import_module(package).celery_app
                assert app.main == "careerplanner"
            case _:
                pytest.fail(f"{name}: unexpected command {argv}")


def test_app_services_share_settings_from_the_environment():
    for name in ("web", "worker", "beat"):
        env = SERVICES[name]["environment"]
        assert env["DATABASE_URL"].startswith("postgres://")
        assert env["CELERY_BROKER_URL"].startswith("redis://redis:")
        assert env["EMAIL_HOST"] == "mailpit"


def test_dockerfile_installs_from_the_lock_file():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "pip install --no-cache-dir -r requirements.lock" in dockerfile
    assert "careerplanner.wsgi:application" in dockerfile


def test_gunicorn_is_reached_only_through_the_proxy():
    assert "ports" not in SERVICES["web"]
    proxy = SERVICES["proxy"]
    image, tag = proxy["image"].split(":")
    assert image == "nginx" and tag[0].isdigit() and tag.count(".") == 2  # an exact version
    assert proxy["environment"]["UPSTREAM"] == "web:8000"
    template = proxy["volumes"][0].split(":")[0]
    assert (ROOT / template).is_file()
    assert SERVICES["web"]["environment"]["TRUSTED_PROXY_COUNT"] == "1"
