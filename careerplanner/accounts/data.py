"""A person's own data: all of it as JSON, or the account deleted with all of it.

"All of it" is what Django would delete with the user: every row that cascades from the
account, whichever app it belongs to, so that a new app's data is covered without changes
here. An app above may shape its own rows in the download (`add_section`); rows no app
takes are listed as they are under "other_records"."""

from collections import defaultdict
from collections.abc import Callable
from importlib import import_module

from allauth.usersessions.models import UserSession
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.admin.utils import NestedObjects
from django.contrib.contenttypes.models import ContentType
from django.db import router, transaction
from django.db.models import Q
from django.utils import timezone

from careerplanner.accounts.models import User

# Secrets stay out of the file: a download gets forwarded and left in folders.
NEVER_EXPORTED = {"password", "key", "calendar_token", "session_key", "token"}

Rows = dict[type, list]

# Name in the download -> function(user, rows) that takes its models' rows out of `rows` and
# returns what to write. Apps above accounts register theirs when they start (plans: "plans").
SECTIONS: dict[str, Callable[[User, Rows], object]] = {}


def add_section(name: str, render: Callable[[User, Rows], object]) -> None:
    SECTIONS[name] = render


def _owned_rows(user) -> Rows:
    """Every row that goes when the user goes, by model (the user's own row included)."""
    collector = NestedObjects(using=router.db_for_write(type(user)))
    collector.collect([user])
    rows: Rows = defaultdict(list)
    for model, instances in collector.data.items():
        rows[model].extend(instances)
    return rows


def _values(instance) -> dict:
    return {
        field.attname: getattr(instance, field.attname)
        for field in instance._meta.concrete_fields
        if field.attname not in NEVER_EXPORTED
    }


def account_data(user) -> dict:
    rows = _owned_rows(user)
    rows.pop(User, None)
    sections = {name: render(user, rows) for name, render in SECTIONS.items()}
    return {
        "exported_at": timezone.now(),
        "account": _values(user),
        **sections,
        "other_records": {
            model._meta.label_lower: [_values(instance) for instance in instances]
            for model, instances in sorted(rows.items(), key=lambda item: item[0]._meta.label)
            if not model._meta.auto_created  # many-to-many link rows say nothing new
        },
    }


def _admin_log_about(rows: Rows):
    """Admin log entries about the rows, whoever made them: an advisor's edit of a comment
    on the person's plan keeps the comment's text and the plan's title in the log."""
    about = Q(pk__in=[])
    for model, instances in rows.items():
        if model._meta.auto_created or model is LogEntry:
            continue
        content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
        about |= Q(content_type=content_type, object_id__in=[str(row.pk) for row in instances])
    return LogEntry.objects.filter(about).exclude(pk__in=[e.pk for e in rows.get(LogEntry, [])])


def _counted(model, count: int, name: str = "") -> tuple[str, int]:
    name = name or (model._meta.verbose_name if count == 1 else model._meta.verbose_name_plural)
    return str(name), count


def _what_goes(rows: Rows) -> list[tuple[str, int]]:
    counts = [
        _counted(model, len(instances))
        for model, instances in rows.items()
        if model is not User and not model._meta.auto_created and instances
    ]
    about = _admin_log_about(rows).count()
    if about:
        counts.append(_counted(LogEntry, about, "admin log entries about them"))
    return sorted(counts)


def what_goes(user) -> list[tuple[str, int]]:
    """What deleting the account would delete besides it, as (name, count), by name."""
    return _what_goes(_owned_rows(user))


def erase_account(user) -> list[tuple[str, int]]:
    """Deletes the account, everything that cascades from it, the admin's log of changes to
    any of it, and every session it is signed in with. Returns what went, as counts."""
    rows = _owned_rows(user)
    gone = _what_goes(rows)
    with transaction.atomic():
        _admin_log_about(rows).delete()
        # The session rows themselves, not only allauth's record of them: a session names
        # the person until it expires.
        store = import_module(settings.SESSION_ENGINE).SessionStore()
        for session in UserSession.objects.filter(user=user):
            store.delete(session.session_key)
        user.delete()
    return gone
