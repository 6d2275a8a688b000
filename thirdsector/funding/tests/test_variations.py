"""Variations move an accepted award's amount or end date, and its commitment, only once approved;
recoveries record underspend returned and clawback."""

import datetime
from decimal import Decimal

import pytest

from thirdsector.accounts.roles import MembershipRole
from thirdsector.accounts.tests.factories import MembershipFactory
from thirdsector.core.workflow import TransitionRefused

from ..errors import BudgetExceeded, FundingError
from ..models import ProgrammeBudget, RecoveryKind, VariationStatus
from ..services import variations as services
from ..services.variations import (
    approve_variation,
    mark_recovery_received,
    record_recovery,
    refuse_variation,
    request_variation,
)
from .award_helpers import award_in, first_of_this_financial_year
from .factories import ProgrammeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def award(programme, organisation, staff_user, applicant_admin):
    return award_in(
        "accepted", programme=programme, organisation=organisation, staff=staff_user, administrator=applicant_admin
    )


def committed(programme) -> dict[int, Decimal]:
    return dict(
        ProgrammeBudget.objects.filter(programme=programme, committed__gt=0).values_list("financial_year", "committed")
    )


def years(award) -> dict[int, Decimal]:
    return dict(award.years.values_list("financial_year", "amount"))


def mark_paid(award, amount):
    payment = award.payments.order_by("number").first()
    payment.amount = Decimal(amount)
    payment.status = "paid"
    payment.save()
    return payment


# Asking for a variation


@pytest.mark.parametrize("who", ["member_user", "applicant_admin", "staff_user"])
def test_the_organisations_editors_and_programme_staff_may_ask_for_a_variation(request, award, who):
    person = request.getfixturevalue(who)
    variation = request_variation(award=award, by=person, new_amount=Decimal("180000"), reason="Inflation")
    assert variation.status == VariationStatus.REQUESTED
    assert variation.requested_by == person
    assert variation.history.latest().history_user == person
    award.refresh_from_db()
    assert award.amount == Decimal("150000.00")  # nothing changes until approved


@pytest.mark.parametrize("who", ["viewer_user", "assessor_user", "other_admin"])
def test_others_may_not_ask_for_a_variation(request, award, other_organisation, who):
    if who == "other_admin":
        person = MembershipFactory(organisation=other_organisation, role=MembershipRole.ADMINISTRATOR).user
    else:
        person = request.getfixturevalue(who)
    with pytest.raises(FundingError, match="Only the organisation's editors"):
        request_variation(award=award, by=person, new_amount=Decimal("180000"), reason="Inflation")


def test_only_an_accepted_award_may_be_varied(programme, organisation, staff_user):
    offered = award_in("offered", programme=programme, organisation=organisation, staff=staff_user)
    with pytest.raises(FundingError, match="Only an accepted award can be varied; this one is offered"):
        request_variation(award=offered, by=staff_user, new_amount=Decimal("1000"), reason="r")


def test_a_variation_must_change_something(award, staff_user):
    with pytest.raises(FundingError, match="Enter a new amount or a new end date"):
        request_variation(award=award, by=staff_user, new_amount=award.amount, new_ends_on=award.ends_on, reason="r")


def test_a_variation_cannot_end_before_the_grant_starts(award, staff_user):
    with pytest.raises(FundingError, match="must be after the grant starts"):
        request_variation(award=award, by=staff_user, new_ends_on=award.starts_on, reason="r")


# Deciding


def test_approving_an_increase_commits_more_and_resplits_the_years(award, programme, staff_user, member_user):
    first = award.starts_on.year
    variation = request_variation(award=award, by=member_user, new_amount=Decimal("180000.00"), reason="Inflation")
    approve_variation(variation=variation, by=staff_user, reason="Costs have risen")
    award.refresh_from_db()
    assert award.amount == Decimal("180000.00")
    assert years(award) == {first + n: Decimal("60000.00") for n in range(3)}
    assert committed(programme) == {first + n: Decimal("60000.00") for n in range(3)}
    variation.refresh_from_db()
    assert variation.status == VariationStatus.APPROVED
    assert variation.decided_by == staff_user
    assert variation.decision_notes == "Costs have risen"
    assert variation.history.latest().history_change_reason == "Costs have risen"
    assert "Variation approved" in award.history.latest().history_change_reason


