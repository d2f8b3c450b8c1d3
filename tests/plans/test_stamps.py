"""The database moves a plan's stamp whenever a row shown on its pages changes, however the
row was written: a save, a queryset update, a bulk update, a delete (plans/stamps.py and the
reviews' migration). Another plan's stamp stays where it was."""

from datetime import date
from decimal import Decimal

import pytest

from careerplanner.plans.models import CheckIn, Evidence, Plan, PlanStep
from careerplanner.reviews.models import ReviewComment, ReviewRequest


@pytest.fixture
def plans(make_plan, user):
    return make_plan(user, steps=3, title="Mine"), make_plan(user, steps=3, title="Other")


def _stamps(*plans) -> list[int]:
    return [Plan.objects.get(pk=plan.pk).stamp for plan in plans]


def _moves(plan, other, write) -> None:
    before, other_before = _stamps(plan, other)
    write()
    after, other_after = _stamps(plan, other)
    assert after > before, "the plan's stamp did not move"
    assert other_after == other_before, "another plan's stamp moved"


def test_its_steps_move_it(plans):
    plan, other = plans
    step = plan.steps.first()
    _moves(plan, other, lambda: step.set_status(PlanStep.Status.DONE, date(2026, 1, 5)))
    _moves(plan, other, lambda: plan.steps.filter(pk=step.pk).update(notes="By hand"))
    step.title = "Renamed"
    _moves(plan, other, lambda: PlanStep.objects.bulk_update([step], ["title"]))
    new = {"plan": plan, "stage": "skills", "title": "New", "position": 9}
    _moves(plan, other, lambda: PlanStep.objects.create(**new))
    _moves(plan, other, lambda: plan.steps.filter(title="New").delete())


def test_its_check_ins_move_it(plans):
    plan, other = plans
    step = plan.steps.first()
    _moves(plan, other, lambda: CheckIn.objects.create(plan=plan, date=date(2026, 1, 5), hours=2))
    _moves(plan, other, lambda: plan.checkins.update(hours=Decimal(3)))
    _moves(plan, other, lambda: step.log_hours(date(2026, 1, 6), Decimal(1), ""))
    _moves(plan, other, lambda: plan.checkins.all().delete())


def test_its_evidence_moves_it(plans):
    plan, other = plans
    step = plan.steps.first()

    def add():
        Evidence.objects.create(step=step, title="My code", date=date(2026, 1, 5))

    _moves(plan, other, add)
    _moves(plan, other, lambda: Evidence.objects.get(title="My code").confirm(None, "Good"))
    _moves(plan, other, lambda: Evidence.objects.filter(step=step).delete())


def test_its_reviews_and_their_comments_move_it(plans):
    plan, other = plans
    step = plan.steps.first()
    review = ReviewRequest.objects.create(plan=plan)
    _moves(plan, other, lambda: ReviewRequest.objects.filter(pk=review.pk).update(status="done"))
    _moves(plan, other, lambda: ReviewComment.objects.create(request=review, step=step, text="Hi"))
    _moves(plan, other, lambda: ReviewComment.objects.filter(request=review).update(text="Ho"))
    _moves(plan, other, lambda: ReviewComment.objects.filter(request=review).delete())
    _moves(plan, other, lambda: ReviewRequest.objects.filter(pk=review.pk).delete())
