"""Every command the README and docs/ show names something that exists, with arguments that
parse: a management command, a make target, a script, a compose service or profile. (CI also
pastes the README's real-services block into a fresh shell: .ci/newcomer readme.)"""

import os
import re
import shlex
from pathlib import Path

import pytest
import yaml
from django.core.management import get_commands, load_command_class

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def shown_commands() -> list[tuple[str, list[str]]]:
    """(page, words) for each command line in the pages' ```sh blocks, comments dropped and
    continued lines joined."""
    found = []
    for page in PAGES:
        for block in re.findall(r"^```sh\n(.*?)^```", page.read_text(), re.M | re.S):
            for line in block.replace("\\\n", " ").splitlines():
                for command in re.split(r"&&|\|\||\|", line.split("  #")[0]):
                    words = shlex.split(command.replace("(", " ").replace(")", " "), comments=True)
                    if words:
                        found.append((page.name, words))
    return found


COMMANDS = shown_commands()
MAKE_TARGETS = set(re.findall(r"^([a-z][\w-]*):", (ROOT / "Makefile").read_text(), re.M))
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def check(words: list[str]) -> None:
    match words:
        case [".venv/bin/python", "manage.py", name, *args]:
            commands = get_commands()
            assert name in commands, f"no management command {name}"
            parser = load_command_class(commands[name], name).create_parser("manage.py", name)
            parser.parse_args(args)  # exits (SystemExit) on arguments the command does not take
        case [".venv/bin/python", "-m", "aiosmtpd", *_]:
            import aiosmtpd  # noqa: F401 - installed by make install-dev, as the README says
        case ["make", target, *_]:
            assert target in MAKE_TARGETS, f"no make target {target}"
        case [script, *_] if script.startswith("deploy/"):
            assert os.access(ROOT / script, os.X_OK), f"{script} is not an executable script"
        case ["docker", "compose", "--profile", profile, *_]:
            profiles = {p for s in COMPOSE["services"].values() for p in s.get("profiles", [])}
            assert profile in profiles
        case ["docker", "compose", "exec", "-T", service, *_]:
            assert service in COMPOSE["services"]
        case ["export", *assignments]:
            assert all("=" in word for word in assignments)
        case ["psql" | "createdb" | "grep" | "pg_dump" | "pg_restore", *_]:
            pass  # PostgreSQL's client tools and grep, which the machine has
        case _:
            pytest.fail(f"a command the README shows that this test does not know: {words}")


@pytest.mark.parametrize(("page", "words"), COMMANDS, ids=[" ".join(w) for _, w in COMMANDS])
def test_every_command_shown_names_something_that_exists(page, words):
    check(words)


def test_the_commands_were_found():
    shown = {words[0] for _, words in COMMANDS}
    assert {".venv/bin/python", "make", "docker", "deploy/backup.sh"} <= shown
