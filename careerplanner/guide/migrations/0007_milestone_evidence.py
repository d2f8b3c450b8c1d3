from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("guide", "0006_key_facts"),
    ]

    operations = [
        migrations.AddField(
            model_name="milestone",
            name="evidence",
            field=models.TextField(
                default="",
                help_text="What a person could attach to the step for an advisor to confirm: a "
                "repository, a paper, a merged fix; from what the guide says where it says it.",
                verbose_name="what good evidence looks like",
            ),
            # loadguide fills it from the seeds.
            preserve_default=False,
        ),
    ]
