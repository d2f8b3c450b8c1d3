"""The catalog in the admin, for content editors correcting what the seeds loaded.

The seeds stay the source of truth: `loadguide` overwrites edits to seeded fields, so a
lasting correction also belongs in seeds/. Retiring here hides an item from the guide."""

from django.contrib import admin
from django.db import models
from django.utils.html import format_html

from careerplanner.guide import models as catalog


class CatalogAdmin(admin.ModelAdmin):
    """What every catalog item shares: slug, seed order, retired flag and guide section."""

    list_filter = ["retired", "source"]
    list_select_related = ["source"]
    autocomplete_fields = ["source"]
    ordering = ["position"]
    # Links typed without a scheme are web links; also silences Django 6.0's warning.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_readonly_fields(self, request, obj=None):
        # Only roles, milestones and routes have a guide page of their own to link to.
        return ["site_link"] if hasattr(self.model, "get_absolute_url") else []

    @admin.display(description="view on site")
    def site_link(self, obj) -> str:
        if obj.pk is None or obj.retired:
            return "—"  # not saved yet, or hidden from the guide (its page is a 404)
        return format_html('<a href="{}">view on site</a>', obj.get_absolute_url())


@admin.register(catalog.Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "position", "retired"]
    list_filter = ["retired"]
    search_fields = ["title", "slug"]


@admin.register(catalog.Role)
class RoleAdmin(CatalogAdmin):
    list_display = ["name", "track", "level", "phd", "retired", "site_link"]
    list_filter = ["track", "level", "phd", "retired", "source"]
    search_fields = ["name", "slug", "summary"]


@admin.register(catalog.Skill)
class SkillAdmin(CatalogAdmin):
    list_display = ["name", "slug", "retired", "source"]
    search_fields = ["name", "slug", "summary"]
    list_filter = ["roles", "retired", "source"]
    autocomplete_fields = ["source", "roles"]


class NamedByFilter(admin.SimpleListFilter):
    title = "named by"
    parameter_name = "named_by"

    def lookups(self, request, model_admin):
        return [("guide", "the guide"), ("other", "another public page")]

    def queryset(self, request, queryset):
        if self.value() == "guide":
            return queryset.filter(named_by="")
        if self.value() == "other":
            return queryset.exclude(named_by="")
        return queryset


@admin.register(catalog.Resource)
class ResourceAdmin(CatalogAdmin):
    list_display = ["title", "kind", "named_by_guide", "url", "retired", "source"]
    list_filter = ["kind", NamedByFilter, "retired", "source"]
    search_fields = ["title", "slug", "summary", "url", "named_by"]
    autocomplete_fields = ["source", "skills"]

    @admin.display(description="named by the guide", boolean=True)
    def named_by_guide(self, obj: catalog.Resource) -> bool:
        return obj.named_by_guide


@admin.register(catalog.Milestone)
class MilestoneAdmin(CatalogAdmin):
    list_display = ["title", "stage", "kind", "effort", "window", "retired", "site_link"]
    list_select_related = ["source", "size_section", "window"]
    list_filter = ["stage", "kind", "checkpoint", "at_ai_lab", "roles__track", "retired", "source"]
    search_fields = ["title", "slug", "summary"]
    autocomplete_fields = [
        "source",
        "size_section",
        "window",
        "prerequisites",
        "skills",
        "roles",
        "resources",
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title",
                    "slug",
                    "stage",
                    "kind",
                    "summary",
                    "why",
                    "done_when",
                    "evidence",
                ]
            },
        ),
        (
            "Size and timing",
            {
                "description": "Effort is the person's own hours; a duration is calendar time "
                "(a job, a PhD). Name the guide section the size comes from, or write the "
                "basis of our estimate.",
                "fields": [
                    ("effort_hours_low", "effort_hours_high"),
                    ("duration_low", "duration_high", "duration_unit"),
                    "size_section",
                    "size_estimate",
                    "window",
                ],
            },
        ),
        (
            "For the route rules",
            {
                "description": "What loadguide checks routes against (see guide/rules.py).",
                "fields": ["degree", "at_ai_lab", "checkpoint"],
            },
        ),
        ("Links", {"fields": ["prerequisites", "skills", "roles", "resources"]}),
        ("Catalog", {"fields": ["source", "position", "retired", "site_link"]}),
    ]

    @admin.display(description="size")
    def effort(self, obj: catalog.Milestone) -> str:
        if not obj.has_size:
            return "—"
        return f"{obj.effort_words} ({'estimate' if obj.size_basis.is_estimate else 'guide'})"


@admin.register(catalog.Window)
class WindowAdmin(admin.ModelAdmin):
    list_display = ["name", "anchor", "dates", "opens_month", "retired"]
    list_filter = ["anchor", "retired"]
    search_fields = ["name", "slug"]
    autocomplete_fields = ["section"]


@admin.register(catalog.Organisation)
class OrganisationAdmin(CatalogAdmin):
    list_display = ["name", "kind", "focus", "retired", "source"]
    list_filter = ["kind", "focus", "retired", "source"]
    search_fields = ["name", "slug", "summary"]


@admin.register(catalog.Opportunity)
class OpportunityAdmin(CatalogAdmin):
    list_display = ["name", "kind", "organisation", "retired", "source"]
    list_filter = ["kind", "organisation__focus", "retired", "source"]
    list_select_related = ["source", "organisation"]
    search_fields = ["name", "slug", "summary"]
    autocomplete_fields = ["source", "organisation", "roles"]


@admin.register(catalog.FitTest)
class FitTestAdmin(CatalogAdmin):
    list_display = ["title", "milestone", "retired", "source"]
    list_filter = ["roles", "retired", "source"]
    list_select_related = ["source", "milestone"]
    search_fields = ["title", "slug", "summary"]
    autocomplete_fields = ["source", "roles", "milestone"]


class FactUpdateInline(admin.TabularInline):
    """Newer figures beside the guide's own, which stays as it is."""

    model = catalog.FactUpdate
    fields = ["value", "as_of", "source_url", "note", "seeded"]
    formfield_overrides = CatalogAdmin.formfield_overrides
    readonly_fields = ["seeded"]
    extra = 0


@admin.register(catalog.Fact)
class FactAdmin(CatalogAdmin):
    list_display = ["title", "value", "as_of", "retired", "source"]
    list_filter = ["as_of", "retired", "source"]
    search_fields = ["title", "slug", "value", "summary"]
    inlines = [FactUpdateInline]

    def get_readonly_fields(self, request, obj=None):
        # A seeded figure and its date stay the guide's; a newer one goes beside them.
        fixed = ["value", "as_of"] if obj is not None else []
        return [*super().get_readonly_fields(request, obj), *fixed]


class RouteStepInline(admin.TabularInline):
    model = catalog.RouteStep
    autocomplete_fields = ["milestone"]
    ordering = ["position"]
    extra = 0


@admin.register(catalog.RouteTemplate)
class RouteTemplateAdmin(CatalogAdmin):
    list_display = ["title", "role", "way_in", "retired", "site_link"]
    list_filter = ["role", "role__track", "retired", "source"]
    list_select_related = ["source", "role"]
    search_fields = ["title", "slug", "way_in", "summary"]
    autocomplete_fields = ["source", "role"]
    inlines = [RouteStepInline]


class FitChoiceInline(admin.TabularInline):
    model = catalog.FitChoice
    ordering = ["position"]
    extra = 0


@admin.register(catalog.FitQuestion)
class FitQuestionAdmin(CatalogAdmin):
    list_display = ["text", "slug", "retired"]
    search_fields = ["text", "slug"]
    inlines = [FitChoiceInline]
