"""allauth's forms (log in, sign up, passwords, email addresses) with labels in our words
and no placeholders repeating them. Named in settings.ACCOUNT_FORMS."""

from allauth.account import forms as allauth_forms

# allauth's labels, in the sentence case every other form here uses.
LABELS = {
    "Remember Me": "Keep me logged in on this device",
    "Current Password": "Current password",
    "New Password": "New password",
    "New Password (again)": "New password (again)",
}


def _in_our_words(form_class):
    class Form(form_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            for field in self.fields.values():
                field.widget.attrs.pop("placeholder", None)
                field.label = LABELS.get(str(field.label), field.label)

    Form.__name__ = Form.__qualname__ = form_class.__name__
    return Form


LoginForm = _in_our_words(allauth_forms.LoginForm)
SignupForm = _in_our_words(allauth_forms.SignupForm)
AddEmailForm = _in_our_words(allauth_forms.AddEmailForm)
ChangePasswordForm = _in_our_words(allauth_forms.ChangePasswordForm)
SetPasswordForm = _in_our_words(allauth_forms.SetPasswordForm)
ResetPasswordForm = _in_our_words(allauth_forms.ResetPasswordForm)
ResetPasswordKeyForm = _in_our_words(allauth_forms.ResetPasswordKeyForm)
ReauthenticateForm = _in_our_words(allauth_forms.ReauthenticateForm)
