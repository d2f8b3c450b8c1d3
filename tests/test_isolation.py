"""`make test` and a `make run` serving the same checkout share nothing: not the SQLite
files, the broker's folders or the cache. And nothing they write lands in the checkout."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SERVICES = ("DATABASE_URL", "CELERY_BROKER_URL", "CACHE_URL", "VAR_DIR", "PORT", "SITE_URL")


def settings_seen(testing: bool, **env: str) -> dict:
    """The settings a process started with `env` sees, as `make run` (testing=False) or as
    a process the tests start (which inherits PYTEST_VERSION)."""
    clean = {k: v for k, v in os.environ.items() if k not in SERVICES}
    if not testing:
        clean.pop("PYTEST_VERSION", None)
    code = (
        "import json; from django.conf import settings as s; print(json.dumps({"
        "'var': str(s.VAR_DIR), 'db': s.DATABASES['default']['NAME'],"
        "'test_db': s.DATABASES['default'].get('TEST', {}).get('NAME'),"
        "'broker': s.CELERY_BROKER_TRANSPORT_OPTIONS, 'cache': s.CACHES['default']['LOCATION'],"
        "'site': s.SITE_URL}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "careerplanner.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_tests_keep_their_files_apart_from_make_run():
    run, tests = settings_seen(testing=False), settings_seen(testing=True)
    assert run["var"] == str(ROOT / "var")
    assert Path(tests["var"]).parent == Path(run["var"])
    for key in ("data_folder_in", "processed_folder", "control_folder"):
        assert Path(run["broker"][key]).parent == Path(run["var"])
        assert Path(tests["broker"][key]).parent == Path(tests["var"])
    assert Path(run["cache"]).parent == Path(run["var"])
    assert Path(tests["cache"]).parent == Path(tests["var"])
    assert Path(tests["test_db"]).parent == Path(tests["var"]) != Path(run["db"]).parent


def test_links_follow_the_port_unless_the_site_url_is_set():
    assert settings_seen(testing=False)["site"] == "http://localhost:8000"
    assert settings_seen(testing=False, PORT="8110")["site"] == "http://localhost:8110"
    named = settings_seen(testing=False, PORT="8110", SITE_URL="https://plans.example.org")
    assert named["site"] == "https://plans.example.org"


def test_nothing_the_broker_writes_lands_in_the_checkout():
    # kombu's default control folder is ./control; ours lives under VAR_DIR.
    assert not (ROOT / "control").exists()
    assert "/control/" in (ROOT / ".gitignore").read_text().split()
