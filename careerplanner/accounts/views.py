"""The person's own account: the profile, downloading all their data, deleting it all."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from careerplanner.accounts import data
from careerplanner.accounts.forms import DeleteAccountForm, ProfileForm
from careerplanner.accounts.nudge_times import local_day
from careerplanner.downloads import json_response


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(request, "Your profile is saved.")
            return redirect("accounts:profile")
        return render(request, "accounts/profile.html", {"form": form}, status=422)
    return render(request, "accounts/profile.html", {"form": form})


@login_required
@require_safe
def download(request):
    today = local_day(request.user.timezone, timezone.now())  # the person's date, not ours
    filename = f"careerplanner-data-{today:%Y-%m-%d}.json"
    return json_response(data.account_data(request.user), filename=filename)


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request):
    user = request.user
    form = DeleteAccountForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        logout(request)
        gone = data.erase_account(user)
        listed = ", ".join(f"{count} {name}" for name, count in gone)
        messages.success(
            request,
            f"Your account and everything in it are deleted ({listed or 'nothing else'}). Goodbye.",
        )
        return redirect("home")
    context = {"form": form, "what_goes": data.what_goes(user)}
    status = 422 if form.is_bound else 200
    return render(request, "accounts/delete.html", context, status=status)
