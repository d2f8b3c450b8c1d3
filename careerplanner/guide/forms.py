"""Forms for the guide's public pages: the fit check and the organisations filter."""

from collections.abc import Mapping, Sequence

from django import forms

from careerplanner.guide.models import FitQuestion, Opportunity, Organisation

SKIP = ("", "Skip this question")


class FitCheckForm(forms.Form):
    """One radio group per question, named by the question's slug. Every question can be
    skipped: an empty value means no answer."""

    def __init__(self, questions: Sequence[FitQuestion], *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            self.fields[question.slug] = forms.ChoiceField(
                label=question.text,
                help_text=question.help,
                required=False,
                initial="",
                choices=[(c.value, c.label) for c in question.choices.all()] + [SKIP],
                widget=forms.RadioSelect,
                error_messages={
                    "invalid_choice": "“%(value)s” is not one of the answers to this "
                    "question. Pick one of the options below, or skip it."
                },
            )

    def answers(self) -> dict[str, str]:
        """Question slug → chosen value, for the questions that were answered."""
        return {slug: value for slug, value in self.cleaned_data.items() if value}

    def parts(self) -> list[tuple[str, list]]:
        """The questions in their parts ("Where you are now", "What suits you"), as bound
        fields, in seed order within each part."""
        labels = dict(FitQuestion.Part.choices)
        grouped: dict[str, list] = {value: [] for value in labels}
        for question in self.questions:
            grouped[question.part].append(self[question.slug])
        return [(labels[part], fields) for part, fields in grouped.items() if fields]


class OrganisationFilterForm(forms.Form):
    """Filters for the organisations page. Each option's label carries how many items it
    has, from `counts` (field name → value → count)."""

    kind = forms.ChoiceField(label="Kind of organisation", required=False, initial="")
    focus = forms.ChoiceField(label="Research focus", required=False, initial="")
    opening = forms.ChoiceField(label="Kind of opening", required=False, initial="")

    CHOICES = {
        "kind": Organisation.Kind.choices,
        "focus": Organisation.Focus.choices,
        "opening": Opportunity.Kind.choices,
    }

    def __init__(self, *args, counts: Mapping[str, Mapping[str, int]], **kwargs):
        super().__init__(*args, **kwargs)
        for name, choices in self.CHOICES.items():
            field = self.fields[name]
            total = sum(counts[name].values())
            field.choices = [("", f"Any ({total})")] + [
                (value, f"{label} ({counts[name].get(value, 0)})") for value, label in choices
            ]
            field.widget = forms.RadioSelect(choices=field.choices)
            field.error_messages["invalid_choice"] = (
                "“%(value)s” is not one of the options here, so this filter was not applied."
            )

    def filters(self) -> dict[str, str]:
        """The valid, non-empty filters (invalid ones are dropped, not guessed at)."""
        cleaned = getattr(self, "cleaned_data", {})
        return {name: cleaned[name] for name in self.CHOICES if cleaned.get(name)}
