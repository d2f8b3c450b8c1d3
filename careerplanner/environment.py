"""Reads settings from the environment and fails loudly, naming the variable, on bad values."""

import ipaddress
import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name}={value!r} is not a boolean: use one of true/false, yes/no, on/off, 1/0."
    )


def envint(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not a whole number.") from None


def envchoice(name: str, default: str, choices: set[str]) -> str:
    value = os.environ.get(name, default).strip().lower()
    if value not in choices:
        raise ImproperlyConfigured(f"{name}={value!r} is not one of {', '.join(sorted(choices))}.")
    return value


def envlist(name: str, default: str) -> list[str]:
    value = os.environ.get(name, default)
    return [item.strip() for item in value.split(",") if item.strip()]


def envnetworks(name: str, default: str) -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    """Addresses or networks (`10.0.0.0/8`), comma-separated."""
    try:
        return [ipaddress.ip_network(item) for item in envlist(name, default)]
    except ValueError as error:
        raise ImproperlyConfigured(f"{name}: {error}") from None


def envurl(name: str, default: str, schemes: set[str]) -> str:
    """A URL whose scheme is one of `schemes` and which names a host or a path."""
    value = os.environ.get(name, default).strip()
    parts = urlsplit(value)
    if parts.scheme not in schemes:
        allowed = ", ".join(sorted(f"{s}://" for s in schemes))
        raise ImproperlyConfigured(f"{name}={value!r} is not a URL starting with {allowed}.")
    if not (parts.netloc or parts.path or parts.scheme == "filesystem"):
        raise ImproperlyConfigured(f"{name}={value!r} names no host.")
    try:
        parts.port  # noqa: B018 - raises ValueError on a port that is not a number
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} has a port that is not a number.") from None
    return value


def envdatabase(name: str, default: str, *, sqlite_test_file: Path) -> dict:
    """The database the URL in `name` names (or `default` when unset), with our limits."""
    url = os.environ.get(name) or default
    try:
        # Connections are kept for a minute rather than opened for every request.
        config = dj_database_url.parse(
            url, conn_max_age=envint("DB_CONN_MAX_AGE", 60), conn_health_checks=True
        )
    except ValueError as error:
        raise ImproperlyConfigured(f"{name}={url!r} is not a database URL: {error}") from None
    if config["ENGINE"].endswith("sqlite3"):
        config.setdefault("TEST", {})["NAME"] = str(sqlite_test_file)
    elif config["ENGINE"].endswith("postgresql"):
        # A database that stops answering fails the request in seconds instead of holding a
        # worker until gunicorn kills it; a runaway query is stopped by the server.
        config.setdefault("OPTIONS", {}).update(
            connect_timeout=envint("DB_CONNECT_TIMEOUT", 3),
            options=f"-c statement_timeout={envint('DB_STATEMENT_TIMEOUT_MS', 30_000)}",
        )
    return config
