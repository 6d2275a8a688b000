"""The support request workflow: each step by the people allowed to take it, refused to others and out of
order, and recorded with who, when and why."""

import pytest

from thirdsector.accounts.roles import MembershipRole, Role
from thirdsector.accounts.tests.factories import MembershipFactory, UserFactory
from thirdsector.core.workflow import TransitionRefused

from ..models.capacity import OutcomeCategory, RequestStatus
from ..services.capacity import CapacityError, steps_open_to, take_request_step
from .capacity_factories import SupportBodyFactory, SupportOfferFactory, SupportRequestFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def support_request():
    return SupportRequestFactory()


@pytest.fixture
def body_member(support_request):
    return MembershipFactory(organisation=support_request.support_body.organisation, role=MembershipRole.EDITOR).user


@pytest.fixture
def requester(support_request):
    return MembershipFactory(organisation=support_request.organisation, role=MembershipRole.EDITOR).user


@pytest.fixture
def staff():
    return UserFactory(roles=[Role.DEPARTMENT_STAFF])


def step(support_request, name, by, reason="Recorded", **fields):
    return take_request_step(request=support_request, step=name, by=by, reason=reason, **fields)


def last_history(support_request):
    return support_request.history.order_by("-history_date", "-history_id").first()


def test_the_support_body_accepts_and_the_step_is_audited(support_request, body_member):
    step(support_request, "accept", body_member, reason="We can help in March")
    support_request.refresh_from_db()
    assert support_request.status == RequestStatus.ACCEPTED
    assert support_request.decided_on is not None
    record = last_history(support_request)
    assert record.history_user == body_member
    assert record.history_change_reason == "We can help in March"
    assert record.status == RequestStatus.ACCEPTED


def test_the_requester_cannot_accept_their_own_request(support_request, requester):
    with pytest.raises(TransitionRefused, match="only the support body's members"):
        step(support_request, "accept", requester)
    support_request.refresh_from_db()
    assert support_request.status == RequestStatus.SUBMITTED


def test_a_viewer_of_the_support_body_cannot_accept(support_request):
    viewer = MembershipFactory(organisation=support_request.support_body.organisation, role=MembershipRole.VIEWER).user
    with pytest.raises(TransitionRefused):
        step(support_request, "accept", viewer)


def test_another_support_body_cannot_accept(support_request):
    elsewhere = MembershipFactory(organisation=SupportBodyFactory().organisation, role=MembershipRole.EDITOR).user
    with pytest.raises(TransitionRefused):
        step(support_request, "accept", elsewhere)


def test_staff_cannot_take_the_support_body_s_steps(support_request, staff):
    with pytest.raises(TransitionRefused):
        step(support_request, "accept", staff)


def test_declining_needs_a_reason(support_request, body_member):
    with pytest.raises(TransitionRefused, match="Give the reason"):
        step(support_request, "decline", body_member, decline_reason="  ")
    support_request.refresh_from_db()
    assert support_request.status == RequestStatus.SUBMITTED


def test_the_support_body_declines_with_a_reason(support_request, body_member):
    step(support_request, "decline", body_member, decline_reason="Our bid-writer is on leave until May")
    support_request.refresh_from_db()
    assert support_request.status == RequestStatus.DECLINED
    assert support_request.decline_reason == "Our bid-writer is on leave until May"
    assert last_history(support_request).history_user == body_member


def test_after_a_decline_the_organisation_asks_another_body_covering_its_area(support_request, body_member, requester):
    step(support_request, "decline", body_member, decline_reason="No capacity")
    other = SupportOfferFactory(kind=support_request.kind).body
    step(support_request, "ask_another_body", requester, support_body=other, reason="Trying Voluntary Action Leeds")
    support_request.refresh_from_db()
    assert support_request.status == RequestStatus.SUBMITTED
    assert support_request.support_body == other
    assert support_request.decline_reason == ""
    assert last_history(support_request).history_user == requester


def test_asking_the_body_that_declined_again_is_refused(support_request, body_member, requester):
    step(support_request, "decline", body_member, decline_reason="No capacity")
    with pytest.raises(CapacityError, match="cannot take this request"):
        step(support_request, "ask_another_body", requester, support_body=support_request.support_body)


