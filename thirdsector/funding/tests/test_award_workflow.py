"""Awards from draft to close: the Compact's three-year default, who may take each step, the audit."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from hypothesis import given
from hypothesis import strategies as st

from thirdsector.accounts.roles import MembershipRole
from thirdsector.accounts.tests.factories import MembershipFactory, UserFactory
from thirdsector.core.workflow import TransitionRefused, available_steps

from ..errors import FundingError
from ..financial_years import financial_year_of
from ..models import Award, AwardStatus, ProgrammeBudget
from ..services.awards import (
    accept_award,
    add_months,
    approve_award,
    close_award,
    create_award,
    decline_offer,
    ends_on_for,
    offer_award,
    split_by_financial_year,
    withdraw_award,
)
from .award_helpers import approved_application, award_in, first_of_this_financial_year
from .factories import AwardFactory, MonitoringReturnFactory, PaymentFactory

pytestmark = pytest.mark.django_db


# Splitting an award over financial years


def test_a_three_year_award_from_1_april_splits_evenly_over_three_financial_years():
    years = split_by_financial_year(amount=Decimal("150000.00"), starts_on=datetime.date(2026, 4, 1), months=36)
    assert years == {2026: Decimal("50000.00"), 2027: Decimal("50000.00"), 2028: Decimal("50000.00")}


def test_an_award_starting_mid_year_is_split_by_the_months_in_each_year():
    years = split_by_financial_year(amount=Decimal("120000.00"), starts_on=datetime.date(2026, 1, 1), months=12)
    # January to March 2026 fall in 2025–26; April to December in 2026–27.
    assert years == {2025: Decimal("30000.00"), 2026: Decimal("90000.00")}


def test_a_split_that_does_not_divide_evenly_still_adds_up_to_the_penny():
    years = split_by_financial_year(amount=Decimal("100000.00"), starts_on=datetime.date(2026, 6, 15), months=36)
    assert sum(years.values()) == Decimal("100000.00")
    assert years[2026] == Decimal("27777.78")


@given(
    pennies=st.integers(min_value=1, max_value=10**12),
    starts_on=st.dates(min_value=datetime.date(2000, 1, 1), max_value=datetime.date(2090, 12, 31)),
    months=st.integers(min_value=1, max_value=120),
)
def test_every_split_adds_up_exactly_and_is_pro_rata_to_the_penny(pennies, starts_on, months):
    amount = Decimal(pennies) / 100
    years = split_by_financial_year(amount=amount, starts_on=starts_on, months=months)
    assert sum(years.values()) == amount
    assert all(share >= 0 and share == share.quantize(Decimal("0.01")) for share in years.values())
    last_day = ends_on_for(starts_on, months)
    assert min(years) == financial_year_of(starts_on)
    assert list(years) == list(range(min(years), max(years) + 1))
    for year, share in years.items():
        months_in_year = sum(1 for offset in range(months) if financial_year_of(add_months(starts_on, offset)) == year)
        assert abs(share - amount * months_in_year / months) <= Decimal("0.01")
    assert max(years) <= financial_year_of(last_day)


def test_a_grant_of_36_months_from_1_april_ends_on_31_march_three_years_later():
    assert ends_on_for(datetime.date(2026, 4, 1), 36) == datetime.date(2029, 3, 31)
    assert ends_on_for(datetime.date(2026, 1, 31), 1) == datetime.date(2026, 2, 27)


# Drafting an award


def test_an_award_defaults_to_the_programmes_three_years(programme, organisation, staff_user):
    application = approved_application(programme, organisation, amount_requested=Decimal("90000.00"))
    starts_on = first_of_this_financial_year()
    award = create_award(
        application=application,
        by=staff_user,
        amount=Decimal("90000.00"),
        starts_on=starts_on,
        payment_frequency=None,
        conditions="Quarterly reports.",
    )
    assert award.reference.startswith("SPG-")
    assert award.months == 36
    assert award.ends_on == datetime.date(starts_on.year + 3, 3, 31)
    assert not award.is_short
    assert award.status == AwardStatus.DRAFT
    assert award.payment_frequency == programme.payment_frequency
    assert award.organisation == organisation
    assert dict(award.years.values_list("financial_year", "amount")) == {
        starts_on.year + n: Decimal("30000.00") for n in range(3)
    }
    record = award.history.latest()
    assert record.history_user == staff_user
    assert application.reference in record.history_change_reason


def test_a_shorter_award_needs_a_reason(programme, organisation, staff_user):
    application = approved_application(programme, organisation)
    with pytest.raises(FundingError, match="shorter than the programme's 36 months"):
        create_award(
            application=application,
            by=staff_user,
            amount=Decimal("50000"),
            starts_on=first_of_this_financial_year(),
            months=12,
            payment_frequency="quarterly",
            conditions="Conditions.",
        )
    assert not Award.objects.exists()


def test_a_shorter_award_with_a_reason_is_flagged_as_short(programme, organisation, staff_user):
    award = create_award(
        application=approved_application(programme, organisation),
        by=staff_user,
        amount=Decimal("50000"),
        starts_on=first_of_this_financial_year(),
        months=12,
        payment_frequency="yearly",
        conditions="Conditions.",
        short_award_reason="The programme closes next year.",
    )
    assert award.is_short
    assert award.short_award_reason == "The programme closes next year."


def test_approval_is_refused_for_a_short_award_without_a_reason(programme, staff_user):
    award = AwardFactory(programme=programme, months=12, is_short=True, short_award_reason="")
    with pytest.raises(TransitionRefused, match="needs a recorded reason"):
        approve_award(award=award, by=staff_user, reason="Approved")
    assert ProgrammeBudget.objects.filter(programme=programme, committed__gt=0).count() == 0


def test_only_an_approved_application_becomes_an_award(programme, organisation, staff_user):
    application = approved_application(programme, organisation)
    application.status = "in_assessment"
    application.save()
    with pytest.raises(FundingError, match="Only an approved application"):
        create_award(
            application=application,
            by=staff_user,
            amount=Decimal("1000"),
            starts_on=first_of_this_financial_year(),
            conditions="c",
        )


def test_an_application_has_at_most_one_award(programme, organisation, staff_user):
    award = award_in("draft", programme=programme, organisation=organisation, staff=staff_user)
    with pytest.raises(FundingError, match="already has an award"):
        create_award(
            application=award.application,
            by=staff_user,
            amount=Decimal("1000"),
            starts_on=first_of_this_financial_year(),
            conditions="c",
        )


@pytest.mark.parametrize("who", ["applicant_admin", "member_user", "assessor_user"])
def test_only_the_staff_who_run_the_programme_draft_an_award(request, programme, organisation, who):
    with pytest.raises(FundingError, match="Only the staff who run the programme"):
        create_award(
            application=approved_application(programme, organisation),
            by=request.getfixturevalue(who),
            amount=Decimal("1000"),
            starts_on=first_of_this_financial_year(),
            conditions="c",
        )


def test_a_fund_administrator_of_the_administering_body_may_draft_an_award(programme, organisation):
    administrator = UserFactory(roles=["fund_administrator"])
    MembershipFactory(user=administrator, organisation=programme.administering_body)
    award = award_in("draft", programme=programme, organisation=organisation, staff=administrator)
    assert award.status == AwardStatus.DRAFT


# Who may take each step

PEOPLE = ("staff", "admin", "editor", "viewer", "other_admin", "assessor", "public")
ALLOWED = {
    "approve": {"staff"},
    "offer": {"staff"},
    "accept": {"admin"},
    "decline": {"admin"},
    "withdraw": {"staff"},
    "close": {"staff"},
}
FROM_STATE = {
    "approve": "draft",
    "offer": "approved",
    "accept": "offered",
    "decline": "offered",
    "withdraw": "offered",
    "close": "accepted",
}
SERVICES = {
    "approve": approve_award,
    "offer": offer_award,
    "accept": accept_award,
    "decline": decline_offer,
    "withdraw": withdraw_award,
    "close": close_award,
}
TARGET = {
    "approve": "approved",
    "offer": "offered",
    "accept": "accepted",
    "decline": "declined",
    "withdraw": "withdrawn",
    "close": "closed",
}


@pytest.fixture
def people(organisation, other_organisation, staff_user, applicant_admin, member_user, viewer_user, assessor_user):
    return {
        "staff": staff_user,
        "admin": applicant_admin,
        "editor": member_user,
        "viewer": viewer_user,
        "other_admin": MembershipFactory(organisation=other_organisation, role=MembershipRole.ADMINISTRATOR).user,
        "assessor": assessor_user,
        "public": AnonymousUser(),
    }


@pytest.mark.parametrize("step", list(ALLOWED))
@pytest.mark.parametrize("who", PEOPLE)
def test_each_step_is_taken_only_by_its_role(programme, organisation, people, step, who):
    state = FROM_STATE[step]
    if state == "accepted":  # nothing to pay or report yet, so the award may close
        award = AwardFactory(programme=programme, organisation=organisation, status="accepted")
    else:
        award = award_in(state, programme=programme, organisation=organisation, staff=people["staff"])
    person = people[who]
    if who in ALLOWED[step]:
        SERVICES[step](award=award, by=person, reason=f"{step} for the test")
        award.refresh_from_db()
        assert award.status == TARGET[step]
        record = award.history.latest()
        assert record.history_user == person
        assert record.history_change_reason == f"{step} for the test"
    else:
        with pytest.raises(TransitionRefused, match="only"):
            SERVICES[step](award=award, by=person, reason="Not mine to take")
        award.refresh_from_db()
        assert award.status == state


@pytest.mark.parametrize("step", ["approve", "offer", "accept", "close"])
def test_a_step_from_the_wrong_state_is_refused(programme, organisation, staff_user, applicant_admin, step):
    award = award_in("draft", programme=programme, organisation=organisation, staff=staff_user)
    if step == "approve":
        award = approve_award(award=award, by=staff_user, reason="First")
    person = applicant_admin if step == "accept" else staff_user
    with pytest.raises(TransitionRefused, match="not possible while this award is"):
        SERVICES[step](award=award, by=person, reason="Again")


def test_an_award_cannot_be_withdrawn_once_accepted(programme, organisation, staff_user, applicant_admin):
    award = award_in(
        "accepted", programme=programme, organisation=organisation, staff=staff_user, administrator=applicant_admin
    )
    with pytest.raises(TransitionRefused, match="not possible while this award is accepted"):
        withdraw_award(award=award, by=staff_user, reason="Changed our mind")


def test_offering_needs_conditions(programme, organisation, staff_user):
    award = award_in("approved", programme=programme, organisation=organisation, staff=staff_user, conditions="")
    with pytest.raises(TransitionRefused, match="Write the conditions"):
        offer_award(award=award, by=staff_user, reason="Offer")
    offer_award(award=award, by=staff_user, reason="Offer", conditions="Report every six months.")
    award.refresh_from_db()
    assert award.status == AwardStatus.OFFERED
    assert award.conditions == "Report every six months."


def test_the_offer_is_emailed_to_the_organisations_administrators(
    settings, programme, organisation, staff_user, applicant_admin, member_user
):
    award = award_in("offered", programme=programme, organisation=organisation, staff=staff_user)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [applicant_admin.email]
    assert award.reference in mail.outbox[0].subject
    assert "£150,000.00" in mail.outbox[0].body
    assert f"{settings.SITE_URL}{award.get_absolute_url()}" in mail.outbox[0].body


def test_the_offer_links_to_the_award_on_the_site_address(
    settings, programme, organisation, staff_user, applicant_admin
):
    settings.SITE_URL = "https://thirdsector.example"
    award = award_in("offered", programme=programme, organisation=organisation, staff=staff_user)
    link = next(line for line in mail.outbox[0].body.splitlines() if award.get_absolute_url() in line).split()[-1]
    assert link == f"https://thirdsector.example{award.get_absolute_url()}"


def test_accepting_publishes_the_award_and_schedules_payments_and_returns(
    programme, organisation, staff_user, applicant_admin
):
    award = award_in(
        "accepted", programme=programme, organisation=organisation, staff=staff_user, administrator=applicant_admin
    )
    assert award.accepted_by == applicant_admin
    assert award.published_on is not None
    try:
        from ..services.payments import schedule_payments  # noqa: F401
    except ImportError:
        return
    assert sum(payment.amount for payment in award.payments.all()) == award.amount
    assert award.returns.exists()


def test_accepting_calls_the_payment_and_return_schedules_with_the_award(
    monkeypatch, programme, organisation, staff_user, applicant_admin
):
    import importlib

    calls = []
    for module_name, name in (("payments", "schedule_payments"), ("monitoring", "schedule_returns")):
        try:
            module = importlib.import_module(f"thirdsector.funding.services.{module_name}")
        except ImportError:
            continue
        monkeypatch.setattr(module, name, lambda *, award, name=name: calls.append((name, award.pk)))
    award = award_in("offered", programme=programme, organisation=organisation, staff=staff_user)
    accept_award(award=award, by=applicant_admin, reason="Agreed")
    assert {name for name, _pk in calls} <= {"schedule_payments", "schedule_returns"}
    assert all(pk == award.pk for _name, pk in calls)


def test_closing_waits_for_every_payment_and_the_final_return(programme, organisation, staff_user):
    award = AwardFactory(programme=programme, organisation=organisation, status="accepted")
    payment = PaymentFactory(award=award, status="scheduled")
    monitoring_return = MonitoringReturnFactory(award=award, status="submitted")
    with pytest.raises(TransitionRefused, match="Every payment must be paid or cancelled"):
        close_award(award=award, by=staff_user, reason="Finished")
    payment.status = "paid"
    payment.save()
    monitoring_return.status = "accepted"
    monitoring_return.save()
    close_award(award=award, by=staff_user, reason="Finished")
    award.refresh_from_db()
    assert award.status == AwardStatus.CLOSED
    assert award.closed_at is not None


def test_available_steps_follow_role_and_state(programme, organisation, staff_user, applicant_admin, member_user):
    award = award_in("offered", programme=programme, organisation=organisation, staff=staff_user)
    assert {step.name for step in available_steps(award, staff_user)} == {"withdraw"}
    assert {step.name for step in available_steps(award, applicant_admin)} == {"accept", "decline"}
    assert available_steps(award, member_user) == []
