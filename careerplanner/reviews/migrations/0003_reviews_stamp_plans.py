"""A review of a plan, and its comments, are shown on the plan page: changing them moves the
plan's stamp, as its steps do (careerplanner/plans/stamps.py)."""

from django.db import migrations

from careerplanner.plans import stamps

TABLES = {
    "reviews_reviewrequest": "SELECT plan_id FROM {changed}",
    "reviews_reviewcomment": (
        "SELECT request.plan_id FROM reviews_reviewrequest request "
        "JOIN {changed} ON request.id = {row}.request_id"
    ),
}


def create(apps, schema_editor):
    stamps.create(schema_editor, TABLES)


def drop(apps, schema_editor):
    stamps.drop(schema_editor, TABLES)


class Migration(migrations.Migration):
    dependencies = [("reviews", "0002_advisors_group"), ("plans", "0005_plan_stamp")]

    operations = [migrations.RunPython(create, drop)]
