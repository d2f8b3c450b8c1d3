"""`python manage.py createadvisor EMAIL`: make an advisor, or promote an existing user."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.urls import reverse

from careerplanner.reviews.advisors import make_advisor


class Command(BaseCommand):
    help = "Makes EMAIL an advisor: staff, in the Advisors group, with a verified address."

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email: str, **options):
        try:
            validate_email(email)
        except ValidationError:
            raise CommandError(f"{email!r} is not an email address; nothing was changed.") from None
        user, created = make_advisor(email)
        if created:
            reset = settings.SITE_URL + reverse("account_reset_password")
            self.stdout.write(
                self.style.SUCCESS(f"Created advisor {user.email}.")
                + f" They have no password yet: ask them to set one at {reset}"
            )
        else:
            self.stdout.write(self.style.SUCCESS(f"{user.email} is now an advisor."))
