"""A person's own data: download all of it as JSON, or delete the account and all of it.

"All of it" is what Django would delete with the user: every row that cascades from the
account, whichever app it belongs to, so that a new app's data is covered without changes
here."""

from collections import defaultdict
from importlib import import_module

from allauth.usersessions.models import UserSession
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.admin.models import LogEntry
from django.contrib.admin.utils import NestedObjects
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.db import router, transaction
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from careerplanner.accounts.models import User
from careerplanner.plans import exports
from careerplanner.plans.models import CheckIn, Plan, PlanStep
from careerplanner.plans.scheduling import today_for

# Secrets stay out of the file: a download gets forwarded and left in folders.
NEVER_EXPORTED = {"password", "key", "calendar_token", "session_key"}


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
    rows.pop(User, None)
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


def _admin_log_about(rows: dict[type, list]):
    """Admin log entries about the rows, whoever made them: an advisor's edit of a comment
    on the person's plan keeps the comment's text and the plan's title in the log."""
    about = Q(pk__in=[])
    for model, instances in rows.items():
        if model._meta.auto_created or model is LogEntry:
            continue
        content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
        about |= Q(content_type=content_type, object_id__in=[str(row.pk) for row in instances])
    return LogEntry.objects.filter(about).exclude(pk__in=[e.pk for e in rows.get(LogEntry, [])])


def _counted(model, count: int, name: str = "") -> tuple[str, int]:
    name = name or (model._meta.verbose_name if count == 1 else model._meta.verbose_name_plural)
    return str(name), count


def _what_goes(user, rows: dict[type, list]) -> list[tuple[str, int]]:
    counts = [
        _counted(model, len(instances))
        for model, instances in rows.items()
        if model is not User and not model._meta.auto_created and instances
    ]
    about = _admin_log_about(rows).count()
    if about:
        counts.append(_counted(LogEntry, about, "admin log entries about them"))
    return sorted(counts)


def erase_account(user) -> list[tuple[str, int]]:
    """Deletes the account, everything that cascades from it, the admin's log of changes to
    any of it, and every session it is signed in with. Returns what went, as counts."""
    rows = _owned_rows(user)
    gone = _what_goes(user, rows)
    with transaction.atomic():
        _admin_log_about(rows).delete()
        # The session rows themselves, not only allauth's record of them: a session names
        # the person until it expires.
        store = import_module(settings.SESSION_ENGINE).SessionStore()
        for session in UserSession.objects.filter(user=user):
            store.delete(session.session_key)
        user.delete()
    return gone


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request):
    user = request.user
    form = DeleteAccountForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        logout(request)
        gone = erase_account(user)
        listed = ", ".join(f"{count} {name}" for name, count in gone)
        messages.success(
            request,
            f"Your account and everything in it are deleted ({listed or 'nothing else'}). Goodbye.",
        )
        return redirect("home")
    context = {"form": form, "what_goes": _what_goes(user, _owned_rows(user))}
    status = 422 if form.is_bound else 200
    return render(request, "accounts/delete.html", context, status=status)
