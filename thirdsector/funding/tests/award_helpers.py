"""Helpers for the award tests: an approved application, and an award taken to a given state by its services."""

import datetime
from decimal import Decimal

from django.utils import timezone

from thirdsector.accounts.roles import MembershipRole
from thirdsector.accounts.tests.factories import MembershipFactory

from ..financial_years import financial_year_of
from ..services.awards import accept_award, approve_award, create_award, offer_award
from .factories import ApplicationFactory, RoundFactory

# The states an award reaches through its services, in order.
ROUTE = ("draft", "approved", "offered", "accepted")


def first_of_this_financial_year() -> datetime.date:
    return datetime.date(financial_year_of(timezone.localdate()), 4, 1)


def approved_application(programme, organisation, **fields):
    fields.setdefault("round", RoundFactory(programme=programme))
    return ApplicationFactory(organisation=organisation, status="approved", **fields)


def administrator_of(organisation):
    return MembershipFactory(organisation=organisation, role=MembershipRole.ADMINISTRATOR).user


def award_in(status, *, programme, organisation, staff, administrator=None, amount="150000.00", months=None, **kwargs):
    """An award drafted from an approved application and taken through its services to `status`."""
    application = approved_application(programme, organisation)
    award = create_award(
        application=application,
        by=staff,
        amount=Decimal(amount),
        starts_on=kwargs.pop("starts_on", first_of_this_financial_year()),
        months=months,
        conditions=kwargs.pop("conditions", "Spend the grant on the work described in the application."),
        **kwargs,
    )
    steps = ROUTE[1 : ROUTE.index(status) + 1]
    for step in steps:
        if step == "approved":
            award = approve_award(award=award, by=staff, reason="Panel approved")
        elif step == "offered":
            award = offer_award(award=award, by=staff, reason="Offer letter sent")
        elif step == "accepted":
            award = accept_award(
                award=award, by=administrator or administrator_of(organisation), reason="Trustees agreed"
            )
    return award
