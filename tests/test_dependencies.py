"""Two locks: what the app needs to run (`make run`, the production image) and the
development tools on top of exactly those versions (`make test`)."""

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
TEST_TOOLS = {"pytest", "pytest-django", "ruff", "playwright", "time-machine", "aiosmtpd", "uv"}


def pins(lock: str) -> dict[str, str]:
    found = re.findall(r"^([A-Za-z0-9_.\-\[\]]+)==(\S+)", (ROOT / lock).read_text(), re.M)
    return {canonicalize_name(name.split("[")[0]): version for name, version in found}


def names(requirements: list[str]) -> set[str]:
    return {canonicalize_name(Requirement(line).name) for line in requirements}


def test_the_runtime_lock_pins_every_dependency_and_no_test_tool():
    runtime = pins("requirements.lock")
    assert names(PROJECT["dependencies"]) <= set(runtime)
    assert not TEST_TOOLS & set(runtime)
    assert not names(PROJECT["optional-dependencies"]["dev"]) & set(runtime)


def test_the_development_lock_adds_the_tools_to_the_same_versions():
    runtime, development = pins("requirements.lock"), pins("requirements-dev.lock")
    assert names(PROJECT["optional-dependencies"]["dev"]) <= set(development)
    assert {name: development.get(name) for name in runtime} == runtime


def test_the_image_and_make_run_install_the_runtime_lock_only():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "-r requirements.lock" in dockerfile
    assert "requirements-dev" not in dockerfile
    makefile = (ROOT / "Makefile").read_text()
    run_needs = re.search(r"^run: (.*)$", makefile, re.M).group(1).split()
    assert run_needs == ["install"]
    assert "-r requirements.lock" in re.search(
        r"^\$\(VENV\)/\.installed:.*?\n\n", makefile, re.M | re.S
    ).group(0)
