from django.urls import path

from careerplanner.accounts import data, views

app_name = "accounts"
urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("data/", data.download, name="data"),
    path("delete/", data.delete_account, name="delete"),
]
