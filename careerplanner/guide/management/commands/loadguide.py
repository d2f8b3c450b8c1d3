"""`python manage.py loadguide [path]`: validate the seed files, then load the catalog."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from careerplanner.guide.loading import SeedError, load_catalog


class Command(BaseCommand):
    help = "Validates the catalog in seeds/ (or PATH) and loads it; writes nothing on any error."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(settings.BASE_DIR / "seeds"))

    def handle(self, *args, path: str, **options):
        try:
            counts = load_catalog(Path(path))
        except SeedError as error:
            for problem in error.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                f"{len(error.problems)} problem(s) in {path}; nothing was written."
            ) from None
        width = max(len(name) for name in counts)
        self.stdout.write(f"{'':{width}}  created  updated  unchanged  retired")
        for name, c in counts.items():
            self.stdout.write(
                f"{name:{width}}  {c.created:7}  {c.updated:7}  {c.unchanged:9}  {c.retired:7}"
            )
        writes = sum(c.writes for c in counts.values())
        self.stdout.write(self.style.SUCCESS(f"Catalog loaded from {path}: {writes} write(s)."))
