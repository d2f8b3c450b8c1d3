"""allauth in careerplanner's name: its emails name the product and link to SITE_URL, not to
whichever host the request came in on."""

from types import SimpleNamespace
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings


def site() -> SimpleNamespace:
    """What allauth's templates call the current site."""
    return SimpleNamespace(name=settings.SITE_NAME, domain=urlsplit(settings.SITE_URL).netloc)


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        context = {
            **context,
            "current_site": site(),
            "site_name": settings.SITE_NAME,
            "site_url": settings.SITE_URL,
        }
        super().send_mail(template_prefix, email, context)
