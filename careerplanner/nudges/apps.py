from django.apps import AppConfig


class NudgesConfig(AppConfig):
    name = "careerplanner.nudges"
    label = "nudges"
    default_auto_field = "django.db.models.BigAutoField"
