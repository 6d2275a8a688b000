"""Opportunities: drafted from a plan or on their own, opened once they have a lot, closed only after the
closing date, awarded by the award step; interest registered once per organisation."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from thirdsector.core.workflow import TransitionRefused, take
from thirdsector.register.models import Area, OrganisationStatus, PolicyArea

from ..models import OpportunityKind, OpportunityStatus, PlanStatus
from ..services.opportunities import (
    add_lot,
    create_opportunity,
    mark_awarded,
    register_interest,
    update_opportunity,
)
from ..services.plans import CommissioningError
from .factories import CommissioningPlanFactory, LotFactory, OpportunityFactory

pytestmark = pytest.mark.django_db


def _days(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def _terms(**overrides):
    terms = {
        "title": "Carers' breaks",
        "description": "Short breaks for carers",
        "kind": OpportunityKind.GRANT,
        "policy_area": PolicyArea.objects.order_by("id").first(),
        "areas": [Area.objects.get(gss_code="E08000035")],
        "length_months": 36,
        "opens_on": _days(0),
        "closes_on": _days(30),
    }
    return {**terms, **overrides}


def test_a_council_offers_a_grant_from_its_published_plan(leeds_council, leeds_officer):
    plan = CommissioningPlanFactory(commissioner=leeds_council, status=PlanStatus.PUBLISHED)
    opportunity = create_opportunity(commissioner=leeds_council, plan=plan, by=leeds_officer, **_terms())
    assert opportunity.status == OpportunityStatus.DRAFT
    assert opportunity.is_long_term
    assert opportunity.history.first().history_user == leeds_officer


def test_an_opportunity_does_not_come_from_a_draft_plan(leeds_council, leeds_officer):
    plan = CommissioningPlanFactory(commissioner=leeds_council)
    with pytest.raises(CommissioningError, match="from a published plan"):
        create_opportunity(commissioner=leeds_council, plan=plan, by=leeds_officer, **_terms())


def test_an_opportunity_does_not_come_from_another_councils_plan(leeds_council, other_council, leeds_officer):
    plan = CommissioningPlanFactory(commissioner=other_council, status=PlanStatus.PUBLISHED)
    with pytest.raises(CommissioningError, match="your own plans"):
        create_opportunity(commissioner=leeds_council, plan=plan, by=leeds_officer, **_terms())


def test_a_council_does_not_offer_opportunities_for_another(other_council, leeds_officer):
    with pytest.raises(CommissioningError, match="own officers"):
        create_opportunity(commissioner=other_council, by=leeds_officer, **_terms())


def test_a_charity_does_not_commission(charity, leeds_officer):
    with pytest.raises(CommissioningError, match="not a public body"):
        create_opportunity(commissioner=charity, by=leeds_officer, **_terms())


def test_the_closing_date_follows_the_opening_date(leeds_council, leeds_officer):
    with pytest.raises(CommissioningError, match="on or after the opening date"):
        create_opportunity(commissioner=leeds_council, by=leeds_officer, **_terms(closes_on=_days(-1)))


def test_lots_are_numbered_in_order(leeds_council, leeds_officer):
    opportunity = OpportunityFactory(commissioner=leeds_council)
    first = add_lot(opportunity=opportunity, title="North", value=Decimal("100000"), by=leeds_officer)
    second = add_lot(opportunity=opportunity, title="South", value=Decimal("90000"), by=leeds_officer)
    assert (first.number, second.number) == (1, 2)


def test_an_opportunity_without_lots_is_not_opened(leeds_council, leeds_officer):
    opportunity = OpportunityFactory(commissioner=leeds_council)
    with pytest.raises(TransitionRefused, match="Add at least one lot"):
        take(opportunity, "open", by=leeds_officer, reason="Go")


def test_an_opportunity_with_a_lot_is_opened_and_its_terms_then_stay_fixed(leeds_council, leeds_officer):
    opportunity = OpportunityFactory(commissioner=leeds_council)
    LotFactory(opportunity=opportunity)
    take(opportunity, "open", by=leeds_officer, reason="Go")
    assert opportunity.status == OpportunityStatus.OPEN
    with pytest.raises(CommissioningError, match="Only a draft opportunity"):
        update_opportunity(opportunity=opportunity, by=leeds_officer, reason="x", length_months=12)


def test_an_opportunity_closes_only_after_its_closing_date(leeds_council, leeds_officer):
    opportunity = OpportunityFactory(commissioner=leeds_council, status=OpportunityStatus.OPEN)
    with pytest.raises(TransitionRefused, match="can be closed after that"):
        take(opportunity, "close", by=leeds_officer, reason="Early")
    opportunity.opens_on = _days(-30)
    opportunity.closes_on = _days(-1)
    opportunity.save()
    take(opportunity, "close", by=leeds_officer, reason="Closed")
    mark_awarded(opportunity=opportunity, by=leeds_officer, reason="All lots decided")
    assert opportunity.status == OpportunityStatus.AWARDED


def test_another_council_cannot_cancel_it(leeds_council, other_officer):
    opportunity = OpportunityFactory(commissioner=leeds_council, status=OpportunityStatus.OPEN)
    with pytest.raises(TransitionRefused, match="only an officer"):
        take(opportunity, "cancel", by=other_officer, reason="No")


def test_an_organisation_registers_interest_once(leeds_council, charity, charity_editor):
    opportunity = OpportunityFactory(commissioner=leeds_council, status=OpportunityStatus.OPEN)
    register_interest(opportunity=opportunity, organisation=charity, by=charity_editor)
    with pytest.raises(CommissioningError, match="already registered interest"):
        register_interest(opportunity=opportunity, organisation=charity, by=charity_editor)
    assert opportunity.interest.count() == 1


def test_only_an_editor_registers_interest_for_an_organisation(leeds_council, charity, other_officer):
    opportunity = OpportunityFactory(commissioner=leeds_council, status=OpportunityStatus.OPEN)
    with pytest.raises(CommissioningError, match="Only an editor"):
        register_interest(opportunity=opportunity, organisation=charity, by=other_officer)


def test_a_removed_organisation_does_not_register_interest(leeds_council, charity, charity_editor):
    charity.status = OrganisationStatus.REMOVED
    charity.save()
    opportunity = OpportunityFactory(commissioner=leeds_council, status=OpportunityStatus.OPEN)
    with pytest.raises(CommissioningError, match="not an active sector organisation"):
        register_interest(opportunity=opportunity, organisation=charity, by=charity_editor)


def test_interest_is_registered_only_while_open(leeds_council, charity, charity_editor):
    opportunity = OpportunityFactory(commissioner=leeds_council)
    with pytest.raises(CommissioningError, match="while an opportunity is open"):
        register_interest(opportunity=opportunity, organisation=charity, by=charity_editor)
