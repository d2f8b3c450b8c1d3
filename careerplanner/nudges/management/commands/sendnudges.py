"""`python manage.py sendnudges [--dry-run]`: run the sweep and the sender once, by hand."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from careerplanner.accounts.models import User
from careerplanner.nudges import sending, sweep
from careerplanner.nudges.content import compose, prepare
from careerplanner.nudges.models import Nudge

WHY = {
    Nudge.Kind.DUE_SOON: "a step's target date ({period}) is within {days} days",
    Nudge.Kind.OVERDUE: "a step's target date ({period}) has passed",
    Nudge.Kind.STALLED: "nothing has moved in the plan since {period}",
    Nudge.Kind.DIGEST: "it is their digest day, week {period}",
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
        created = sweep.sweep()
        report = sending.send_due(compose, prepare=prepare)
        self.stdout.write(
            f"New nudges: {sum(created.values())}. Sent {report.sent}, skipped {report.skipped}, "
            f"to retry {report.retried}, failed {report.failed}."
        )

    def _preview(self) -> None:
        now = timezone.now()
        total = 0
        for kind, rows in sweep.due(now).items():
            for user_id, subject, period in rows.iterator():
                if Nudge.objects.filter(
                    user_id=user_id, kind=kind, subject=subject, period=period
                ).exists():
                    continue  # already queued or sent
                email = User.objects.get(pk=user_id).email
                why = WHY[kind].format(period=period, days=sweep.DUE_SOON_DAYS)
                self.stdout.write(f"{email}: {Nudge.Kind(kind).label} ({subject or '-'}): {why}")
                total += 1
        waiting = Nudge.objects.claimable(now).select_related("user")
        for nudge in waiting:
            self.stdout.write(f"{nudge.user.email}: {nudge.get_kind_display()}: already queued")
        self.stdout.write(
            f"Dry run: {total} new and {len(waiting)} queued would be sent; nothing was changed."
        )
