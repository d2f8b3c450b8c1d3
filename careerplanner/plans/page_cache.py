"""The plan page's body and the dashboard's plan cards, kept in each web process under what
they show, so that a page asked for again is a lookup instead of nine queries and a render.

A key is a digest of everything the page reads that can change: each plan's own row (its
`stamp` moves whenever one of its steps, check-ins, evidence, reviews or comments changes,
plans/stamps.py), the names of its role and route, and the person's today. So a cached page
is never stale for anything the person or an advisor does. What it does not cover, the
catalog behind a step (a window's dates, the guide's figures), reaches the pages within
`SECONDS`, or at once after a deploy, which starts new processes.

The forms in a cached page carry a placeholder for the CSRF token, filled with the asking
request's own token each time it is served."""

import hashlib
import re
from datetime import date

from django.core.cache import caches
from django.middleware.csrf import get_token
from django.utils.safestring import SafeString, mark_safe

SECONDS = 600
_TOKEN = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*(")')
_PLACEHOLDER = "csrf-token-of-the-request"


def _shown(plan) -> tuple:
    """A plan's own values, and the names of its role and route."""
    values = tuple(getattr(plan, field.attname) for field in plan._meta.concrete_fields)
    role = (plan.role.name, plan.role.slug) if plan.role_id else None
    route = (plan.route.title, plan.route.way_in) if plan.route_id else None
    return values, role, route


def _key(kind: str, *parts) -> str:
    return f"{kind}:" + hashlib.blake2b(repr(parts).encode(), digest_size=20).hexdigest()


def plan_key(plan, today: date) -> str:
    return _key("plan-page", _shown(plan), today)


# What a plan card on the dashboard shows of its plan (templates/plans/dashboard.html); its
# progress, finish, next step and overdue steps come from its steps, which move `stamp`.
CARD_FIELDS = (
    "id",
    "stamp",
    "title",
    "role__name",
    "hours_per_week",
    "slower_finish",
    "archived_at",
)


def plans_key(owner_id, plans, today: date) -> str:
    """`plans`: the person's plans as CARD_FIELDS values."""
    return _key("plan-cards", owner_id, list(plans.values_list(*CARD_FIELDS)), today)


def get(key: str, request) -> SafeString | None:
    html = caches["pages"].get(key)
    if html is None:
        return None
    # Our own rendered page, as it was escaped when rendered; the token is Django's.
    return mark_safe(html.replace(_PLACEHOLDER, get_token(request)))  # noqa: S308


def keep(key: str, html: str) -> None:
    caches["pages"].set(key, _TOKEN.sub(rf"\g<1>{_PLACEHOLDER}\g<2>", html), SECONDS)
