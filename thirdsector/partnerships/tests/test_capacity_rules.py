"""The rules of capacity building's services: who may ask for support and from whom, what a body and an
offer must say, and that every change is kept in the history."""

import pytest

from thirdsector.accounts.roles import MembershipRole, Role
from thirdsector.accounts.tests.factories import MembershipFactory, UserFactory
from thirdsector.register.models import Area
from thirdsector.register.tests.factories import OrganisationFactory

from ..models.capacity import RequestStatus, SupportBodyKind
from ..services.capacity import CapacityError, request_support, save_offer, save_support_body
from .capacity_factories import SupportBodyFactory, SupportOfferFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    return UserFactory(roles=[Role.DEPARTMENT_STAFF])


def area(code: str) -> Area:
    return Area.objects.get(gss_code=code)


def test_staff_record_a_request_made_to_them_for_an_organisation(staff, organisation):
    request = request_support(
        organisation=organisation, kind="governance", description="By phone", support_body=None, by=staff
    )
    assert request.status == RequestStatus.AWAITING_BODY
    assert request.history.get().history_user == staff


def test_a_member_of_another_organisation_cannot_ask_for_it(organisation):
    elsewhere = MembershipFactory(role=MembershipRole.ADMINISTRATOR).user
    with pytest.raises(CapacityError, match="administrators and editors"):
        request_support(organisation=organisation, kind="training", description="x", support_body=None, by=elsewhere)


def test_asking_a_body_that_does_not_reach_the_organisation_is_refused(member_user, organisation):
    manchester = SupportOfferFactory(body=SupportBodyFactory(areas=[area("E08000003")])).body
    with pytest.raises(CapacityError, match="does not offer bid-writing help where you work"):
        request_support(
            organisation=organisation, kind="bid_writing", description="x", support_body=manchester, by=member_user
        )


def test_a_body_offering_other_help_is_not_one_to_ask(member_user, organisation):
    training_only = SupportOfferFactory(kind="training").body
    with pytest.raises(CapacityError):
        request_support(
            organisation=organisation, kind="bid_writing", description="x", support_body=training_only, by=member_user
        )


def test_an_organisation_is_a_support_body_once(staff):
    body = SupportBodyFactory()
    with pytest.raises(CapacityError, match="already a support body"):
        save_support_body(
            organisation=body.organisation,
            kind=SupportBodyKind.COUNCIL_FOR_VOLUNTARY_SERVICE,
            is_national=False,
            areas=[area("E08000035")],
            partnerships=[],
            contact_email="a@b.example",
            by=staff,
            reason="Again",
        )


def test_a_national_body_lists_no_areas(staff):
    with pytest.raises(CapacityError, match="lists no areas"):
        save_support_body(
            organisation=OrganisationFactory(),
            kind=SupportBodyKind.NATIONAL_PROVIDER,
            is_national=True,
            areas=[area("E08000035")],
            partnerships=[],
            contact_email="a@b.example",
            by=staff,
            reason="New",
        )


def test_an_offer_s_areas_lie_within_its_body_s(staff):
    yorkshire = SupportBodyFactory(areas=[area("E12000003")])
    offer = save_offer(
        body=yorkshire,
        kind="training",
        description="Courses",
        is_free=True,
        areas=[area("E08000035")],
        by=staff,
        reason="New",
    )
    assert list(offer.areas.all()) == [area("E08000035")]
    with pytest.raises(CapacityError, match="does not cover Manchester"):
        save_offer(
            body=yorkshire,
            kind="governance",
            description="Checks",
            is_free=True,
            areas=[area("E08000003")],
            by=staff,
            reason="New",
        )


def test_a_body_offers_each_kind_of_help_once(staff):
    offer = SupportOfferFactory()
    with pytest.raises(CapacityError, match="already offers bid-writing help"):
        save_offer(body=offer.body, kind="bid_writing", description="Again", is_free=True, by=staff, reason="New")
