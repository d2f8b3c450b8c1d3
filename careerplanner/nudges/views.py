from django.shortcuts import render
from django.utils.text import capfirst
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from careerplanner.accounts.models import User
from careerplanner.nudges.models import Nudge
from careerplanner.nudges.unsubscribe import ALL, BadToken, read_token, stop


def _reminder_name(kind: str) -> str:
    """The kind of reminder as the profile names it ("A step is overdue")."""
    if kind == ALL:
        return ""
    return capfirst(User._meta.get_field(Nudge.PREFERENCE[kind]).verbose_name)


# No login and no cookie: mail clients POST here on the person's behalf (RFC 8058), and the
# signed token is the authority.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    try:
        unsub = read_token(token)
    except BadToken:
        return render(request, "nudges/unsubscribe_broken.html", status=400)
    user = User.objects.filter(pk=unsub.user_id).first()
    context = {
        "token": token,
        "reminder": _reminder_name(unsub.kind),
        "unsub": unsub,
        "known": user,
    }

    if request.method == "GET":
        # Opening the link only asks: link scanners must not unsubscribe anyone.
        return render(request, "nudges/unsubscribe.html", context)

    one_click = request.POST.get("List-Unsubscribe") == "One-Click"
    scope = request.POST.get("scope", "kind")
    if not one_click and scope not in ("kind", "all"):
        context["error"] = "Choose whether to stop this kind of email or all of them."
        return render(request, "nudges/unsubscribe.html", context, status=422)
    if user is not None:
        stop(unsub, everything=(scope == "all" and not one_click))
    context["everything"] = unsub.kind == ALL or (scope == "all" and not one_click)
    return render(request, "nudges/unsubscribed.html", context)
