from django.urls import path

from careerplanner.accounts import views

app_name = "accounts"
urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("data/", views.download, name="data"),
    path("delete/", views.delete_account, name="delete"),
]