def test_approving_a_reduction_releases_commitment(award, programme, staff_user):
    first = award.starts_on.year
    variation = request_variation(award=award, by=staff_user, new_amount=Decimal("90000.00"), reason="Smaller project")
    approve_variation(variation=variation, by=staff_user, reason="Agreed")
    assert committed(programme) == {first + n: Decimal("30000.00") for n in range(3)}


def test_a_shorter_end_date_moves_commitment_out_of_the_last_year_and_flags_the_award(award, programme, staff_user):
    first = award.starts_on.year
    new_end = datetime.date(first + 2, 3, 31)  # two years instead of three
    variation = request_variation(award=award, by=staff_user, new_ends_on=new_end, reason="Programme ends early")
    approve_variation(variation=variation, by=staff_user, reason="Agreed")
    award.refresh_from_db()
    assert award.ends_on == new_end
    assert award.months == 24
    assert award.is_short
    assert "Programme ends early" in award.short_award_reason
    assert committed(programme) == {first: Decimal("75000.00"), first + 1: Decimal("75000.00")}


def test_a_variation_over_the_budget_is_refused_and_changes_nothing(organisation, staff_user, applicant_admin):
    first = first_of_this_financial_year().year
    programme = ProgrammeFactory(budgets={first + n: Decimal("60000.00") for n in range(3)})
    award = award_in(
        "accepted", programme=programme, organisation=organisation, staff=staff_user, administrator=applicant_admin
    )
    variation = request_variation(award=award, by=staff_user, new_amount=Decimal("200000.00"), reason="More work")
    with pytest.raises(BudgetExceeded, match="does not have £16,666.67 more to commit"):
        approve_variation(variation=variation, by=staff_user, reason="Agreed")
    award.refresh_from_db()
    variation.refresh_from_db()
    assert award.amount == Decimal("150000.00")
    assert variation.status == VariationStatus.REQUESTED
    assert committed(programme) == {first + n: Decimal("50000.00") for n in range(3)}


def test_an_award_cannot_be_reduced_below_what_has_been_paid(award, staff_user):
    mark_paid(award, "40000.00")
    variation = request_variation(award=award, by=staff_user, new_amount=Decimal("30000.00"), reason="Underspend")
    with pytest.raises(FundingError, match="£40,000.00 has already been paid"):
        approve_variation(variation=variation, by=staff_user, reason="Agreed")


def test_approving_reschedules_the_payments_not_yet_made(monkeypatch, award, staff_user):
    calls = []
    try:
        from ..services import payments
    except ImportError:
        pytest.skip("payments are not written yet")
    monkeypatch.setattr(payments, "reschedule_unpaid", lambda *, award: calls.append(award.pk))
    variation = request_variation(award=award, by=staff_user, new_amount=Decimal("160000.00"), reason="More")
    approve_variation(variation=variation, by=staff_user, reason="Agreed")
    assert calls == [award.pk]


def test_approved_variation_leaves_payments_adding_up_to_the_new_amount(award, staff_user):
    try:
        from ..services.payments import reschedule_unpaid  # noqa: F401
    except ImportError:
        pytest.skip("payments are not written yet")
    variation = request_variation(award=award, by=staff_user, new_amount=Decimal("160000.00"), reason="More")
    approve_variation(variation=variation, by=staff_user, reason="Agreed")
    live = award.payments.exclude(status__in=["cancelled", "superseded"])
    assert sum(payment.amount for payment in live) == Decimal("160000.00")


@pytest.mark.parametrize("who", ["member_user", "applicant_admin", "assessor_user"])
def test_only_programme_staff_decide_a_variation(request, award, staff_user, who):
    variation = request_variation(award=award, by=staff_user, new_amount=Decimal("160000.00"), reason="More")
    person = request.getfixturevalue(who)
    with pytest.raises(TransitionRefused, match="only the staff who run the programme"):
        approve_variation(variation=variation, by=person, reason="I approve")
    with pytest.raises(TransitionRefused, match="only the staff who run the programme"):
        refuse_variation(variation=variation, by=person, reason="I refuse")


