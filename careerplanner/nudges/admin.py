from django.contrib import admin, messages
from django.utils import timezone

from careerplanner.nudges.models import Nudge


@admin.register(Nudge)
class NudgeAdmin(admin.ModelAdmin):
    list_display = ["kind", "status", "user", "period", "due_at", "sent_at", "attempts", "error"]
    list_filter = ["kind", "status", ("due_at", admin.DateFieldListFilter)]
    search_fields = ["user__email", "subject"]
    date_hierarchy = "due_at"
    list_select_related = ["user"]
    readonly_fields = [f.name for f in Nudge._meta.fields]
    actions = ["retry"]

    @admin.display(description="last error")
    def error(self, nudge: Nudge) -> str:
        return nudge.last_error[:80]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description="Retry the selected failed nudges", permissions=["retry"])
    def retry(self, request, queryset):
        count = queryset.filter(status=Nudge.Status.FAILED).update(
            status=Nudge.Status.QUEUED, due_at=timezone.now(), attempts=0, claimed_by=""
        )
        self.message_user(request, f"{count} nudge(s) queued to send again.", messages.SUCCESS)

    def has_retry_permission(self, request) -> bool:
        return request.user.is_staff and request.user.has_perm("nudges.change_nudge")
