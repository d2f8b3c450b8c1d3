"""Files everyone under the next time their nudge hour comes. Until now the sweep looked at
everyone whose hour had come, at every tick, so today's reminders are already written; left at
the default, everyone would be looked at again by one first tick as large as the old sweep."""

from django.db import migrations
from django.utils import timezone


def file_under_next_hour(apps, schema_editor):
    from careerplanner.accounts.nudge_times import next_after

    User = apps.get_model("accounts", "User")
    now = timezone.now()
    pairs = User.objects.order_by().values_list("timezone", "nudge_hour").distinct()
    for name, hour in list(pairs):
        User.objects.filter(timezone=name, nudge_hour=hour).update(
            nudges_due_at=next_after(name, hour, now)
        )


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_nudges_due_at")]

    operations = [migrations.RunPython(file_under_next_hour, migrations.RunPython.noop)]
