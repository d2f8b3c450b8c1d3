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
        user.schedule_nudges()
        user.save(update_fields=["name", "timezone", "nudges_due_at"])


class ProfileForm(forms.ModelForm):
    timezone = TimezoneField(label="Timezone")
    nudge_hour = forms.TypedChoiceField(
        label="Send reminders at",
        coerce=int,
        choices=[(hour, f"{hour:02d}:00") for hour in range(24)],
        help_text="In your own timezone.",
    )

    class Meta:
        model = User
        fields = [
            "name",
            "timezone",
            "nudge_hour",
            "digest_weekday",
            "wants_due_soon",
            "wants_overdue",
            "wants_stalled",
            "wants_digest",
            "wants_review_updates",
            "wants_re_review",
        ]
        labels = {
            "wants_due_soon": "A step is due in the next few days",
            "wants_overdue": "A step is overdue",
            "wants_stalled": "A plan has not moved for two weeks",
            "wants_digest": "A weekly digest of what you did and what is next",
            "wants_review_updates": "An advisor has finished reviewing your plan",
            "wants_re_review": "It is time to look back over a plan and ask for a review "
            "(how often is in each plan's settings)",
        }

    def save(self, commit=True):
        # The timezone or the hour may have changed: file the person under the new one.
        self.instance.schedule_nudges()
        return super().save(commit)


class DeleteAccountForm(forms.Form):
    email = forms.CharField(
        label="Type your email address to confirm",
        max_length=254,
        error_messages={"required": "Type your email address to confirm."},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_email(self):
        typed = self.cleaned_data["email"].strip()
        if typed.lower() != self.user.email.lower():
            raise forms.ValidationError(
                "That is not the email address of this account, so nothing was deleted."
            )
        return typed