def test_refusing_needs_a_reason_and_leaves_the_award_as_it_was(award, programme, staff_user):
    before = committed(programme)
    variation = request_variation(award=award, by=staff_user, new_amount=Decimal("160000.00"), reason="More")
    with pytest.raises(TransitionRefused, match="Say why the variation is refused"):
        refuse_variation(variation=variation, by=staff_user, reason="  ")
    refuse_variation(variation=variation, by=staff_user, reason="No budget left this year")
    variation.refresh_from_db()
    award.refresh_from_db()
    assert variation.status == VariationStatus.REFUSED
    assert variation.decision_notes == "No budget left this year"
    assert award.amount == Decimal("150000.00")
    assert committed(programme) == before


def test_a_decided_variation_cannot_be_decided_again(award, staff_user):
    variation = request_variation(award=award, by=staff_user, new_amount=Decimal("160000.00"), reason="More")
    approve_variation(variation=variation, by=staff_user, reason="Agreed")
    with pytest.raises(TransitionRefused, match="not possible while this variation is approved"):
        refuse_variation(variation=variation, by=staff_user, reason="Changed mind")


def test_a_later_end_date_resets_the_end_of_funding_notice(award, staff_user):
    award.end_notice_sent_on = award.starts_on
    award.save()
    variation = request_variation(
        award=award, by=staff_user, new_ends_on=award.ends_on + datetime.timedelta(days=92), reason="Extension"
    )
    approve_variation(variation=variation, by=staff_user, reason="Agreed")
    award.refresh_from_db()
    assert award.end_notice_sent_on is None


# Recoveries


def test_programme_staff_record_an_underspend_up_to_what_was_paid(award, staff_user):
    mark_paid(award, "12500.00")
    recovery = record_recovery(
        award=award, by=staff_user, kind=RecoveryKind.UNDERSPEND, amount=Decimal("2500.00"), reason="Unspent"
    )
    assert recovery.recorded_by == staff_user
    assert recovery.history.latest().history_user == staff_user
    with pytest.raises(FundingError, match="no more than £10,000.00 can be recovered"):
        record_recovery(
            award=award, by=staff_user, kind=RecoveryKind.CLAWBACK, amount=Decimal("10000.01"), reason="Broken"
        )
    record_recovery(award=award, by=staff_user, kind=RecoveryKind.CLAWBACK, amount=Decimal("10000.00"), reason="Broken")


@pytest.mark.parametrize("who", ["member_user", "applicant_admin", "assessor_user"])
def test_only_programme_staff_record_money_coming_back(request, award, who):
    mark_paid(award, "12500.00")
    with pytest.raises(FundingError, match="Only the staff who run the programme"):
        record_recovery(
            award=award,
            by=request.getfixturevalue(who),
            kind=RecoveryKind.UNDERSPEND,
            amount=Decimal("100"),
            reason="Unspent",
        )


def test_money_comes_back_only_from_an_accepted_or_closed_award(programme, organisation, staff_user):
    offered = award_in("offered", programme=programme, organisation=organisation, staff=staff_user)
    with pytest.raises(FundingError, match="accepted or closed"):
        record_recovery(award=offered, by=staff_user, kind="clawback", amount=Decimal("1"), reason="r")


def test_recording_money_received_once(award, staff_user, member_user):
    mark_paid(award, "12500.00")
    recovery = record_recovery(award=award, by=staff_user, kind="underspend", amount=Decimal("500"), reason="Unspent")
    with pytest.raises(FundingError, match="Only the staff"):
        mark_recovery_received(recovery=recovery, by=member_user)
    with pytest.raises(FundingError, match="cannot be in the future"):
        mark_recovery_received(recovery=recovery, by=staff_user, received_on=datetime.date.today().replace(year=2999))
    recovery = mark_recovery_received(recovery=recovery, by=staff_user, reason="Finance ref 123")
    assert recovery.received_on is not None
    assert recovery.history.latest().history_change_reason == "Finance ref 123"
    with pytest.raises(FundingError, match="already recorded as received"):
        mark_recovery_received(recovery=recovery, by=staff_user)


def test_the_services_module_exposes_may_request_variation(award, member_user, viewer_user):
    assert services.may_request_variation(member_user, award)
    assert not services.may_request_variation(viewer_user, award)
