"""A read-only link to a plan for a mentor: a secret address that shows the plan, its
evidence and its history to someone without an account, and nothing else of the person.
The owner may replace the secret (the old address stops working) or turn the link off."""

import secrets

from django.db import models
from django.urls import reverse
from django.utils import timezone


def new_mentor_token() -> str:
    return secrets.token_urlsafe(32)


class MentorLink(models.Model):
    plan = models.OneToOneField(
        "plans.Plan", on_delete=models.CASCADE, related_name="mentor_link", primary_key=True
    )
    token = models.CharField(max_length=64, unique=True, default=new_mentor_token)
    with_notes = models.BooleanField(
        "show my notes", default=False, help_text="Notes on steps are shown only if ticked."
    )
    created = models.DateTimeField(auto_now_add=True)
    replaced = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "mentor link"

    def __str__(self) -> str:
        return f"Mentor link to “{self.plan}”"

    def get_absolute_url(self) -> str:
        return reverse("plans:mentor_view", args=[self.token])

    def replace_token(self) -> None:
        """The old address stops working at once."""
        self.token = new_mentor_token()
        self.replaced = timezone.now()
        self.save(update_fields=["token", "replaced"])
