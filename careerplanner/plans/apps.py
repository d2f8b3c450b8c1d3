from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "careerplanner.plans"
    label = "plans"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from careerplanner.accounts import data
        from careerplanner.plans import exports

        # "Download all my data" holds each plan as its own export does.
        data.add_section("plans", exports.account_plans)
