"""Settings come from the environment; a bad value stops start-up and names the variable."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "SECRET_KEY": "x8#q9!v2m@r7z&k1p4w6t3y5u0o-i_e+h=g(f)d*s^a%l$j-Qa7bN3cV5xZ1",
    "DEBUG": "false",
    "ALLOWED_HOSTS": "plans.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://plans.example.org",
    "SITE_URL": "https://plans.example.org",
    "TRUSTED_PROXY_COUNT": "1",
}


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in PRODUCTION and k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("variable", "value", "complaint"),
    [
        ("DEBUG", "maybe", "is not a boolean"),
        ("DATABASE_URL", "nosuchdb://somewhere/x", "is not a database URL"),
        ("CELERY_BROKER_URL", "redis//127.0.0.1:6379", "is not a URL"),
        ("CELERY_BROKER_URL", "redis://127.0.0.1:port/0", "port that is not a number"),
        ("SITE_URL", "plans.example.org", "is not a URL"),
        ("CACHE_URL", "memcached://127.0.0.1", "is not a URL"),
        ("SECURE_HSTS_SECONDS", "a year", "is not a whole number"),
    ],
)
def test_a_bad_value_stops_start_up_naming_the_variable(variable, value, complaint):
    result = manage("check", **{variable: value})
    assert result.returncode != 0
    last_line = result.stderr.strip().splitlines()[-1]
    assert "ImproperlyConfigured" in last_line
    assert f"{variable}=" in last_line and complaint in last_line


def test_a_bad_email_port_names_the_variable():
    result = manage("check", EMAIL_HOST="smtp.example.org", EMAIL_PORT="twenty-five")
    assert result.returncode != 0
    assert "EMAIL_PORT='twenty-five' is not a whole number" in result.stderr


def test_production_values_pass_the_deploy_check():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_development_defaults_fail_the_deploy_check():
    # The proof that the check above is not passing by accident.
    result = manage("check", "--deploy", "--fail-level", "WARNING", DEBUG="true")
    assert result.returncode != 0
    assert "security.W018" in result.stderr  # DEBUG on


def _setting(name: str, **env: str) -> str:
    result = manage(
        "shell", "-c", f"from django.conf import settings; print(settings.{name})", **env
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_one_setting_names_how_many_proxies_to_trust():
    assert _setting("ALLAUTH_TRUSTED_PROXY_COUNT", TRUSTED_PROXY_COUNT="2") == "2"
    assert _setting("SECURE_PROXY_SSL_HEADER", TRUSTED_PROXY_COUNT="2") == (
        "('HTTP_X_FORWARDED_PROTO', 'https')"
    )
    assert _setting("ALLAUTH_TRUSTED_PROXY_COUNT", BEHIND_PROXY="true") == "1"
    assert _setting("ALLAUTH_TRUSTED_PROXY_COUNT") == "0"


def test_every_dependency_has_a_timeout():
    env = {
        "DATABASE_URL": "postgres://u@db:5432/x",
        "CACHE_URL": "redis://r:6379/1",
        "CELERY_BROKER_URL": "redis://r:6379/0",
        "EMAIL_HOST": "smtp.example.org",
    }
    options = _setting("DATABASES['default']['OPTIONS']", **env)
    assert "'connect_timeout': 3" in options and "statement_timeout=30000" in options
    assert _setting("CACHES['default']['OPTIONS']['SOCKET_TIMEOUT']", **env) == "1"
    assert "'socket_connect_timeout': 1" in _setting("CELERY_BROKER_TRANSPORT_OPTIONS", **env)
    assert _setting("EMAIL_TIMEOUT", **env) == "10"
