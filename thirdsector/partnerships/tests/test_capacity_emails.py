"""Emails about a support request: who hears of each step, what they are told, and that nothing is sent for
a step refused or rolled back. The test settings run background tasks at once; the emails are queued only
when the step's transaction commits, which `django_capture_on_commit_callbacks` stands in for."""

import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse

from thirdsector.accounts.roles import MembershipRole, Role
from thirdsector.accounts.tests.factories import MembershipFactory, UserFactory
from thirdsector.conftest import signed_in_client
from thirdsector.core.workflow import TransitionRefused
from thirdsector.register.tests.factories import OrganisationFactory

from ..models.capacity import OutcomeCategory, RequestStatus, SupportRequest
from ..services.capacity import CapacityError, request_support, take_request_step
from ..services.capacity_emails import NOTICES, requester_emails
from .capacity_factories import SupportBodyFactory, SupportOfferFactory, SupportRequestFactory

pytestmark = pytest.mark.django_db

BODY_EMAIL = "help@voluntary-action.example"
TEAM_EMAIL = "capacity@department.example"


@pytest.fixture(autouse=True)
def _addresses(settings):
    settings.SITE_URL = "https://thirdsector.example"
    settings.PARTNERSHIP_CAPACITY_TEAM_EMAIL = TEAM_EMAIL


@pytest.fixture
def body():
    body = SupportBodyFactory(organisation=OrganisationFactory(name="Voluntary Action Leeds"), contact_email=BODY_EMAIL)
    SupportOfferFactory(body=body)
    return body


@pytest.fixture
def requester(organisation):
    user = UserFactory(email="amina@tenants.example")
    MembershipFactory(user=user, organisation=organisation, role=MembershipRole.EDITOR)
    return user


@pytest.fixture
def body_member(body):
    return MembershipFactory(organisation=body.organisation, role=MembershipRole.EDITOR).user


@pytest.fixture
def staff():
    return UserFactory(roles=[Role.DEPARTMENT_STAFF])


@pytest.fixture
def sent(django_capture_on_commit_callbacks):
    """Runs a change as if committed, then hands back the emails it sent."""

    def run(change, *args, **kwargs):
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            change(*args, **kwargs)
        return list(mail.outbox)

    return run


@pytest.fixture
def submitted(organisation, requester, body):
    return SupportRequestFactory(organisation=organisation, support_body=body, submitted_by=requester)


def step(support_request, name, by, **fields):
    return take_request_step(request=support_request, step=name, by=by, reason="Recorded", **fields)


def to(messages) -> list[list[str]]:
    return [message.to for message in messages]


# --- A new request ------------------------------------------------------------------------------


def test_a_new_request_to_a_body_emails_the_requester_and_the_body(sent, organisation, requester, body):
    messages = sent(
        request_support,
        organisation=organisation,
        kind="bid_writing",
        description="Help with a bid to the Community Fund",
        support_body=body,
        by=requester,
    )
    support_request = SupportRequest.objects.get()
    assert to(messages) == [["amina@tenants.example"], [BODY_EMAIL]]
    confirmation, new_for_body = messages
    assert (
        confirmation.subject
        == f"Your request for support has been sent to Voluntary Action Leeds ({support_request.reference})"
    )
    assert "Leeds Tenants Federation's request for bid-writing help to Voluntary Action Leeds" in confirmation.body
    assert f"https://thirdsector.example{support_request.get_absolute_url()}" in confirmation.body
    assert new_for_body.subject.startswith("New request for bid-writing help from Leeds Tenants Federation")
    assert "Help with a bid to the Community Fund" in new_for_body.body
    assert f"https://thirdsector.example{support_request.get_absolute_url()}" in new_for_body.body


def test_a_request_left_to_staff_emails_the_requester_and_the_capacity_team(sent, organisation, requester):
    messages = sent(
        request_support,
        organisation=organisation,
        kind="governance",
        description="Trustee training",
        support_body=None,
        by=requester,
    )
    assert to(messages) == [["amina@tenants.example"], [TEAM_EMAIL]]
    assert messages[0].subject.startswith("We have received your request for support")
    assert messages[1].subject.startswith("A request for support needs a support body")


def test_a_request_staff_record_by_phone_emails_the_organisation_not_the_staff_member(sent, staff):
    organisation = OrganisationFactory(name="Hyde Park Youth Club", email="office@hydepark.example")
    sent(
        request_support,
        organisation=organisation,
        kind="governance",
        description="By phone",
        support_body=None,
        by=staff,
    )
    assert to(mail.outbox) == [["office@hydepark.example"], [TEAM_EMAIL]]


def test_a_refused_request_sends_nothing(sent, organisation):
    elsewhere = MembershipFactory(role=MembershipRole.ADMINISTRATOR).user
    with pytest.raises(CapacityError):
        sent(
            request_support,
            organisation=organisation,
            kind="training",
            description="x",
            support_body=None,
            by=elsewhere,
        )
    assert mail.outbox == []


# --- The support body's steps -------------------------------------------------------------------


def test_accepting_emails_the_requester(sent, submitted, body_member):
    (message,) = sent(step, submitted, "accept", body_member)
    assert message.to == ["amina@tenants.example"]
    assert message.subject == f"Your request for support has been accepted ({submitted.reference})"
    assert "Voluntary Action Leeds has accepted Leeds Tenants Federation's request for bid-writing help" in message.body


def test_declining_emails_the_requester_with_the_reason(sent, submitted, body_member):
    (message,) = sent(step, submitted, "decline", body_member, decline_reason="Our bid-writer is on leave until May")
    assert message.to == ["amina@tenants.example"]
    assert message.subject.startswith("Voluntary Action Leeds cannot help with your request")
    assert "Our bid-writer is on leave until May" in message.body
    assert "You can ask another support body" in message.body