def test_asking_a_body_that_does_not_cover_the_area_is_refused(support_request, body_member, requester):
    step(support_request, "decline", body_member, decline_reason="No capacity")
    far_away = SupportOfferFactory(body=SupportBodyFactory(areas=[]), kind=support_request.kind).body
    with pytest.raises(CapacityError):
        step(support_request, "ask_another_body", requester, support_body=far_away)


def test_staff_route_a_request_waiting_for_a_body(staff):
    waiting = SupportRequestFactory(support_body=None, status=RequestStatus.AWAITING_BODY)
    body = SupportOfferFactory(kind=waiting.kind).body
    step(waiting, "route", staff, support_body=body, reason="Nearest CVS")
    waiting.refresh_from_db()
    assert waiting.status == RequestStatus.SUBMITTED and waiting.support_body == body
    assert last_history(waiting).history_user == staff


def test_routing_is_for_staff_only(requester, support_request):
    waiting = SupportRequestFactory(
        organisation=support_request.organisation, support_body=None, status=RequestStatus.AWAITING_BODY
    )
    with pytest.raises(TransitionRefused, match="only department staff"):
        step(waiting, "route", requester, support_body=support_request.support_body)


def test_routing_to_a_body_not_offering_that_help_is_refused(staff):
    waiting = SupportRequestFactory(support_body=None, status=RequestStatus.AWAITING_BODY)
    body = SupportOfferFactory(kind="governance").body
    with pytest.raises(CapacityError):
        step(waiting, "route", staff, support_body=body)


def test_start_then_complete_with_an_outcome(support_request, body_member):
    step(support_request, "accept", body_member)
    step(support_request, "start", body_member, reason="First session booked")
    assert support_request.status == RequestStatus.IN_PROGRESS and support_request.started_on
    step(
        support_request,
        "complete",
        body_member,
        outcome_category=OutcomeCategory.BID_SUBMITTED,
        outcome="Bid of £9,500 sent to the Community Fund",
    )
    support_request.refresh_from_db()
    assert support_request.status == RequestStatus.COMPLETED
    assert support_request.outcome_category == OutcomeCategory.BID_SUBMITTED
    assert support_request.finished_on is not None
    assert support_request.history.count() == 4


def test_completing_needs_an_outcome(support_request, body_member):
    step(support_request, "accept", body_member)
    step(support_request, "start", body_member)
    with pytest.raises(TransitionRefused, match="Say what changed"):
        step(support_request, "complete", body_member, outcome_category="", outcome="")
    support_request.refresh_from_db()
    assert support_request.status == RequestStatus.IN_PROGRESS


def test_completing_before_the_work_starts_is_refused(support_request, body_member):
    step(support_request, "accept", body_member)
    with pytest.raises(TransitionRefused, match="not possible while"):
        step(support_request, "complete", body_member, outcome_category="other", outcome="Done")


def test_starting_before_accepting_is_refused(support_request, body_member):
    with pytest.raises(TransitionRefused):
        step(support_request, "start", body_member)


def test_closing_without_an_outcome_needs_a_reason(support_request, body_member):
    step(support_request, "accept", body_member)
    with pytest.raises(TransitionRefused, match="Give the reason"):
        step(support_request, "close_without_outcome", body_member, close_reason="")
    step(support_request, "close_without_outcome", body_member, close_reason="The group stopped replying")
    support_request.refresh_from_db()
    assert support_request.status == RequestStatus.CLOSED
    assert support_request.close_reason == "The group stopped replying"


def test_the_requester_withdraws_and_the_body_cannot(support_request, body_member, requester):
    with pytest.raises(TransitionRefused):
        step(support_request, "withdraw", body_member)
    step(support_request, "withdraw", requester, reason="We found a volunteer who can help")
    support_request.refresh_from_db()
    assert support_request.status == RequestStatus.WITHDRAWN
    assert last_history(support_request).history_change_reason == "We found a volunteer who can help"


def test_a_completed_request_cannot_be_withdrawn(support_request, body_member, requester):
    for name in ("accept", "start"):
        step(support_request, name, body_member)
    step(support_request, "complete", body_member, outcome_category="other", outcome="Done")
    with pytest.raises(TransitionRefused):
        step(support_request, "withdraw", requester)


def test_each_person_is_offered_only_their_own_steps(support_request, body_member, requester, staff):
    assert steps_open_to(support_request, body_member) == ["accept", "decline"]
    assert steps_open_to(support_request, requester) == ["withdraw"]
    assert steps_open_to(support_request, staff) == []
