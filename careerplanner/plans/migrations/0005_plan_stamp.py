from django.db import migrations, models

from careerplanner.plans import stamps


def create(apps, schema_editor):
    stamps.create(schema_editor, stamps.PLANS_OF)


def drop(apps, schema_editor):
    stamps.drop(schema_editor, stamps.PLANS_OF)


class Migration(migrations.Migration):
    dependencies = [("plans", "0004_evidence_history_sharing")]

    operations = [
        migrations.AddField(
            model_name="plan",
            name="stamp",
            field=models.BigIntegerField(default=0, db_default=0, editable=False),
        ),
        migrations.RunPython(create, drop),
    ]
