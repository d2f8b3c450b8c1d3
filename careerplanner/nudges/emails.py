"""Builds every email the app sends from one trio of templates: subject, text and HTML."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string


def build_message(
    template: str, context: dict, to: str, headers: dict | None = None
) -> EmailMultiAlternatives:
    """`template` names templates/emails/<template>-subject.txt, -body.txt and -body.html."""
    context = {"site_url": settings.SITE_URL, **context}
    subject = render_to_string(f"emails/{template}-subject.txt", context)
    subject = " ".join(subject.split())  # a header must be one line
    text = render_to_string(f"emails/{template}-body.txt", context)
    html = render_to_string(f"emails/{template}-body.html", context)
    message = EmailMultiAlternatives(subject, text, to=[to], headers=headers or {})
    message.attach_alternative(html, "text/html")
    return message
