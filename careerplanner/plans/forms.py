"""The forms of the planner's pages, with messages that say what to type instead."""

import copy
from datetime import date

from django import forms

from careerplanner.guide.models import Role, RouteTemplate
from careerplanner.plans.dates import EARLIEST
from careerplanner.plans.evidence import (
    EVIDENCE_TEXT_MAX,
    EVIDENCE_TITLE_MAX,
    EVIDENCE_URL_MAX,
    Evidence,
    validate_web_address,
)
from careerplanner.plans.fields import (
    PlainSelect,
    date_field,
    hours_field,
    optional_text,
    title_field,
    too_long,
)
from careerplanner.plans.models import (
    CHECKIN_HOURS_MAX,
    CHECKIN_NOTE_MAX,
    DESCRIPTION_MAX,
    ESTIMATE_HOURS_MAX,
    HOURS_PER_WEEK_MAX,
    NOTES_MAX,
    RE_REVIEW_CHOICES,
    TITLE_MAX,
    CheckIn,
    Plan,
    PlanStep,
    Stage,
)

BLANK = "blank"
BLANK_TITLE = "My own plan"


class PlanSettingsForm(forms.ModelForm):
    title = title_field("Title", "Give your plan a title.")
    start_date = date_field(label="Start date")
    hours_per_week = forms.IntegerField(
        label="Hours a week you can give",
        min_value=1,
        max_value=HOURS_PER_WEEK_MAX,
        error_messages={
            "required": "Say how many hours a week you can give, from 1 to 80.",
            "invalid": "Enter a whole number of hours, from 1 to 80.",
            "min_value": "Enter at least 1 hour a week.",
            "max_value": f"Enter at most {HOURS_PER_WEEK_MAX} hours a week.",
        },
    )

    route = forms.ModelChoiceField(
        label="Route",
        queryset=RouteTemplate.objects.current().select_related("role"),
        required=False,
        empty_label="None: my own steps only",
        help_text="Switching keeps the steps both routes share, with everything in them, and "
        "what you finished or added yourself; open steps only the old route had are removed.",
        error_messages={
            "invalid_choice": "Choose one of the routes listed.",
            "required": "Choose one of the routes listed; a plan on a route stays on one.",
        },
    )

    class Meta:
        model = Plan
        fields = ["title", "route", "start_date", "hours_per_week", "re_review_months"]
        labels = {"re_review_months": "Remind me to look back and ask for a review"}
        help_texts = {
            "re_review_months": "Counted from the last finished review, or from the start. "
            "The email goes out at your reminder hour, once each time."
        }
        error_messages = {
            "re_review_months": {"invalid_choice": "Choose one of the intervals listed."}
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "re_review_months" in self.fields:
            self.fields["re_review_months"].choices = [("", "Never"), *RE_REVIEW_CHOICES]
        if isinstance(self.fields.get("route"), forms.ModelChoiceField) and self.instance.route_id:
            # A plan on a route can move to another, not back to none.
            self.fields["route"].required = True
            self.fields["route"].empty_label = None


class StartPlanForm(PlanSettingsForm):
    route = forms.ChoiceField(
        label="Start from",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose a route, or a blank plan.",
            "invalid_choice": "Choose one of the routes listed, or a blank plan.",
        },
    )
    role = forms.ModelChoiceField(
        label="Target role (for a blank plan)",
        queryset=Role.objects.current(),
        required=False,
        empty_label="Not decided yet",
    )
    already_had = forms.MultipleChoiceField(
        label="What you already have (from the fit check)",
        help_text="These steps start as “Already had”: done, but never counted in your pace.",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Tick only the steps listed."},
    )

    # Empty means "name it after the route", so the name follows whichever route is picked.
    title = optional_text(
        "Title (optional)",
        TITLE_MAX,
        "the title",
        help_text="Leave it empty to name the plan after the route you pick.",
    )

    field_order = ["route", "title", "role", "start_date", "hours_per_week", "already_had"]

    class Meta(PlanSettingsForm.Meta):
        # `route` is a choice of slug (or blank), turned into the template by chosen_route().
        fields = ["title", "role", "start_date", "hours_per_week"]

    def __init__(self, *args, routes: list[RouteTemplate], had=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["already_had"].choices = [(m.slug, m.title) for m in had]
        if not had:
            del self.fields["already_had"]
        self.routes = {route.slug: route for route in routes}
        self.fields["route"].choices = [(route.slug, route.title) for route in routes] + [
            (BLANK, "A blank plan: add your own steps")
        ]

    def clean(self):
        data = super().clean()
        if not data.get("title") and "route" in data:
            route = self.routes.get(data["route"])
            data["title"] = route.title if route else BLANK_TITLE
        return data

    def chosen_route(self) -> RouteTemplate | None:
        return self.routes.get(self.cleaned_data["route"])


class AddStepForm(forms.ModelForm):
    title = title_field("Title", "Give the step a title.")
    description = optional_text(
        "What it involves (optional)", DESCRIPTION_MAX, "the description", rows=2
    )
    stage = forms.ChoiceField(
        label="Stage",
        choices=Stage.choices,
        widget=PlainSelect,
        error_messages={"invalid_choice": "Choose one of the stages listed."},
    )
    after = forms.ChoiceField(
        label="Place it",
        required=False,
        widget=PlainSelect,
        error_messages={"invalid_choice": "Choose one of the places listed."},
    )
    estimated_hours = hours_field(
        "Hours of your own work it will take",
        places=1,
        most=ESTIMATE_HOURS_MAX,
        such_as="12 or 2.5",
        required="Say roughly how many hours it will take, such as 10.",
        too_many=f"Enter at most {ESTIMATE_HOURS_MAX:,} hours; split bigger steps up.",
        help_text="Your best guess; the plan dates the step from it.",
    )
    target_date = date_field(label="Target date (optional)", required=False)

    class Meta:
        model = PlanStep
        fields = ["title", "description", "stage", "estimated_hours", "target_date"]

    def __init__(self, *args, steps: list[PlanStep], placement: bool = True, **kwargs):
        """Without `placement` (the plan page's short form) the step goes after the last."""
        kwargs.setdefault("prefix", "add")
        super().__init__(*args, **kwargs)
        if self.initial.get("stage") not in Stage.values:
            self.initial["stage"] = Stage.SKILLS
        self.steps = {str(step.pk): step for step in steps}
        if not placement:
            del self.fields["after"]
            return
        self.fields["after"].choices = [("", "At the start")] + [
            (pk, f"After “{step.title}”") for pk, step in self.steps.items()
        ]
        if self.steps:
            self.initial.setdefault("after", list(self.steps)[-1])

    def after_step(self) -> PlanStep | None:
        if "after" not in self.fields:
            return list(self.steps.values())[-1] if self.steps else None
        return self.steps.get(self.cleaned_data.get("after") or "")


class EditStepForm(forms.ModelForm):
    """Notes and target date; the title and size too for a step the person added."""

    notes = optional_text("Notes", NOTES_MAX, "notes", rows=4)
    target_date = date_field(label="Target date", required=False)

    target_pinned = forms.BooleanField(
        label="Keep this date when I reschedule",
        required=False,
        help_text="Ticked for you when you change the date.",
    )

    class Meta:
        model = PlanStep
        fields = [
            "title",
            "description",
            "estimated_hours",
            "notes",
            "target_date",
            "target_pinned",
        ]

    def clean(self):
        data = super().clean()
        if "target_date" in self.changed_data and "target_pinned" not in self.changed_data:
            data["target_pinned"] = data.get("target_date") is not None
        return data

    def save(self, commit=True):
        step = super().save(commit=False)
        old_target = self.initial.get("target_date")
        if "target_date" in self.changed_data and step.target_date and step.planned_start:
            # The step keeps its planned length and moves with its new date, so it never
            # starts after it is due.
            length = (old_target - step.planned_start) if old_target else None
            if length is not None and length.days >= 0:
                step.planned_start = max(step.target_date - length, EARLIEST)
            step.planned_start = min(step.planned_start, step.target_date)
        if "estimated_hours" in self.changed_data:
            # The person's own figure replaces the catalog's range, at both ends.
            step.estimated_hours_high = step.estimated_hours
            step.size_basis = PlanStep.SizeBasis.OWN
        if commit:
            step.save()
        return step

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.milestone_id:
            # The catalog's words stay the catalog's; the person's own are in the notes.
            for name in ("title", "description", "estimated_hours"):
                del self.fields[name]
        else:
            self.fields["title"] = title_field("Title", "Give the step a title.")
            self.fields["description"] = AddStepForm.base_fields["description"]
            estimate = copy.deepcopy(AddStepForm.base_fields["estimated_hours"])
            estimate.required = False  # left empty, the step keeps no figure of its own
            self.fields["estimated_hours"] = estimate


class WorkDoneForm(forms.ModelForm):
    """A form about work already done: its `date` is today unless changed, never later."""

    future_date_error = "That date is still to come."

    def __init__(self, *args, today: date, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("date", today)
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["date"].widget.attrs["max"] = today.isoformat()

    def clean_date(self):
        day = self.cleaned_data["date"]
        if day > self.today:
            raise forms.ValidationError(self.future_date_error)
        return day


class LogHoursForm(WorkDoneForm):
    future_date_error = "That date is still to come; log hours once spent."

    date = date_field(label="Date")
    hours = hours_field(
        "Hours",
        places=2,
        most=CHECKIN_HOURS_MAX,
        such_as="1.5",
        required="Enter how many hours you spent, such as 1.5.",
        too_many=f"Log at most {CHECKIN_HOURS_MAX} hours at a time.",
    )
    note = optional_text("What you did (optional)", CHECKIN_NOTE_MAX, "the note")

    class Meta:
        model = CheckIn
        fields = ["date", "hours", "note"]


class EvidenceForm(WorkDoneForm):
    future_date_error = "That date is still to come; add evidence of work done."

    title = forms.CharField(
        label="What it is",
        max_length=EVIDENCE_TITLE_MAX,
        help_text="Such as “My replication of the DQN paper” or “Linear algebra exercises”.",
        error_messages={
            "required": "Say in a few words what it is.",
            "max_length": too_long("the title", EVIDENCE_TITLE_MAX),
        },
    )
    url = forms.URLField(
        label="Link (optional for a note of your own)",
        required=False,
        max_length=EVIDENCE_URL_MAX,
        assume_scheme="https",
        validators=[validate_web_address],
        error_messages={
            "invalid": validate_web_address.message,
            "max_length": too_long("the link", EVIDENCE_URL_MAX),
        },
    )
    text = optional_text("What it shows (optional with a link)", EVIDENCE_TEXT_MAX, "this", rows=3)
    date = date_field(label="Date of the work")

    class Meta:
        model = Evidence
        fields = ["kind", "title", "url", "text", "date"]
        labels = {"kind": "Kind"}
        error_messages = {"kind": {"invalid_choice": "Choose one of the kinds listed."}}

    def clean(self):
        data = super().clean()
        if (
            not data.get("url")
            and not (data.get("text") or "").strip()
            and "url" not in self.errors
        ):
            self.add_error("url", "Add a link, or write a few lines on what it shows.")
        return data
