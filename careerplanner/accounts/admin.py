from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from careerplanner.accounts.models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "name", "timezone", "is_staff", "date_joined"]
    search_fields = ["email", "name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Profile", {"fields": ["name", "timezone"]}),
        ("Reminders", {"fields": ["nudge_hour", "nudges_due_at", "nudges_checked_at"]}),
        (
            "Permissions",
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]
    readonly_fields = ["nudges_due_at", "nudges_checked_at"]

    def save_model(self, request, obj, form, change):
        # The timezone or the hour may have changed: file the person under the new one.
        obj.schedule_nudges()
        super().save_model(request, obj, form, change)
