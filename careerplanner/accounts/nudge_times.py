"""When a person's reminders come: their nudge hour on their own calendar, as a UTC instant.

The one place that turns (timezone, hour, day) into an instant. "9 am" is the first instant
the person's clock shows 9:00 or later that day: in a spring-forward gap (2 am in New York
on the day clocks skip to 3 am) that is the instant the clocks jump; in an autumn fold it is
the first of the two 1 am's. zoneinfo's default (fold=0) reading of a local time gives
exactly that."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

# Stored for people never looked at yet (the field's default): due at the next tick, which
# then files them under their real hour. So no way of creating a person can leave them out.
NEVER = datetime(1970, 1, 1, tzinfo=UTC)


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (KeyError, ValueError):  # an unknown zone in the data: treat it as UTC
        return ZoneInfo("UTC")


def local_day(name: str, instant: datetime) -> date:
    return instant.astimezone(zone(name)).date()


def hour_on(name: str, hour: int, day: date) -> datetime:
    """The instant, in UTC, at which `hour` o'clock comes on `day` in timezone `name`."""
    return datetime.combine(day, time(hour), tzinfo=zone(name)).astimezone(UTC)


def has_come(name: str, hour: int, now: datetime) -> bool:
    """Whether `hour` o'clock has come today, where the person is."""
    return hour_on(name, hour, local_day(name, now)) <= now


def next_after(name: str, hour: int, now: datetime) -> datetime:
    """The first time `hour` o'clock comes after `now`: today's if still ahead, else tomorrow's."""
    today = local_day(name, now)
    moment = hour_on(name, hour, today)
    return moment if moment > now else hour_on(name, hour, today + timedelta(days=1))
