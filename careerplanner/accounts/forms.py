from django import forms

from careerplanner.accounts.models import User
from careerplanner.accounts.timezones import timezone_names


class TimezoneField(forms.ChoiceField):
    """A timezone picked from a list; static/js/timezone.js fills in the browser's own."""

    def __init__(self, **kwargs):
        kwargs.setdefault("choices", [(name, name.replace("_", " ")) for name in timezone_names()])
        kwargs.setdefault(
            "error_messages",
            {
                "invalid_choice": "“%(value)s” is not a timezone we know. Pick one from the list, "
                "such as Europe/London or America/New_York."
            },
        )
        kwargs.setdefault("widget", forms.Select(attrs={"data-browser-timezone": ""}))
        super().__init__(**kwargs)


class SignupForm(forms.Form):
    """Extra fields for allauth's sign-up form."""

    name = forms.CharField(max_length=150, required=False, label="Your name (optional)")
    timezone = TimezoneField(
        initial="UTC",
        label="Your timezone",
        help_text="We send reminders at a sensible hour where you are.",
    )

    def signup(self, request, user: User) -> None:
        user.name = self.cleaned_data["name"]
        user.timezone = self.cleaned_data["timezone"]
        user.save(update_fields=["name", "timezone"])


class ProfileForm(forms.ModelForm):
    timezone = TimezoneField(label="Timezone")

    class Meta:
        model = User
        fields = ["name", "timezone"]
