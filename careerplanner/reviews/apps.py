from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "careerplanner.reviews"
    label = "reviews"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from careerplanner.plans import additions
        from careerplanner.reviews.panel import plan_page_addition

        # The review panel and the advisors' comments on the plan page.
        additions.add(plan_page_addition)
