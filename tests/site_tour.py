"""Every page a person can open, with data that makes each one show all its parts: the tour
that the markup, accessibility and audit checks walk (tests/test_markup.py,
tests/e2e/test_every_page.py, tests/audit).

The data uses whatever the loaded catalog holds; nothing here depends on the seeds' wording
or counts."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from django.db.models import Count
from django.urls import reverse

from careerplanner.accounts.models import User
from careerplanner.guide.models import FitQuestion, Milestone, Role, RouteTemplate
from careerplanner.nudges.unsubscribe import Unsubscribe
from careerplanner.plans import history
from careerplanner.plans.models import PlanStep
from careerplanner.plans.scheduling import start_plan
from careerplanner.plans.sharing import MentorLink
from careerplanner.reviews.advisors import make_advisor
from careerplanner.reviews.models import ReviewComment, ReviewRequest

PLANNER = "planner"
ADVISOR = "advisor"
VISITOR = "visitor"


@dataclass(frozen=True)
class Page:
    name: str
    path: str
    who: str = VISITOR
    # Posted to the page (with its CSRF token) to show the page's answer, e.g. its errors.
    post: dict[str, str] | None = field(default=None, hash=False)
    status: int = 200
    # False for a page that asks search engines to stay away (Lighthouse's SEO would fail it).
    indexed: bool = True


@dataclass
class Tour:
    pages: list[Page]
    people: dict[str, User]
    password: str


def _route_with_steps() -> RouteTemplate:
    return (
        RouteTemplate.objects.current()
        .annotate(n=Count("steps"))
        .filter(n__gte=4)
        .order_by("position", "slug")
        .first()
    )


def _person(email: str, password: str, **fields) -> User:
    user = User.objects.create_user(email=email, password=password, **fields)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def _worked_plan(planner: User, route: RouteTemplate, advisor: User):
    """A plan with a step done, one under way, one skipped, one with notes and hours, and a
    finished review that comments on two steps."""
    plan = start_plan(
        planner,
        title=route.title,
        start_date=date.today() - timedelta(days=60),
        hours_per_week=10,
        route=route,
    )
    done, doing, skipped, noted = list(plan.steps.order_by("position"))[:4]
    today = date.today()
    done.set_status(PlanStep.Status.DONE, today - timedelta(days=20))
    doing.set_status(PlanStep.Status.DOING, today - timedelta(days=10))
    skipped.set_status(PlanStep.Status.SKIPPED, today - timedelta(days=5))
    noted.notes = "Ask a friend who did this course first."
    noted.save(update_fields=["notes"])
    doing.log_hours(today - timedelta(days=3), Decimal("2.5"), "First evening")
    review = ReviewRequest.objects.create(plan=plan, message="Is ten hours a week enough?")
    review.take(advisor)
    for step in (doing, noted):
        ReviewComment.objects.create(
            request=review, step=step, advisor=advisor, text="Start this one sooner."
        )
    ReviewComment.objects.create(request=review, advisor=advisor, text="A sound plan overall.")
    review.finish(ReviewRequest.Verdict.CHANGES_SUGGESTED, "Pull the maths forward.")
    # Two snapshots, so the history has a change to show.
    history.record(plan, history.PlanSnapshot.Reason.STARTED, today - timedelta(days=60))
    noted.target_date = today + timedelta(days=30)
    noted.save(update_fields=["target_date"])
    history.record(plan, history.PlanSnapshot.Reason.RESCHEDULED, today)
    return plan, review


def build(password: str) -> Tour:
    """Creates a planner (two plans, one archived), an advisor and a newcomer whose email is
    not yet confirmed, and returns the pages to visit. Needs the catalog loaded."""
    planner = _person("ada@example.com", password, name="Ada Lovelace", timezone="Europe/London")
    advisor, _ = make_advisor("advisor@example.com")
    advisor.set_password(password)
    advisor.save()
    newcomer = User.objects.create_user(email="new@example.com", password=password)
    address = EmailAddress.objects.create(user=newcomer, email=newcomer.email, primary=True)

    route = _route_with_steps()
    plan, review = _worked_plan(planner, route, advisor)
    step = plan.steps.order_by("position")[1]
    removed = plan.steps.order_by("position").last()
    removed.remove()
    waiting = start_plan(
        planner,
        title="An older plan",
        start_date=date.today() - timedelta(days=400),
        hours_per_week=5,
        route=route,
    )
    open_review = ReviewRequest.objects.create(plan=waiting, message="Still worth it?")
    open_review.take(advisor)
    waiting.archive()

    role = Role.objects.current().first()
    milestone = Milestone.objects.current().filter(routes=route).first()
    questions = FitQuestion.objects.current().prefetch_related("choices")
    answers = "&".join(
        f"{question.slug}={question.choices.first().value}"
        for question in questions
        if question.choices.exists()
    )
    unsubscribe = Unsubscribe(planner.pk, "overdue").token()
    confirm_key = EmailConfirmationHMAC(address).key
    plan_url = plan.get_absolute_url()
    mentor = MentorLink.objects.create(plan=plan, with_notes=True)

    pages = [
        Page("home", "/"),
        Page("roles", reverse("guide:roles")),
        Page("a role", role.get_absolute_url()),
        Page("a route", route.get_absolute_url()),
        Page("a milestone", milestone.get_absolute_url()),
        Page("organisations", reverse("guide:organisations")),
        Page("organisations, filtered", reverse("guide:organisations") + "?kind=academia"),
        Page("fit check", reverse("guide:fitcheck")),
        Page("fit check, answered", reverse("guide:fitcheck") + "?" + answers),
        Page("log in", reverse("account_login")),
        Page("log in, wrong", reverse("account_login"), post={"login": "x@example.com"}),
        Page("sign up", reverse("account_signup")),
        Page("sign up, wrong", reverse("account_signup"), post={"password1": "short"}),
        Page("check your email", reverse("account_email_verification_sent")),
        Page("confirm email", reverse("account_confirm_email", args=[confirm_key])),
        Page("confirm email, bad link", reverse("account_confirm_email", args=["nonsense"])),
        Page("reset password", reverse("account_reset_password")),
        Page("reset password, sent", reverse("account_reset_password_done")),
        Page("reset password, bad link", "/accounts/password/reset/key/1-nonsense/"),
        Page("reset password, done", reverse("account_reset_password_from_key_done")),
        Page("account inactive", reverse("account_inactive")),
        Page("unsubscribe", reverse("nudges:unsubscribe", args=[unsubscribe])),
        Page(
            "unsubscribed",
            reverse("nudges:unsubscribe", args=[unsubscribe]),
            post={"scope": "kind"},
        ),
        Page("unsubscribe, bad link", "/nudges/unsubscribe/nonsense/", status=400),
        Page("not found", "/no-such-page/", status=404),
        Page("shared with a mentor", mentor.get_absolute_url(), indexed=False),
        Page("my plans", reverse("plans:dashboard"), PLANNER),
        Page("start a plan", reverse("plans:start"), PLANNER),
        Page("start a plan, wrong", reverse("plans:start"), PLANNER, post={"route": "x"}),
        Page("plan", plan_url, PLANNER),
        Page("plan, step removed", f"{plan_url}?removed={removed.pk}", PLANNER),
        Page("plan settings", reverse("plans:plan_edit", args=[plan.pk]), PLANNER),
        Page("delete plan", reverse("plans:plan_delete", args=[plan.pk]), PLANNER),
        Page("archived plan", waiting.get_absolute_url(), PLANNER),
        Page("timeline", reverse("plans:plan_timeline", args=[plan.pk]), PLANNER),
        Page("calendar", reverse("plans:plan_calendar", args=[plan.pk]), PLANNER),
        Page("history", reverse("plans:plan_history", args=[plan.pk]), PLANNER),
        Page(
            "a snapshot",
            reverse("plans:plan_snapshot", args=[plan.snapshots.first().pk]),
            PLANNER,
        ),
        Page("mentor link", reverse("plans:plan_mentor_link", args=[plan.pk]), PLANNER),
        Page("evidence", reverse("plans:step_evidence", args=[step.pk]), PLANNER),
        Page("step", reverse("plans:step_edit", args=[step.pk]), PLANNER),
        Page("log hours", reverse("plans:step_hours", args=[step.pk]), PLANNER),
        Page(
            "log hours, wrong",
            reverse("plans:step_hours", args=[step.pk]),
            PLANNER,
            post={"hours": "-1"},
        ),
        Page(
            "add a step",
            reverse("plans:step_add", args=[plan.pk]) + f"?stage={step.stage}",
            PLANNER,
        ),
        Page("profile", reverse("accounts:profile"), PLANNER),
        Page("profile, wrong", reverse("accounts:profile"), PLANNER, post={"nudge_hour": "99"}),
        Page(
            "profile, saved",
            reverse("accounts:profile"),
            PLANNER,
            post={
                "name": "Ada",
                "timezone": "Europe/London",
                "nudge_hour": "9",
                "digest_weekday": "0",
            },
        ),
        Page("delete account", reverse("accounts:delete"), PLANNER),
        Page("email addresses", reverse("account_email"), PLANNER),
        Page("change password", reverse("account_change_password"), PLANNER),
        Page("log out", reverse("account_logout"), PLANNER),
        Page("where you are logged in", reverse("usersessions_list"), PLANNER),
        Page("admin", reverse("admin:index"), ADVISOR),
        Page("review queue", reverse("admin:reviews_reviewrequest_changelist"), ADVISOR),
        Page(
            "review queue, searched",
            reverse("admin:reviews_reviewrequest_changelist") + "?q=ada",
            ADVISOR,
        ),
        Page(
            "review, done",
            reverse("admin:reviews_reviewrequest_change", args=[review.pk]),
            ADVISOR,
        ),
        Page(
            "review, in progress",
            reverse("admin:reviews_reviewrequest_change", args=[open_review.pk]),
            ADVISOR,
        ),
        Page("review comments", reverse("admin:reviews_reviewcomment_changelist"), ADVISOR),
    ]
    return Tour(pages, {PLANNER: planner, ADVISOR: advisor}, password)
