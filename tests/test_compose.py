"""No Docker engine runs here, so check what can be checked: the compose file parses (with a
real YAML parser, anchors and merge keys resolved), it describes a real deployment (one image,
migrations first, restart policies, health checks of each process itself, pinned images,
Mailpit only for development), and every command it runs names something that exists in the
image: a management command, or a program of a package in the runtime lock."""

import importlib
import importlib.metadata
import re
import shlex
from pathlib import Path

import pytest
import yaml
from django.core.management import get_commands

from tests.test_dependencies import pins

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SERVICES = COMPOSE["services"]
APP = ("migrate", "web", "worker", "beat")  # the services that run our image
LONG_RUNNING = ("postgres", "redis", "web", "worker", "beat", "proxy")
IN_THE_IMAGE = pins("requirements.lock")  # what the Dockerfile installs


def commands_of(argv: str | list[str]) -> list[list[str]]:
    """Each command a service (or a health check) runs, split into words."""
    if isinstance(argv, str):
        argv = shlex.split(argv)
    if argv[:1] in (["CMD"], ["CMD-SHELL"]):
        argv = shlex.split(argv[1]) if argv[0] == "CMD-SHELL" else argv[1:]
    if argv[:2] == ["sh", "-c"]:
        return [shlex.split(part) for part in argv[2].split("&&")]
    return [argv]


def program_of(name: str) -> str:
    """The distribution whose console script `name` is."""
    (script,) = importlib.metadata.entry_points(group="console_scripts", name=name)
    return script.dist.name.lower()


def check_exists(service: str, argv: list[str]) -> None:
    match argv:
        case ["python", "manage.py", subcommand, *_]:
            assert subcommand in get_commands(), f"{service}: no management command {subcommand}"
        case ["python", "-c", code]:
            compile(code, f"{service} health check", "exec")
        case ["exec", *rest]:
            check_exists(service, rest)
        case ["gunicorn", target, *_]:
            assert program_of("gunicorn") in IN_THE_IMAGE
            module, attribute = target.split(":")
            assert callable(getattr(importlib.import_module(module), attribute))
        case ["celery", "-A", package, *_]:
            assert program_of("celery") in IN_THE_IMAGE
            assert importlib.import_module(package).celery_app.main == "careerplanner"
        case _:
            pytest.fail(f"{service}: unexpected command {argv}")


@pytest.mark.parametrize("name", APP)
def test_every_command_names_something_in_the_image(name):
    service = SERVICES[name]
    for argv in commands_of(service["command"]):
        check_exists(name, argv)
    if "healthcheck" in service:
        for argv in commands_of(service["healthcheck"]["test"]):
            check_exists(name, argv)


def test_one_image_built_once_runs_every_app_service():
    built = [name for name, service in SERVICES.items() if "build" in service]
    assert built == ["migrate"]
    assert len({SERVICES[name]["image"] for name in APP}) == 1
    for name in ("web", "worker", "beat"):
        assert SERVICES[name]["pull_policy"] == "never"  # never a stale copy from a registry


def test_migrations_and_the_catalog_come_first():
    steps = [argv[:3] for argv in commands_of(SERVICES["migrate"]["command"])]
    assert steps == [["python", "manage.py", "migrate"], ["python", "manage.py", "loadguide"]]
    assert SERVICES["migrate"]["restart"] == "no"
    for name in ("web", "worker", "beat"):
        waits_for = SERVICES[name]["depends_on"]
        assert waits_for["migrate"]["condition"] == "service_completed_successfully"
        assert waits_for["postgres"]["condition"] == "service_healthy"
        assert "mailpit" not in waits_for


def test_gunicorn_is_the_process_that_gets_the_stop_signal():
    # No shell between: an exec-form command, or a shell that execs it.
    command = SERVICES["web"]["command"]
    if isinstance(command, str) or command[:2] == ["sh", "-c"]:
        (argv,) = commands_of(command)
        assert argv[0] == "exec"
    else:
        assert command[0] == "gunicorn"


def test_long_running_services_restart_and_report_their_health():
    for name in LONG_RUNNING:
        assert SERVICES[name]["restart"] == "unless-stopped", name
        assert SERVICES[name]["healthcheck"]["test"], f"{name} has no health check"


def test_worker_and_beat_health_checks_ask_that_process_only():
    def pinged(name):
        (argv,) = commands_of(SERVICES[name]["healthcheck"]["test"])
        assert argv[3:5] == ["inspect", "ping"]
        return argv[argv.index("-d") + 1]

    # $$ is compose's escape: the shell in the container sees $HOSTNAME, its own name.
    assert pinged("worker") == "celery@$$HOSTNAME"
    assert pinged("beat") == "celerybeat@$$HOSTNAME"
    from django.conf import settings

    assert settings.CELERY_BEAT_ENABLE_REMOTE_CONTROL  # beat answers pings only then


def test_every_image_is_pinned_to_a_version():
    for name, service in SERVICES.items():
        if name in APP:
            continue
        image, _, tag = service["image"].partition(":")
        assert re.fullmatch(r"v?\d+\.\d+(\.\d+)?(-[a-z]+)?", tag), f"{name}: {service['image']}"
    base = re.search(r"^FROM (\S+)", (ROOT / "Dockerfile").read_text(), re.M).group(1)
    assert re.fullmatch(r"python:\d+\.\d+\.\d+-slim-\w+", base)


def test_mailpit_runs_only_in_the_dev_profile():
    assert SERVICES["mailpit"]["profiles"] == ["dev"]
    for name, service in SERVICES.items():
        if name != "mailpit":
            assert "profiles" not in service, name


def test_app_services_share_settings_from_the_environment():
    for name in APP:
        env = SERVICES[name]["environment"]
        assert env["DATABASE_URL"].startswith("postgres://")
        assert env["CELERY_BROKER_URL"].startswith("redis://redis:")
        assert env["TRUSTED_PROXY_COUNT"] == "1"
    assert SERVICES["web"]["environment"]["PROMETHEUS_MULTIPROC_DIR"]


def test_the_image_installs_the_runtime_lock_and_logs_json():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "pip install --no-cache-dir -r requirements.lock" in dockerfile
    assert "LOG_FORMAT=json" in dockerfile
    cmd = re.search(r"^CMD (.*)$", dockerfile, re.M).group(1)
    check_exists("Dockerfile", yaml.safe_load(cmd))
    assert "tests" in (ROOT / ".dockerignore").read_text().split()


def test_gunicorn_is_reached_only_through_the_proxy():
    assert "ports" not in SERVICES["web"]
    proxy = SERVICES["proxy"]
    image, tag = proxy["image"].split(":")
    assert image == "nginx" and tag[0].isdigit() and tag.count(".") == 2  # an exact version
    assert proxy["environment"]["UPSTREAM"] == "web:8000"
    template = proxy["volumes"][0].split(":")[0]
    assert (ROOT / template).is_file()
