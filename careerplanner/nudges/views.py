from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from careerplanner.accounts.models import User
from careerplanner.nudges.models import Nudge
from careerplanner.nudges.unsubscribe import ALL, BadToken, read_token, stop


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
    kind_label = "all reminder" if unsub.kind == ALL else Nudge.Kind(unsub.kind).label.lower()
    context = {"token": token, "kind_label": kind_label, "unsub": unsub, "known": user}

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
