"""`python manage.py sendnudges [--dry-run]`: run the sweep and the sender once, by hand."""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from careerplanner.nudges import sending, sweep
from careerplanner.nudges.content import compose, prepare
from careerplanner.nudges.models import Nudge
from careerplanner.nudges.sweep_runs import timed_sweep

WHY = {
    Nudge.Kind.DUE_SOON: "a step's target date ({period}) is within {days} days",
    Nudge.Kind.OVERDUE: "a step's target date ({period}) has passed",
    Nudge.Kind.STALLED: "nothing has moved in the plan since {period}",
    Nudge.Kind.DIGEST: "it is their digest day, week {period}",
    Nudge.Kind.RE_REVIEW: "the plan's look-back date ({period}) has come",
}


class Command(BaseCommand):
    help = "Finds the reminders due now and sends them; --dry-run only lists them."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Show who would get what and why."
        )

    def handle(self, *args, dry_run: bool, **options):
        if dry_run:
            self._preview()
            return
        created = timed_sweep()
        report = sending.send_due(compose, prepare=prepare)
        self.stdout.write(
            f"New nudges: {sum(created.values())}. Sent {report.sent}, skipped {report.skipped}, "
            f"to retry {report.retried}, failed {report.failed}."
        )

    def _preview(self) -> None:
        # The real sweep, rolled back: what it would write is what it wrote here.
        now = timezone.now()
        with transaction.atomic():
            sweep.sweep(now)
            new = list(
                Nudge.objects.filter(created_at=now, kind__in=sweep.KINDS)
                .select_related("user")
                .order_by("user__email", "kind", "subject")
            )
            transaction.set_rollback(True)
        for nudge in new:
            why = WHY[nudge.kind].format(period=nudge.period, days=sweep.DUE_SOON_DAYS)
            about = nudge.subject or "-"
            self.stdout.write(f"{nudge.user.email}: {nudge.get_kind_display()} ({about}): {why}")
        waiting = Nudge.objects.claimable(now).select_related("user")
        for nudge in waiting:
            self.stdout.write(f"{nudge.user.email}: {nudge.get_kind_display()}: already queued")
        self.stdout.write(
            f"Dry run: {len(new)} new and {len(waiting)} queued would be sent; nothing was changed."
        )
