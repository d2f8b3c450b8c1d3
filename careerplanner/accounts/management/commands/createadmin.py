"""`python manage.py createadmin EMAIL`: make a superuser who can sign in to /admin/ at once."""

import getpass
import os

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

from careerplanner.accounts.operators import make_admin


class Command(BaseCommand):
    help = (
        "Makes EMAIL a superuser whose address counts as verified (creates the user, or "
        "promotes an existing one). Asks for a password, or reads DJANGO_SUPERUSER_PASSWORD."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument(
            "--noinput", action="store_true", help="Never ask; keep the password if none is set."
        )

    def handle(self, *args, email: str, noinput: bool, **options):
        try:
            validate_email(email)
        except ValidationError:
            raise CommandError(f"{email!r} is not an email address; nothing was changed.") from None
        password = os.environ.get("DJANGO_SUPERUSER_PASSWORD") or (
            None if noinput else self._ask_password()
        )
        if password:
            try:
                validate_password(password)
            except ValidationError as error:
                raise CommandError(" ".join(error.messages) + " Nothing was changed.") from None
        user, created = make_admin(email, password)
        done = "Created admin" if created else "Made admin"
        self.stdout.write(
            self.style.SUCCESS(f"{done} {user.email}.")
            + " Sign in at /admin/ with this address; it counts as verified."
        )

    def _ask_password(self) -> str:
        password = getpass.getpass("Password: ")
        if password != getpass.getpass("Password (again): "):
            raise CommandError("The two passwords differ; nothing was changed.")
        return password
