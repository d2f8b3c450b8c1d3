from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from careerplanner import health, metrics
from careerplanner.guide import views as guide_views

# The admin's own login has no rate limit; send it through allauth's, which has.
admin.autodiscover()
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = "careerplanner admin"
admin.site.site_title = "careerplanner admin"

urlpatterns = [
    path("", guide_views.home, name="home"),
    path("healthz", health.healthz, name="healthz"),
    path("metrics", metrics.metrics, name="metrics"),
    path("guide/", include("careerplanner.guide.urls")),
    path("plans/", include("careerplanner.plans.urls")),
    path("nudges/", include("careerplanner.nudges.urls")),
    path("reviews/", include("careerplanner.reviews.urls")),
    path("accounts/", include("allauth.urls")),
    path("account/", include("careerplanner.accounts.urls")),
    path("admin/", admin.site.urls),
]
