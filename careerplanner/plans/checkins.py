"""Hours a person logs on a plan, usually on one step; the step keeps their running sum."""

import uuid
from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import F

from careerplanner.plans.models import CHECKIN_HOURS_MAX, CHECKIN_NOTE_MAX
from careerplanner.plans.steps import PlanStep


class CheckIn(models.Model):
    """Hours spent on a plan on one date, usually on one step."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="checkins")
    step = models.ForeignKey(
        "plans.PlanStep", on_delete=models.SET_NULL, null=True, blank=True, related_name="checkins"
    )
    date = models.DateField()
    hours = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(CHECKIN_HOURS_MAX)],
    )
    note = models.CharField(max_length=CHECKIN_NOTE_MAX, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-created"]
        verbose_name = "check-in"

    def __str__(self) -> str:
        return f"{self.hours} h on {self.date}"

    @transaction.atomic
    def delete_and_uncount(self) -> None:
        if self.step_id:
            PlanStep.objects.filter(pk=self.step_id).update(
                hours_logged=F("hours_logged") - self.hours
            )
        self.delete()
