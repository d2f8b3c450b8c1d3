"""Plans in the admin: read-mostly, for advisors and support to look at, not to edit."""

from django.contrib import admin

from careerplanner.plans.models import CheckIn, Plan, PlanStep


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class PlanStepInline(ReadOnlyInline):
    model = PlanStep
    fields = ["position", "stage", "title", "status", "target_date", "done_date", "hours_logged"]
    readonly_fields = fields
    ordering = ["position"]

    def get_queryset(self, request):
        return super().get_queryset(request).visible()


class CheckInInline(ReadOnlyInline):
    model = CheckIn
    fields = ["date", "hours", "step", "note"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("step")


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["title", "owner", "role", "start_date", "hours_per_week", "archived_at"]
    list_filter = ["role", "archived_at"]
    list_select_related = ["owner", "role"]
    search_fields = ["title", "owner__email"]
    date_hierarchy = "created"
    readonly_fields = [
        "owner",
        "title",
        "role",
        "route",
        "start_date",
        "hours_per_week",
        "fit_answers",
        "archived_at",
        "created",
        "updated",
    ]
    exclude = ["calendar_token"]  # a secret: whoever sees it can read the calendar
    inlines = [PlanStepInline, CheckInInline]

    def has_add_permission(self, request):
        return False


@admin.register(PlanStep)
class PlanStepAdmin(admin.ModelAdmin):
    list_display = ["title", "plan", "stage", "status", "target_date", "hours_logged"]
    list_filter = ["status", "stage"]
    list_select_related = ["plan"]
    search_fields = ["title", "plan__title", "plan__owner__email"]
    readonly_fields = [field.name for field in PlanStep._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(CheckIn)
class CheckInAdmin(admin.ModelAdmin):
    list_display = ["date", "hours", "plan", "step"]
    list_select_related = ["plan", "step"]
    search_fields = ["plan__title", "plan__owner__email", "note"]
    readonly_fields = [field.name for field in CheckIn._meta.fields]

    def has_add_permission(self, request):
        return False
