"""The timezones a person may pick: the IANA zones in use today, by region, named by city and
country, and the old names that browsers still report (Asia/Calcutta) mapped to the zone
people know today (Asia/Kolkata).

The list is the tz database's zone.tab (one zone per place) plus UTC; the old names are its
links, read from the tzdata package so that every machine agrees."""

from functools import cache
from importlib.resources import files

from django.core.exceptions import ValidationError

UTC = "UTC"


def _tzdata(name: str) -> list[str]:
    text = (files("tzdata") / "zoneinfo" / name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line and not line.startswith("#")]


@cache
def _countries() -> dict[str, str]:
    """Each zone in zone.tab and the country it is in (UTC: none)."""
    names = dict(line.split("\t")[:2] for line in _tzdata("iso3166.tab"))
    zones = {line.split("\t")[2]: names[line.split("\t")[0]] for line in _tzdata("zone.tab")}
    return {UTC: "", **zones}


@cache
def _links() -> dict[str, str]:
    """Old or alternative name -> the name it links to ("L target name" lines)."""
    links = {}
    for line in _tzdata("tzdata.zi"):
        if line.startswith("L "):
            _, target, name = line.split()
            links[name] = target
    # The database's own names for what everyone calls UTC (GMT keeps no summer time either).
    links["Etc/UTC"] = links["Etc/GMT"] = UTC
    return links


@cache
def timezone_names() -> list[str]:
    return sorted(_countries())


def canonical(name: str) -> str | None:
    """The zone on our list that `name` is, or now stands for; None if there is none."""
    seen = set()
    while name not in _countries():
        if name in seen or name not in _links():
            return None
        seen.add(name)
        name = _links()[name]
    return name


@cache
def aliases() -> dict[str, list[str]]:
    """Zone on our list -> the old names that stand for it."""
    found: dict[str, list[str]] = {}
    for name in _links():
        zone = canonical(name)
        if zone is not None and zone != name:
            found.setdefault(zone, []).append(name)
    return {zone: sorted(names) for zone, names in found.items()}


def label(name: str) -> str:
    """ "America/Argentina/Buenos_Aires" -> "Argentina / Buenos Aires (Argentina)"."""
    if name == UTC:
        return "UTC (Coordinated Universal Time)"
    place = name.split("/", 1)[1].replace("_", " ").replace("/", " / ")
    return f"{place} ({_countries()[name]})"


@cache
def grouped_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """(region, [(zone, label), ...]) with UTC first, for a <select> with optgroups."""
    regions: dict[str, list[tuple[str, str]]] = {}
    for name in timezone_names():
        region = "Universal" if name == UTC else name.split("/", 1)[0]
        regions.setdefault(region, []).append((name, label(name)))
    ordered = sorted(regions.items(), key=lambda item: (item[0] != "Universal", item[0]))
    return [(region, sorted(zones, key=lambda zone: zone[1])) for region, zones in ordered]


def validate_timezone(value: str) -> None:
    if value not in _countries():
        raise ValidationError(
            "“%(value)s” is not a timezone we know. Pick one from the list, "
            "such as Europe/London or America/New_York.",
            code="invalid_timezone",
            params={"value": value},
        )
