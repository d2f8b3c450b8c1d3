"""careerplanner: the guide 'AI safety technical research' turned into plans people follow."""

from careerplanner.celery import app as celery_app

__all__ = ["celery_app"]
