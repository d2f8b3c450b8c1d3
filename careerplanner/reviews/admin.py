"""The advisors' review queue, in the Django admin."""

from django import forms
from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import format_html

from careerplanner.guide.models import FitQuestion
from careerplanner.plans.models import PlanStep
from careerplanner.reviews.models import WAITING_TOO_LONG, ReviewComment, ReviewRequest
from careerplanner.reviews.notices import tell_planner


class QueueFilter(admin.SimpleListFilter):
    """Open requests unless asked otherwise: the queue is what still needs an advisor."""

    title = "status"
    parameter_name = "queue"

    def lookups(self, request, model_admin):
        return [
            ("requested", "Waiting to be taken"),
            ("in_review", "In review"),
            ("done", "Done"),
            ("all", "All"),
        ]

    def choices(self, changelist):
        yield {
            "selected": self.value() is None,
            "query_string": changelist.get_query_string(remove=[self.parameter_name]),
            "display": "Open (waiting or in review)",
        }
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request, queryset):
        match self.value():
            case None:
                return queryset.open()
            case "all":
                return queryset
            case value:
                return queryset.filter(status=value)


class WaitingFilter(admin.SimpleListFilter):
    title = "waiting"
    parameter_name = "waiting"

    def lookups(self, request, model_admin):
        return [("week", "Longer than a week")]

    def queryset(self, request, queryset):
        if self.value() == "week":
            return queryset.waiting_longer_than(WAITING_TOO_LONG)
        return queryset


