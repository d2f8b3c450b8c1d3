from datetime import datetime

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone

from careerplanner.accounts import nudge_times
from careerplanner.accounts.timezones import validate_timezone


class EmailUserManager(UserManager):
    """Creates users keyed by email; there is no username."""

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


WEEKDAYS = [
    (0, "Monday"),
    (1, "Tuesday"),
    (2, "Wednesday"),
    (3, "Thursday"),
    (4, "Friday"),
    (5, "Saturday"),
    (6, "Sunday"),
]


class User(AbstractUser):
    username = None
    first_name = None
    last_name = None
    email = models.EmailField("email address", unique=True)
    name = models.CharField("name", max_length=150, blank=True)
    timezone = models.CharField(
        max_length=64,
        default="UTC",
        validators=[validate_timezone],
        help_text="Reminders arrive at the hour you choose in this timezone.",
    )

    # Nudge preferences: which emails, and when, in the person's own timezone.
    nudge_hour = models.PositiveSmallIntegerField(
        "hour for reminders",
        default=9,
        validators=[MaxValueValidator(23)],
        help_text="Reminders arrive at this hour where you are (0–23).",
    )
    digest_weekday = models.PositiveSmallIntegerField(
        "day of the weekly digest", choices=WEEKDAYS, default=0
    )
    # These names are the kinds of reminder everywhere: on the profile, in the admin and on
    # the page that stops them.
    wants_due_soon = models.BooleanField("a step is due in the next few days", default=True)
    wants_overdue = models.BooleanField("a step is overdue", default=True)
    wants_stalled = models.BooleanField("a plan has not moved for two weeks", default=True)
    wants_digest = models.BooleanField(
        "a weekly digest of what you did and what is next", default=True
    )
    wants_review_updates = models.BooleanField(
        "an advisor has finished reviewing your plan (advisors: a plan waits for review)",
        default=True,
    )
    wants_re_review = models.BooleanField(
        "it is time to look back over a plan and ask for a review "
        "(how often is in each plan's settings)",
        default=True,
    )

    # When the nudge sweep next looks at this person (their nudge hour, in UTC), and the tick
    # that last did: the sweep finds who is due by an index, not by reading everyone.
    nudges_due_at = models.DateTimeField(
        "reminders next looked at", default=nudge_times.NEVER, db_index=True
    )
    nudges_checked_at = models.DateTimeField(
        "reminders last looked at", null=True, blank=True, db_index=True
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = EmailUserManager()

    class Meta:
        ordering = ["email"]

    def __str__(self) -> str:
        return self.email

    def schedule_nudges(self, now: datetime | None = None) -> None:
        """Files the person under their hour today, after a change of timezone or hour. If
        it has already come, the next tick looks at them (again, perhaps: a reminder already
        written is not written twice); if not, the tick when it comes. Does not save."""
        now = now or timezone.now()
        today = nudge_times.local_day(self.timezone, now)
        self.nudges_due_at = nudge_times.hour_on(self.timezone, self.nudge_hour, today)

    def get_full_name(self) -> str:
        return self.name

    def get_short_name(self) -> str:
        return self.name.split(" ")[0] if self.name else self.email
