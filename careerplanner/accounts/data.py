"""A person's own data: download all of it as JSON, or delete the account and all of it.

"All of it" is what Django would delete with the user: every row that cascades from the
account, whichever app it belongs to, so that a new app's data is covered without changes
here."""

from collections import defaultdict

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import NestedObjects
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.db import router, transaction
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from careerplanner.plans import exports
from careerplanner.plans.models import CheckIn, Plan, PlanStep
from careerplanner.plans.scheduling import today_for

# Secrets stay out of the file: a download gets forwarded and left in folders.
NEVER_EXPORTED = {"password", "key", "calendar_token"}


def _owned_rows(user) -> dict[type, list]:
    """Every row that goes when the user goes, by model (the user's own row included)."""
    collector = NestedObjects(using=router.db_for_write(type(user)))
    collector.collect([user])
    rows: dict[type, list] = defaultdict(list)
    for model, instances in collector.data.items():
        rows[model].extend(instances)
    return rows


def _values(instance) -> dict:
    return {
        field.attname: getattr(instance, field.attname)
        for field in instance._meta.concrete_fields
        if field.attname not in NEVER_EXPORTED
    }


def account_data(user) -> dict:
    rows = _owned_rows(user)
    plans = sorted(rows.pop(Plan, []), key=lambda plan: plan.created)
    steps = sorted(rows.pop(PlanStep, []), key=lambda step: step.position)
    checkins = sorted(rows.pop(CheckIn, []), key=lambda checkin: checkin.date)
    rows.pop(type(user), None)
    plan_list = []
    for plan in plans:
        plan_steps = [step for step in steps if step.plan_id == plan.pk]
        data = exports.plan_data(
            plan,
            plan_steps,
            [checkin for checkin in checkins if checkin.plan_id == plan.pk],
            today_for(user),
        )
        for step, exported in zip(plan_steps, data["steps"], strict=True):
            exported["removed_at"] = step.removed_at
        plan_list.append(data)
    return {
        "exported_at": timezone.now(),
        "account": _values(user),
        "plans": plan_list,
        "other_records": {
            model._meta.label_lower: [_values(instance) for instance in instances]
            for model, instances in sorted(rows.items(), key=lambda item: item[0]._meta.label)
            if not model._meta.auto_created  # many-to-many link rows say nothing new
        },
    }


@login_required
@require_safe
def download(request):
    filename = f"careerplanner-data-{timezone.localdate():%Y-%m-%d}.json"
    return exports.json_response(account_data(request.user), filename=filename)


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


def _what_goes(user) -> list[tuple[str, int]]:
    counts = []
    for model, instances in _owned_rows(user).items():
        if model is type(user) or model._meta.auto_created:
            continue
        name = model._meta.verbose_name if len(instances) == 1 else model._meta.verbose_name_plural
        counts.append((str(name), len(instances)))
    return sorted(counts)


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request):
    user = request.user
    form = DeleteAccountForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            logout(request)
            user.delete()
        messages.success(request, "Your account and everything in it are deleted. Goodbye.")
        return redirect("home")
    context = {"form": form, "what_goes": _what_goes(user)}
    status = 422 if form.is_bound else 200
    return render(request, "plans/account_delete.html", context, status=status)
