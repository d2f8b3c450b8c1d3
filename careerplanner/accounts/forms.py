from zoneinfo import ZoneInfo

from django import forms
from django.utils import timezone

from careerplanner.accounts import timezones
from careerplanner.accounts.models import User


class TimezoneSelect(forms.Select):
    """Each zone carries the old names that stand for it, so that static/js/timezone.js can
    find the browser's zone even when the browser reports it by an old name."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if old_names := timezones.aliases().get(value):
            option["attrs"]["data-aliases"] = " ".join(old_names)
        return option


class TimezoneField(forms.ChoiceField):
    """A timezone picked from a list by region; an old name (Asia/Calcutta) is taken as the
    zone it stands for (Asia/Kolkata)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("choices", timezones.grouped_choices())
        kwargs.setdefault(
            "error_messages",
            {
                "required": "Choose your timezone from the list.",
                "invalid_choice": "“%(value)s” is not a timezone we know. Pick one from the list, "
                "such as Europe/London or America/New_York.",
            },
        )
        kwargs.setdefault("widget", TimezoneSelect(attrs={"data-browser-timezone": ""}))
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        return timezones.canonical(value) or value


class SignupForm(forms.Form):
    """Extra fields for allauth's sign-up form."""

    name = forms.CharField(max_length=150, required=False, label="Your name (optional)")
    timezone = TimezoneField(
        initial=timezones.UTC,
        label="Your timezone",
        help_text="We send reminders at a sensible hour where you are.",
    )

    def signup(self, request, user: User) -> None:
        user.name = self.cleaned_data["name"]
        user.timezone = self.cleaned_data["timezone"]
        user.schedule_nudges()
        user.save(update_fields=["name", "timezone", "nudges_due_at"])


def _local_time(zone: str) -> str:
    now = timezone.now().astimezone(ZoneInfo(zone))
    return f"{now:%H:%M} on {now:%A}"


class ProfileForm(forms.ModelForm):
    timezone = TimezoneField(label="Timezone")
    nudge_hour = forms.TypedChoiceField(
        label="Send reminders at",
        coerce=int,
        choices=[(hour, f"{hour:02d}:00") for hour in range(24)],
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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        zone = self.instance.timezone
        if zone not in timezones.timezone_names():
            # A zone we no longer list (such as Etc/GMT+5): ask, rather than let the browser
            # quietly pick the first zone of the list.
            self.initial["timezone"] = ""
            self.fields["timezone"].choices = [
                ("", "Choose your timezone"),
                *timezones.grouped_choices(),
            ]
            zone = timezones.UTC
        self.fields[
            "nudge_hour"
        ].help_text = f"In your own timezone ({zone}), where it is now {_local_time(zone)}."

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
