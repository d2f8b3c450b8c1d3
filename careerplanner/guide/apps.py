from django.apps import AppConfig


class GuideConfig(AppConfig):
    name = "careerplanner.guide"
    label = "guide"
    default_auto_field = "django.db.models.BigAutoField"
