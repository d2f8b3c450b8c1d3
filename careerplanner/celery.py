"""The Celery app. Beat only ticks; what is due is decided from the database."""

import os
from pathlib import Path

from celery import Celery
from celery.signals import beat_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careerplanner.settings")

# DjangoTask gives every task delay_on_commit(): enqueue only once the data is committed.
app = Celery("careerplanner", task_cls="celery.contrib.django.task:DjangoTask")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.on_after_configure.connect
def _make_broker_folders(sender: Celery, **kwargs) -> None:
    # The filesystem transport expects its folders to exist.
    for key in ("data_folder_in", "data_folder_out", "processed_folder", "control_folder"):
        folder = sender.conf.broker_transport_options.get(key)
        if folder:
            Path(folder).mkdir(parents=True, exist_ok=True)


@beat_init.connect
def _tick_at_start(sender, **kwargs) -> None:
    """An interval entry first runs one interval after beat starts; send each one now, so a
    fresh start shows its effect at once. An extra tick is harmless: the sweep decides from
    the database what is due."""
    for entry in sender.app.conf.beat_schedule.values():
        sender.app.send_task(entry["task"])
