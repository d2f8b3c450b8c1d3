"""The IANA timezones a person may pick, and the check that a name is one of them."""

import zoneinfo
from functools import cache

from django.core.exceptions import ValidationError


@cache
def timezone_names() -> list[str]:
    return sorted(zoneinfo.available_timezones() - {"localtime", "Factory"})


def validate_timezone(value: str) -> None:
    if value not in timezone_names():
        raise ValidationError(
            "“%(value)s” is not a timezone we know. Pick one from the list, "
            "such as Europe/London or America/New_York.",
            code="invalid_timezone",
            params={"value": value},
        )