class TakenByMeFilter(admin.SimpleListFilter):
    title = "advisor"
    parameter_name = "mine"

    def lookups(self, request, model_admin):
        return [("yes", "Taken by me")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(advisor=request.user)
        return queryset


class ReviewCommentInline(admin.TabularInline):
    model = ReviewComment
    fields = ["step", "text", "advisor", "created"]
    readonly_fields = ["advisor", "created"]
    extra = 1

    def get_formset(self, request, obj=None, **kwargs):
        self.review = obj
        return super().get_formset(request, obj, **kwargs)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("step", "advisor")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "step":
            plan_id = self.review.plan_id if self.review else None
            field.queryset = PlanStep.objects.visible().filter(plan_id=plan_id).order_by("position")
            # Evaluated once here, not once per comment row.
            field.choices = [("", "—"), *((step.pk, step.title) for step in field.queryset)]
            field.label = "About step (empty: the whole plan)"
        return field

    def _working_it(self, request, obj) -> bool:
        return (
            obj is not None
            and obj.status == ReviewRequest.Status.IN_REVIEW
            and obj.advisor_id == request.user.pk
        )

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and self._working_it(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._working_it(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self.has_change_permission(request, obj)


class ReviewRequestForm(forms.ModelForm):
    class Meta:
        model = ReviewRequest
        fields = ["verdict", "summary"]

    finishing = False  # set by the admin when the advisor pressed "Mark done"

    def clean(self):
        data = super().clean()
        if self.finishing:
            if not data.get("verdict"):
                self.add_error("verdict", "Choose a verdict before marking the review done.")
            if not (data.get("summary") or "").strip():
                self.add_error("summary", "Write a summary for the planner before marking it done.")
        return data


@admin.register(ReviewRequest)
class ReviewRequestAdmin(admin.ModelAdmin):
    form = ReviewRequestForm
    list_display = [
        "planner",
        "plan_title",
        "target_role",
        "status",
        "created",
        "waited",
        "advisor",
    ]
    list_filter = [
        QueueFilter,
        ("plan__role", admin.RelatedOnlyFieldListFilter),
        WaitingFilter,
        TakenByMeFilter,
    ]
    search_fields = ["plan__owner__email"]
    search_help_text = "Search by the planner's email address."
    ordering = ["created"]
    list_select_related = ["plan__owner", "plan__role", "advisor"]
    inlines = [ReviewCommentInline]
    change_form_template = "admin/reviews/reviewrequest/change_form.html"
    readonly = [
        "planner",
        "message",
        "status",
        "advisor",
        "created",
        "taken_at",
        "done_at",
        "plan_overview",
    ]
    fieldsets = [
        (
            "Request",
            {
                "fields": [
                    "planner",
                    "message",
                    "status",
                    "advisor",
                    "created",
                    "taken_at",
                    "done_at",
                ]
            },
        ),
        ("The plan", {"fields": ["plan_overview"]}),
        ("Your review", {"fields": ["verdict", "summary"]}),
    ]

    @admin.display(description="planner", ordering="plan__owner__email")
    def planner(self, review):
        return review.plan.owner.email

    @admin.display(description="plan", ordering="plan__title")
    def plan_title(self, review):
        return review.plan.title

    @admin.display(description="target role", ordering="plan__role__position")
    def target_role(self, review):
        return review.plan.role or "—"

    @admin.display(description="waiting")
    def waited(self, review):
        if not review.is_open:
            return "—"
        days = (timezone.now() - review.created).days
        label = f"{days} day{'s' if days != 1 else ''}"
        if review.created < timezone.now() - WAITING_TOO_LONG:
            return format_html("<strong>{}</strong>", label)
        return label

    @admin.display(description="steps, hours and check-ins")
    def plan_overview(self, review):
        plan = review.plan
        steps = list(plan.steps.visible().order_by("position"))
        today = timezone.localdate()
        questions = {}
        if plan.fit_answers:
            for question in FitQuestion.objects.prefetch_related("choices"):
                labels = {choice.value: choice.label for choice in question.choices.all()}
                questions[question.slug] = (question.text, labels)
        answers = plan.fit_answers.get("answers", {}) if plan.fit_answers else {}
        fit = [
            (
                questions.get(slug, (slug, {}))[0],
                questions.get(slug, (slug, {}))[1].get(value, value),
            )
            for slug, value in answers.items()
        ]
        return render_to_string(
            "admin/reviews/plan_overview.html",
            {
                "plan": plan,
                "steps": steps,
                "today": today,
                "progress": plan.progress(steps),
                "checkins": plan.checkins.select_related("step")[:50],
                "fit": fit,
            },
        )

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("plan__owner", "plan__role", "advisor")

    def get_readonly_fields(self, request, obj=None):
        if (
            obj is not None
            and obj.status == ReviewRequest.Status.IN_REVIEW
            and (obj.advisor_id == request.user.pk)
        ):
            return self.readonly
        return [*self.readonly, "verdict", "summary"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.finishing = "_finish" in request.POST
        return form

    def has_add_permission(self, request):
        return False  # planners ask from their plan page

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST" and "_take" in request.POST and object_id:
            review = self.get_object(request, object_id)
            if review is None or not self.has_change_permission(request, review):
                return super().changeform_view(request, object_id, form_url, extra_context)
            if review.take(request.user):
                self.message_user(request, "The review is yours.", messages.SUCCESS)
            else:
                self.message_user(
                    request,
                    f"{review.advisor or 'Another advisor'} already took this request.",
                    messages.WARNING,
                )
            return HttpResponseRedirect(request.path)
        extra_context = {**(extra_context or {}), "review_actions": True}
        return super().changeform_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        if obj.advisor_id != request.user.pk or obj.status != ReviewRequest.Status.IN_REVIEW:
            return  # read-only for everyone but the advisor working it
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        for comment in formset.save(commit=False):
            comment.advisor = comment.advisor or request.user
            comment.save()
        for comment in formset.deleted_objects:
            comment.delete()

    def response_change(self, request, obj):
        if "_finish" in request.POST:
            if obj.finish(obj.verdict, obj.summary):
                tell_planner(obj)
                self.message_user(
                    request, "The review is done; the planner has been emailed.", messages.SUCCESS
                )
            return HttpResponseRedirect("../")
        return super().response_change(request, obj)

    def get_inline_instances(self, request, obj=None):
        if obj is None:
            return []
        return super().get_inline_instances(request, obj)


@admin.register(ReviewComment)
class ReviewCommentAdmin(admin.ModelAdmin):
    """Listed for search; comments are written on the request page."""

    list_display = ["text", "request", "step", "advisor", "created"]
    list_select_related = ["request__plan", "step", "advisor"]
    search_fields = ["text"]
    readonly_fields = ["request", "step", "advisor", "created"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser
