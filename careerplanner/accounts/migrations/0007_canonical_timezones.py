"""Stored timezones under an old name (Asia/Calcutta, as some browsers report it) become the
zone it stands for today (Asia/Kolkata), so that the profile's list shows them chosen."""

from django.db import migrations


def to_canonical(apps, schema_editor):
    from careerplanner.accounts.timezones import canonical

    User = apps.get_model("accounts", "User")
    stored = User.objects.values_list("timezone", flat=True).distinct().order_by()
    for name in list(stored):
        zone = canonical(name)
        if zone is not None and zone != name:
            User.objects.filter(timezone=name).update(timezone=zone)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0006_reminder_names")]

    operations = [migrations.RunPython(to_canonical, migrations.RunPython.noop)]
