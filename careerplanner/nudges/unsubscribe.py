"""Signed unsubscribe links: who, and which kind of nudge (or all), with no login needed."""

from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.urls import reverse

from careerplanner.nudges.models import Nudge

SALT = "careerplanner.nudges.unsubscribe"
ALL = "all"


@dataclass(frozen=True)
class Unsubscribe:
    user_id: int
    kind: str  # a Nudge.Kind value, or ALL

    def token(self) -> str:
        return signing.dumps([self.user_id, self.kind], salt=SALT, compress=True)

    def url(self) -> str:
        path = reverse("nudges:unsubscribe", args=[self.token()])
        return f"{settings.SITE_URL}{path}"

    def headers(self) -> dict[str, str]:
        """RFC 8058 one-click unsubscribe."""
        return {
            "List-Unsubscribe": f"<{self.url()}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }


class BadToken(Exception):
    pass


def read_token(token: str) -> Unsubscribe:
    try:
        user_id, kind = signing.loads(token, salt=SALT)
    except (signing.BadSignature, ValueError, TypeError):
        raise BadToken(token) from None
    if kind != ALL and kind not in Nudge.Kind.values:
        raise BadToken(token)
    return Unsubscribe(user_id, kind)


def stop(unsubscribe: Unsubscribe, everything: bool) -> None:
    """Turns off one kind of nudge, or all of them, and drops what is queued for them.
    Doing it twice is harmless."""
    from careerplanner.accounts.models import User

    kinds = Nudge.Kind.values if everything or unsubscribe.kind == ALL else [unsubscribe.kind]
    preferences = {Nudge.PREFERENCE[kind] for kind in kinds}
    User.objects.filter(pk=unsubscribe.user_id).update(**dict.fromkeys(preferences, False))
    Nudge.objects.filter(
        user_id=unsubscribe.user_id, kind__in=kinds, status=Nudge.Status.QUEUED
    ).update(status=Nudge.Status.SKIPPED, last_error="unsubscribed")
