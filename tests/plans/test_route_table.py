"""`routetable`: every route's likely and slower finish from zero, and docs/routes.md, which
holds its table, kept in step with the seeds."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command


def routetable(*args) -> str:
    out = io.StringIO()
    call_command("routetable", *args, stdout=out)
    return out.getvalue()


def test_every_route_has_a_range_at_each_hours_a_week(catalog):
    lines = routetable().splitlines()

    assert "5 h/week" in lines[0] and "40 h/week" in lines[0]
    for line in lines[1:-1]:
        cells = line.split()[-4:]
        for cell in cells:
            likely, slower = (float(n) for n in cell.split("–"))
            assert 0 < likely <= slower, line
        five, forty = (float(cells[i].split("–")[0]) for i in (0, 3))
        assert five >= forty, line  # fewer hours never finish sooner


def test_docs_routes_md_holds_the_table_the_seeds_give(catalog):
    table = [line for line in routetable("--markdown").splitlines() if line.startswith("|")]
    doc = (Path(settings.BASE_DIR) / "docs" / "routes.md").read_text()
    documented = [line for line in doc.splitlines() if line.startswith("|")]
    assert documented == table, (
        "docs/routes.md is out of date: run `manage.py routetable --markdown` and paste it in"
    )


def test_a_bad_start_date_is_a_clear_error(catalog):
    with pytest.raises(CommandError, match="--start '2027-02-30' is not a date"):
        routetable("--start", "2027-02-30")