def test_starting_completing_and_closing_email_the_requester(sent, submitted, body_member):
    step(submitted, "accept", body_member)
    (started,) = sent(step, submitted, "start", body_member)
    assert started.to == ["amina@tenants.example"] and started.subject.startswith("Work has started")
    (completed,) = sent(
        step,
        submitted,
        "complete",
        body_member,
        outcome_category=OutcomeCategory.BID_SUBMITTED,
        outcome="Bid of £9,500 sent to the Community Fund",
    )
    assert completed.to == ["amina@tenants.example"]
    assert completed.subject.startswith("Your request for support is complete")
    assert "Outcome: Funding bid submitted" in completed.body and "Bid of £9,500" in completed.body

    other = SupportRequestFactory(organisation=submitted.organisation, support_body=submitted.support_body,
                                  status=RequestStatus.ACCEPTED, submitted_by=submitted.submitted_by)  # fmt: skip
    (closed,) = sent(step, other, "close_without_outcome", body_member, close_reason="The group stopped replying")
    assert closed.to == ["amina@tenants.example"] and "The group stopped replying" in closed.body


# --- Steps by the requester and by staff ---------------------------------------------------------


def test_asking_another_body_emails_that_body_only(sent, submitted, body_member, requester):
    step(submitted, "decline", body_member, decline_reason="No capacity")
    other = SupportOfferFactory(body=SupportBodyFactory(contact_email="hello@leeds-cvs.example")).body
    messages = sent(step, submitted, "ask_another_body", requester, support_body=other)
    assert to(messages) == [["hello@leeds-cvs.example"]]
    assert messages[0].subject.startswith("New request for bid-writing help")


def test_staff_sending_a_request_to_a_body_emails_the_requester_and_the_body(
    sent, organisation, requester, body, staff
):
    waiting = SupportRequestFactory(
        organisation=organisation, support_body=None, status=RequestStatus.AWAITING_BODY, submitted_by=requester
    )
    messages = sent(step, waiting, "route", staff, support_body=body)
    assert to(messages) == [["amina@tenants.example"], [BODY_EMAIL]]
    assert "has been sent to Voluntary Action Leeds" in messages[0].subject


def test_withdrawing_tells_the_body_that_had_the_request(sent, submitted, requester):
    (message,) = sent(step, submitted, "withdraw", requester)
    assert message.to == [BODY_EMAIL]
    assert "Leeds Tenants Federation has withdrawn its request" in message.body


def test_withdrawing_after_a_decline_or_before_a_body_is_chosen_emails_nobody(sent, submitted, body_member, requester):
    step(submitted, "decline", body_member, decline_reason="No capacity")
    assert sent(step, submitted, "withdraw", requester) == []
    waiting = SupportRequestFactory(
        organisation=submitted.organisation, support_body=None, status=RequestStatus.AWAITING_BODY
    )
    assert sent(step, waiting, "withdraw", requester) == []


# --- Nothing for a refused or rolled-back step ---------------------------------------------------


def test_a_refused_step_sends_nothing(sent, submitted, requester, body_member):
    with pytest.raises(TransitionRefused):
        sent(step, submitted, "accept", requester)  # not the body's member
    with pytest.raises(TransitionRefused):
        sent(step, submitted, "decline", body_member, decline_reason=" ")  # no reason
    with pytest.raises(TransitionRefused):
        sent(step, submitted, "start", body_member)  # not yet accepted
    assert mail.outbox == []


def test_a_step_rolled_back_with_its_transaction_sends_nothing(sent, submitted, body_member):
    def accept_then_fail():
        with transaction.atomic():
            step(submitted, "accept", body_member)
            raise RuntimeError("something later in the same transaction failed")

    with pytest.raises(RuntimeError):
        sent(accept_then_fail)
    assert mail.outbox == []
    submitted.refresh_from_db()
    assert submitted.status == RequestStatus.SUBMITTED


def test_nothing_is_sent_before_the_step_commits(submitted, body_member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        step(submitted, "accept", body_member)
    assert mail.outbox == [] and len(callbacks) == 1
    callbacks[0]()
    assert to(mail.outbox) == [["amina@tenants.example"]]


# --- Who the requesting organisation is ---------------------------------------------------------


def test_the_requester_and_the_organisations_own_address_both_hear(organisation, requester, body):
    organisation.email = "info@tenants.example"
    organisation.save()
    support_request = SupportRequestFactory(organisation=organisation, support_body=body, submitted_by=requester)
    assert requester_emails(support_request) == ["amina@tenants.example", "info@tenants.example"]


def test_a_requester_who_has_left_the_organisation_is_not_emailed(organisation, requester, body):
    admin = MembershipFactory(organisation=organisation, role=MembershipRole.ADMINISTRATOR).user
    support_request = SupportRequestFactory(organisation=organisation, support_body=body, submitted_by=requester)
    requester.memberships.all().delete()
    assert requester_emails(support_request) == [admin.email]


def test_every_step_of_the_workflow_has_its_emails_set():
    from ..services.capacity import STEP_ORDER

    assert set(STEP_ORDER) <= set(NOTICES)


# --- Through the pages --------------------------------------------------------------------------


def test_accepting_on_the_request_page_emails_the_requester(submitted, body_member, django_capture_on_commit_callbacks):
    url = reverse("partnerships:capacity-request-step", args=[submitted.reference, "accept"])
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in_client(body_member).post(url, {"reason": "We can help in March"})
    assert response.status_code == 302
    assert to(mail.outbox) == [["amina@tenants.example"]]
