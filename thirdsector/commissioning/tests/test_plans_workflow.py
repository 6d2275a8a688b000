"""A plan's workflow: publish, fix the specification (only after involvement closes and once something
changed because of it), withdraw — each by the commissioner's officers only, each recorded."""

import datetime

import pytest
from django.utils import timezone

from thirdsector.core.workflow import TransitionRefused, take

from ..models import ActivityKind, PlanStatus
from ..services.involvement import record_activity, update_activity
from ..services.plans import CommissioningError
from .factories import CommissioningPlanFactory

pytestmark = pytest.mark.django_db


def _yesterday() -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=1)


@pytest.fixture
def plan(leeds_council):
    return CommissioningPlanFactory(commissioner=leeds_council)


def _activity(plan, officer, what_changed="Evening opening added"):
    return record_activity(
        plan=plan,
        kind=ActivityKind.CO_DESIGN,
        title="Co-design",
        held_on=timezone.localdate(),
        summary="People asked for evenings",
        service_users=8,
        what_changed=what_changed,
        by=officer,
    )


def test_the_councils_officer_publishes_its_plan_and_the_step_is_recorded(plan, leeds_officer):
    take(plan, "publish", by=leeds_officer, reason="Ready to share")
    plan.refresh_from_db()
    assert plan.status == PlanStatus.PUBLISHED
    assert plan.published_on == timezone.localdate()
    record = plan.history.first()
    assert record.history_user == leeds_officer
    assert record.history_change_reason == "Ready to share"


def test_another_councils_officer_cannot_publish_it(plan, other_officer):
    with pytest.raises(TransitionRefused, match="only an officer of the commissioning body"):
        take(plan, "publish", by=other_officer, reason="Not mine")


def test_a_plan_without_areas_is_not_published(plan, leeds_officer):
    plan.areas.clear()
    with pytest.raises(TransitionRefused, match="Choose at least one area"):
        take(plan, "publish", by=leeds_officer, reason="Ready")


def test_the_specification_is_not_fixed_before_involvement_closes(plan, leeds_officer):
    take(plan, "publish", by=leeds_officer, reason="Ready")
    _activity(plan, leeds_officer)
    with pytest.raises(TransitionRefused, match="only after the involvement period has closed"):
        take(plan, "fix_specification", by=leeds_officer, reason="Done")


def test_the_specification_is_not_fixed_until_something_changed_because_of_involvement(plan, leeds_officer):
    take(plan, "publish", by=leeds_officer, reason="Ready")
    _activity(plan, leeds_officer, what_changed="")
    plan.involvement_closes_on = _yesterday()
    plan.save()
    with pytest.raises(TransitionRefused, match="with what changed because of it"):
        take(plan, "fix_specification", by=leeds_officer, reason="Done")


def test_the_specification_is_fixed_after_involvement_that_changed_the_plan(plan, leeds_officer):
    take(plan, "publish", by=leeds_officer, reason="Ready")
    activity = _activity(plan, leeds_officer, what_changed="")
    update_activity(activity=activity, what_changed="Three area lots instead of one", by=leeds_officer)
    plan.involvement_closes_on = _yesterday()
    plan.save()
    take(plan, "fix_specification", by=leeds_officer, reason="Specification agreed")
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SPECIFICATION_FIXED
    assert plan.specification_fixed_on == timezone.localdate()


def test_involvement_is_not_recorded_once_the_specification_is_fixed(plan, leeds_officer):
    plan.status = PlanStatus.SPECIFICATION_FIXED
    plan.save()
    with pytest.raises(CommissioningError, match="before the specification is fixed"):
        _activity(plan, leeds_officer)


def test_involvement_says_who_took_part(plan, leeds_officer):
    with pytest.raises(CommissioningError, match="Say who took part"):
        record_activity(
            plan=plan,
            kind=ActivityKind.EVENT,
            title="Event",
            held_on=timezone.localdate(),
            summary="x",
            by=leeds_officer,
        )


def test_a_consultation_activity_names_its_compact_consultation(plan, leeds_officer):
    with pytest.raises(CommissioningError, match="Compact consultation"):
        record_activity(
            plan=plan,
            kind=ActivityKind.CONSULTATION,
            title="Consultation",
            held_on=timezone.localdate(),
            summary="x",
            community_members=40,
            by=leeds_officer,
        )


def test_another_councils_officer_cannot_record_involvement(plan, other_officer):
    with pytest.raises(CommissioningError, match="own officers"):
        _activity(plan, other_officer)


def test_a_draft_plan_is_withdrawn_by_its_officer(plan, leeds_officer):
    take(plan, "withdraw", by=leeds_officer, reason="Budget cut")
    plan.refresh_from_db()
    assert plan.status == PlanStatus.WITHDRAWN


def test_a_council_officer_not_editing_the_councils_record_cannot_commission(plan, leeds_council):
    from thirdsector.accounts.roles import MembershipRole, Role
    from thirdsector.accounts.tests.factories import MembershipFactory, UserFactory

    viewer = UserFactory(roles=[Role.COUNCIL_OFFICER])
    MembershipFactory(user=viewer, organisation=leeds_council, role=MembershipRole.VIEWER)
    with pytest.raises(TransitionRefused):
        take(plan, "publish", by=viewer, reason="Ready")
