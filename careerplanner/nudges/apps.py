from django.apps import AppConfig


class NudgesConfig(AppConfig):
    name = "careerplanner.nudges"
    label = "nudges"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Connects the receivers of the reviews' signals.
        from careerplanner.nudges import review_notices  # noqa: F401
