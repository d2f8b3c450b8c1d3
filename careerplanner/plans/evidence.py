"""Evidence for a step: a link or a few lines of the person's own that show it done, which
an advisor reviewing the plan may confirm (who may is reviews/services.py's rule)."""

import uuid
from urllib.parse import urlsplit

from django.conf import settings
from django.core.validators import URLValidator
from django.db import models
from django.utils import timezone

EVIDENCE_TITLE_MAX = 200
EVIDENCE_TEXT_MAX = 2_000
EVIDENCE_URL_MAX = 500
CONFIRMATION_NOTE_MAX = 1_000

# Only web addresses: a javascript: or data: link must never reach an href.
SAFE_SCHEMES = ("http", "https")
validate_web_address = URLValidator(
    schemes=list(SAFE_SCHEMES),
    message="Enter a web address starting with https:// or http://, such as "
    "https://github.com/you/project.",
)


class EvidenceQuerySet(models.QuerySet):
    def of_plan(self, plan):
        """The evidence on the plan's steps, leaving out steps the person removed."""
        return self.filter(step__plan=plan, step__removed_at__isnull=True)


class Evidence(models.Model):
    class Kind(models.TextChoices):
        REPOSITORY = "repository", "Code (a repository or notebook)"
        PAPER = "paper", "A paper"
        POST = "post", "A blog post or write-up online"
        CERTIFICATE = "certificate", "A certificate"
        NOTE = "note", "A few lines of my own"
        OTHER = "other", "Something else"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    step = models.ForeignKey("plans.PlanStep", on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.REPOSITORY)
    title = models.CharField(max_length=EVIDENCE_TITLE_MAX)
    url = models.URLField(
        "link",
        max_length=EVIDENCE_URL_MAX,
        blank=True,
        validators=[validate_web_address],
    )
    text = models.TextField("what it shows", max_length=EVIDENCE_TEXT_MAX, blank=True)
    date = models.DateField(help_text="When the work was done or published.")
    created = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The advisor who confirmed it, in a review of the plan.",
    )
    confirmation_note = models.TextField(max_length=CONFIRMATION_NOTE_MAX, blank=True)

    objects = EvidenceQuerySet.as_manager()

    class Meta:
        ordering = ["date", "created"]
        verbose_name = "evidence"
        verbose_name_plural = "evidence"

    def __str__(self) -> str:
        return self.title

    @property
    def safe_url(self) -> str:
        """The link, if it is a web address; anything else (saved before the rule, or by
        hand) is shown as text and never as a link."""
        return self.url if urlsplit(self.url).scheme.lower() in SAFE_SCHEMES else ""

    @property
    def site(self) -> str:
        return (urlsplit(self.safe_url).hostname or "").removeprefix("www.")

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None

    def confirm(self, advisor, note: str = "") -> bool:
        """Marks it confirmed by `advisor`; False if it already was (nothing changes)."""
        now = timezone.now()
        done = Evidence.objects.filter(pk=self.pk, confirmed_at__isnull=True).update(
            confirmed_at=now, confirmed_by=advisor, confirmation_note=note.strip()
        )
        self.refresh_from_db(fields=["confirmed_at", "confirmed_by", "confirmation_note"])
        return bool(done)
