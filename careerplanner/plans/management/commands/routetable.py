"""`python manage.py routetable`: every route's likely and slower finish from zero at 5,
10, 20 and 40 hours a week, so that an editor of seeds/ sees what a change does."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from careerplanner.guide.models import RouteTemplate
from careerplanner.plans.scheduling import route_finishes

HOURS = (5, 10, 20, 40)


def _years(start: date, end: date) -> str:
    return f"{(end - start).days / 365.25:.1f}"


class Command(BaseCommand):
    help = "Prints each route's likely and slower finish, in years, at 5–40 hours a week."

    def add_arguments(self, parser):
        parser.add_argument(
            "--start", default="2027-01-05", help="the plans' start date (default 2027-01-05)"
        )
        parser.add_argument("--markdown", action="store_true", help="a Markdown table")

    def handle(self, *args, start: str, markdown: bool, **options):
        try:
            start_date = date.fromisoformat(start)
        except ValueError:
            raise CommandError(f"--start {start!r} is not a date such as 2027-01-05") from None
        routes = list(RouteTemplate.objects.current().order_by("position"))
        if not routes:
            raise CommandError("No routes in the catalog: run `manage.py loadguide` first.")
        header = ["route"] + [f"{h} h/week" for h in HOURS]
        rows = []
        for route in routes:
            cells = []
            for hours in HOURS:
                likely, slower = route_finishes(route, hours, start_date)
                cells.append(f"{_years(start_date, likely)}–{_years(start_date, slower)}")
            rows.append([route.title, *cells])
        if markdown:
            self.stdout.write("| " + " | ".join(header) + " |")
            self.stdout.write("|" + "---|" + "--:|" * len(HOURS))
            for row in rows:
                self.stdout.write("| " + " | ".join(row) + " |")
        else:
            width = max(len(row[0]) for row in rows)
            self.stdout.write(f"{'':{width}}  " + "  ".join(f"{h:>11}" for h in header[1:]))
            for row in rows:
                self.stdout.write(f"{row[0]:{width}}  " + "  ".join(f"{c:>11}" for c in row[1:]))
        if markdown:
            self.stdout.write("")
        self.stdout.write(
            f"Years from {start_date:%-d %B %Y} to the likely–slower finish, from zero."
        )
