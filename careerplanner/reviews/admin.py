"""The advisors' review queue, in the Django admin. Who may do what is decided in
reviews/services.py; the admin shows it, asks it, and turns its refusals into messages."""

import uuid

from django import forms
from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import format_html

from careerplanner.guide.models import FitQuestion
from careerplanner.plans import history
from careerplanner.plans.evidence import CONFIRMATION_NOTE_MAX
from careerplanner.plans.models import Evidence, PlanStep
from careerplanner.plans.pace import outlook
from careerplanner.plans.scheduling import today_for
from careerplanner.plans.steps import in_date_order
from careerplanner.reviews import services
from careerplanner.reviews.models import WAITING_TOO_LONG, ReviewComment, ReviewRequest


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


class OneChoiceFilter(admin.SimpleListFilter):
    """A filter with one choice besides "All": `choice` narrows the list by `narrow`."""

    choice: tuple[str, str]

    def lookups(self, request, model_admin):
        return [self.choice]

    def queryset(self, request, queryset):
        if self.value() == self.choice[0]:
            return self.narrow(request, queryset)
        return queryset


class WaitingFilter(OneChoiceFilter):
    title = "waiting"
    parameter_name = "waiting"
    choice = ("week", "Longer than a week")

    def narrow(self, request, queryset):
        return queryset.waiting_longer_than(WAITING_TOO_LONG)


class TakenByMeFilter(OneChoiceFilter):
    title = "advisor"
    parameter_name = "mine"
    choice = ("yes", "Taken by me")

    def narrow(self, request, queryset):
        return queryset.filter(advisor=request.user)


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

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name in ("step", "text"):
            if db_field.name == "text":
                field.label = "Comment"
            # A tabular inline shows labels and help only as column headings, which name no
            # field: each field carries its own name, and no reference to a missing hint.
            field.help_text = ""
            field.widget.attrs["aria-label"] = field.label
        return field

    def _working_it(self, request, obj) -> bool:
        return obj is not None and services.may_work(obj, request.user)

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and self._working_it(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._working_it(request, obj)

    def has_delete_permission(self, request, obj=None):
        return services.may_delete(request.user)


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
    # What the advisor reads; only the verdict and summary are theirs to write.
    request_fields = ["planner", "message", "status", "advisor", "created", "taken_at", "done_at"]
    readonly = [*request_fields, "plan_overview"]
    fieldsets = [
        ("Request", {"fields": request_fields}),
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
        today = today_for(plan.owner)  # the planner's today: what is overdue for them
        steps = in_date_order(plan.steps.visible().select_related("milestone__window"), today)
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
                "since": history.since_last_review(plan, steps, today, before=review.created),
                "steps": steps,
                "today": today,
                "progress": plan.progress(steps),
                "outlook": outlook(plan, steps, today),
                "checkins": plan.checkins.select_related("step")[:50],
                "fit": fit,
            },
        )

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("plan__owner", "plan__role", "advisor")

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and services.may_work(obj, request.user):
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
        review = self.get_object(request, object_id) if request.method == "POST" else None
        if review is not None:
            if not self.has_change_permission(request, review):
                return super().changeform_view(request, object_id, form_url, extra_context)
            try:
                if "_take" in request.POST:
                    services.take(review, request.user)
                    self.message_user(request, "The review is yours.", messages.SUCCESS)
                    return HttpResponseRedirect(request.path)
                services.check_may_work(review, request.user)
            except services.ReviewNotAllowed as refusal:
                self.message_user(request, str(refusal), messages.WARNING)
                return HttpResponseRedirect(request.path)
        return super().changeform_view(request, object_id, form_url, extra_context)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["may_work"] = obj is not None and services.may_work(obj, request.user)
        if obj is not None:
            context["evidence"] = _evidence_by_step(obj.plan)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        services.save_draft(obj, request.user, verdict=data["verdict"], summary=data["summary"])
        self._confirm_ticked_evidence(request, obj)

    def _confirm_ticked_evidence(self, request, review):
        """Evidence the advisor ticked "Confirm" on, with the comment beside each; saved with
        the rest of the page ("Save draft" or "Mark done")."""
        ids = [i for i in map(_uuid, request.POST.getlist("confirm_evidence")) if i]
        pieces = Evidence.objects.select_related("step").filter(pk__in=ids)
        for piece in pieces:
            note = request.POST.get(f"confirm-note-{piece.pk}", "")[:CONFIRMATION_NOTE_MAX]
            try:
                services.confirm_evidence(review, request.user, piece, note)
            except services.ReviewNotAllowed as refusal:
                self.message_user(request, str(refusal), messages.WARNING)
            else:
                self.message_user(request, f"Confirmed “{piece.title}”.", messages.SUCCESS)

    def save_formset(self, request, form, formset, change):
        for comment in formset.save(commit=False):
            if comment.pk is None:
                services.comment(form.instance, request.user, comment.text, comment.step)
            else:
                services.change_comment(comment, request.user, text=comment.text, step=comment.step)
        for comment in formset.deleted_objects:
            services.delete_comment(comment, request.user)

    def response_change(self, request, obj):
        if "_finish" in request.POST:
            try:
                services.finish(obj, request.user, verdict=obj.verdict, summary=obj.summary)
            except services.ReviewNotAllowed as refusal:
                self.message_user(request, str(refusal), messages.WARNING)
                return HttpResponseRedirect(request.path)
            self.message_user(
                request, "The review is done; the planner has been emailed.", messages.SUCCESS
            )
            return HttpResponseRedirect("../")
        return super().response_change(request, obj)

    def get_inline_instances(self, request, obj=None):
        if obj is None:
            return []
        return super().get_inline_instances(request, obj)


def _uuid(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


def _evidence_by_step(plan) -> list[tuple[PlanStep, list[Evidence]]]:
    """The plan's evidence, step by step in plan order, in one query."""
    grouped: dict = {}
    for piece in (
        Evidence.objects.of_plan(plan)
        .select_related("step")
        .order_by("step__position", "date", "created")
    ):
        grouped.setdefault(piece.step_id, (piece.step, []))[1].append(piece)
    return list(grouped.values())


@admin.register(ReviewComment)
class ReviewCommentAdmin(admin.ModelAdmin):
    """Listed for search; comments are written on the request page."""

    list_display = ["text", "request", "step", "advisor", "created"]
    list_select_related = ["request__plan", "step", "advisor"]
    search_fields = ["text"]
    readonly_fields = ["request", "step", "advisor", "created"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or services.may_work(obj.request, request.user))

    def has_delete_permission(self, request, obj=None):
        return services.may_delete(request.user)

    def save_model(self, request, obj, form, change):
        services.change_comment(obj, request.user, text=obj.text, step=obj.step)
