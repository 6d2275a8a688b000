"""Award pages: who sees the whole award, who sees the public summary, and the steps taken from them."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from thirdsector.accounts.roles import MembershipRole
from thirdsector.accounts.tests.factories import MembershipFactory
from thirdsector.conftest import ALL_ROLES, STAFF_ROLES, signed_in_client

from ..models import Award, AwardStatus, Recovery, Variation, VariationStatus
from .award_helpers import approved_application, award_in
from .factories import AwardFactory, MonitoringReturnFactory, PaymentFactory, RecoveryFactory, VariationFactory

pytestmark = pytest.mark.django_db

SEES_EVERYTHING = STAFF_ROLES | {"organisation_member"}


@pytest.fixture
def award(programme, organisation, staff_user):
    return award_in("draft", programme=programme, organisation=organisation, staff=staff_user)


@pytest.fixture
def other_admin_client(other_organisation):
    return signed_in_client(MembershipFactory(organisation=other_organisation, role=MembershipRole.ADMINISTRATOR).user)


def step(client, award, name, reason="For the test", **data):
    return client.post(reverse("funding:award-step", args=[award.reference]), {"step": name, "reason": reason, **data})


# The award page


@pytest.mark.parametrize("role", ALL_ROLES)
def test_an_unpublished_award_is_seen_only_by_programme_staff_and_the_organisation(clients_by_role, award, role):
    response = clients_by_role[role].get(award.get_absolute_url())
    if role in SEES_EVERYTHING:
        assert response.status_code == 200
        page = response.content.decode()
        assert "History of steps" in page
        assert "Amount in each financial year" in page
        assert award.conditions in page
    else:
        assert response.status_code == 404


@pytest.mark.parametrize("role", ALL_ROLES)
def test_a_published_award_shows_everyone_else_a_public_summary(clients_by_role, award, role):
    Award.objects.filter(pk=award.pk).update(published_on=timezone.localdate())
    response = clients_by_role[role].get(award.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert "Leeds Tenants Federation" in page
    assert "£150,000.00" in page
    assert page.count("<h1") == 1
    if role not in SEES_EVERYTHING:
        assert "History of steps" not in page
        assert award.conditions not in page


def test_an_award_published_in_the_future_is_not_yet_public(client, award):
    Award.objects.filter(pk=award.pk).update(published_on=timezone.localdate() + datetime.timedelta(days=1))
    assert client.get(award.get_absolute_url()).status_code == 404


def test_a_viewer_of_the_organisation_sees_the_award_but_no_steps(viewer_user, programme, organisation, staff_user):
    award = award_in("offered", programme=programme, organisation=organisation, staff=staff_user)
    page = signed_in_client(viewer_user).get(award.get_absolute_url()).content.decode()
    assert "History of steps" in page
    assert "What you can do" not in page


def test_the_award_page_shows_years_dates_short_flag_and_reason(staff_client, programme, organisation, staff_user):
    award = award_in(
        "draft",
        programme=programme,
        organisation=organisation,
        staff=staff_user,
        months=12,
        amount="24000.00",
        short_award_reason="A one-year pilot",
    )
    page = staff_client.get(award.get_absolute_url()).content.decode()
    assert page.count("<h1") == 1
    assert "Short award" in page
    assert "A one-year pilot" in page
    assert "12 months" in page
    assert award.starts_on.strftime("%-d %B %Y") in page
    assert f"£{Decimal('24000.00'):,.2f}" in page
    assert "Quarterly in advance" in page


def test_the_staff_see_the_steps_they_may_take(staff_client, award):
    page = staff_client.get(award.get_absolute_url()).content.decode()
    assert 'value="approve"' in page
    assert 'value="withdraw"' in page
    assert 'value="accept"' not in page


def test_the_accepted_award_page_has_one_heading_and_its_payments_and_returns(staff_client, accepted):
    page = staff_client.get(accepted.get_absolute_url()).content.decode()
    assert page.count("<h1") == 1
    assert "Payments" in page


def test_the_award_page_does_not_grow_queries_with_variations_and_recoveries(
    staff_client, programme, organisation, django_assert_num_queries
):
    award = AwardFactory(programme=programme, organisation=organisation, status="accepted")
    VariationFactory(award=award)
    RecoveryFactory(award=award)
    PaymentFactory(award=award)
    MonitoringReturnFactory(award=award)
    with CaptureQueriesContext(connection) as few:
        assert staff_client.get(award.get_absolute_url()).status_code == 200
    for _ in range(5):
        VariationFactory(award=award)
        RecoveryFactory(award=award)
        PaymentFactory(award=award)
        MonitoringReturnFactory(award=award)
    with django_assert_num_queries(len(few.captured_queries)):
        assert staff_client.get(award.get_absolute_url()).status_code == 200


# Steps from the page


def test_staff_approve_from_the_page_and_the_budget_is_committed(staff_client, award, programme):
    response = step(staff_client, award, "approve", "Panel approved on 3 March")
    assert response.status_code == 302
    award.refresh_from_db()
    assert award.status == AwardStatus.APPROVED
    assert award.history.latest().history_change_reason == "Panel approved on 3 March"
    assert sum(budget.committed for budget in programme.budgets.all()) == award.amount


@pytest.mark.parametrize("name", ["approve", "offer", "withdraw", "close"])
def test_members_of_the_organisation_may_not_take_staff_steps(member_client, award, name):
    assert step(member_client, award, name).status_code == 403


def test_people_who_cannot_see_the_award_get_404_for_its_steps(other_admin_client, assessor_user, award):
    assert step(other_admin_client, award, "approve").status_code == 404
    assert step(signed_in_client(assessor_user), award, "approve").status_code == 404


def test_the_public_is_asked_to_sign_in_for_a_step(client, award):
    response = step(client, award, "approve")
    assert response.status_code == 302
    assert "/sign-in" in response.url or "login" in response.url


def test_a_step_needs_a_reason(staff_client, award):
    response = step(staff_client, award, "approve", reason="")
    assert response.status_code == 200
    assert "Enter the reason" in response.content.decode()
    award.refresh_from_db()
    assert award.status == AwardStatus.DRAFT


def test_a_refused_step_is_shown_in_the_error_summary(staff_client, award):
    response = step(staff_client, award, "offer")
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert "not possible while this award is draft" in page


def test_over_budget_approval_is_shown_in_the_error_summary(staff_client, award, programme):
    programme.budgets.filter(financial_year=award.starts_on.year).update(amount=Decimal("1000.00"))
    response = step(staff_client, award, "approve")
    assert response.status_code == 200
    assert "£1,000.00 left to commit" in response.content.decode()


def test_the_offer_page_asks_for_the_conditions(staff_client, programme, organisation, staff_user):
    award = award_in("approved", programme=programme, organisation=organisation, staff=staff_user)
    response = staff_client.get(reverse("funding:award-step", args=[award.reference]) + "?step=offer")
    assert response.status_code == 200
    assert award.conditions in response.content.decode()
    step(staff_client, award, "offer", conditions="Report every quarter.")
    award.refresh_from_db()
    assert award.status == AwardStatus.OFFERED
    assert award.conditions == "Report every quarter."


def test_the_organisations_administrator_accepts_and_an_editor_may_not(
    programme, organisation, staff_user, applicant_admin_client, member_client
):
    award = award_in("offered", programme=programme, organisation=organisation, staff=staff_user)
    assert step(member_client, award, "accept").status_code == 403
    assert step(applicant_admin_client, award, "accept", "Trustees agreed").status_code == 302
    award.refresh_from_db()
    assert award.status == AwardStatus.ACCEPTED


def test_the_organisations_administrator_may_decline(programme, organisation, staff_user, applicant_admin_client):
    award = award_in("offered", programme=programme, organisation=organisation, staff=staff_user)
    assert step(applicant_admin_client, award, "decline", "Other funding").status_code == 302
    award.refresh_from_db()
    assert award.status == AwardStatus.DECLINED


def test_an_unknown_step_is_not_found(staff_client, award):
    assert step(staff_client, award, "pay_everything").status_code == 404


# Drafting an award


def create_url(application):
    return reverse("funding:award-create", args=[application.reference])


@pytest.fixture
def application(programme, organisation):
    return approved_application(
        programme,
        organisation,
        amount_requested=Decimal("123456.00"),
        starts_on=datetime.date(2027, 4, 1),
    )


def test_the_create_page_is_prefilled_from_the_application_and_programme(staff_client, application):
    response = staff_client.get(create_url(application))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'value="123456.00"' in page
    assert 'value="2027-04-01"' in page
    assert 'value="36"' in page
    assert "three years" in page
    assert "at least 3 months before its funding ends" in page


@pytest.mark.parametrize("role", ALL_ROLES)
def test_only_staff_who_run_the_programme_open_the_create_page(clients_by_role, application, role):
    response = clients_by_role[role].get(create_url(application))
    if role == "public":
        assert response.status_code == 302
    elif role in STAFF_ROLES:
        assert response.status_code == 200
    elif role == "organisation_member":
        assert response.status_code == 403
    else:
        assert response.status_code == 404


def test_creating_an_award_from_the_page(staff_client, application):
    response = staff_client.post(
        create_url(application),
        {
            "amount": "123456.00",
            "starts_on": "2027-04-01",
            "months": "36",
            "payment_frequency": "quarterly",
            "conditions": "Report every six months.",
        },
    )
    award = Award.objects.get(application=application)
    assert response.status_code == 302
    assert response.url == award.get_absolute_url()
    assert award.ends_on == datetime.date(2030, 3, 31)
    assert sum(year.amount for year in award.years.all()) == Decimal("123456.00")


def test_a_short_award_without_a_reason_is_an_error_on_the_page(staff_client, application):
    response = staff_client.post(
        create_url(application),
        {"amount": "1000", "starts_on": "2027-04-01", "months": "12", "payment_frequency": "yearly", "conditions": "c"},
    )
    assert response.status_code == 200
    assert "Enter the reason for a grant shorter than the programme&#x27;s 36 months" in response.content.decode()
    assert not Award.objects.exists()


def test_an_application_not_yet_approved_is_an_error_on_the_page(staff_client, application):
    application.status = "in_assessment"
    application.save()
    response = staff_client.post(
        create_url(application),
        {"amount": "1000", "starts_on": "2027-04-01", "months": "36", "payment_frequency": "yearly", "conditions": "c"},
    )
    assert response.status_code == 200
    assert "Only an approved application can become an award" in response.content.decode()


def test_the_create_page_of_an_application_with_an_award_goes_to_the_award(staff_client, award):
    response = staff_client.get(create_url(award.application))
    assert response.status_code == 302
    assert response.url == award.get_absolute_url()


# Variations and recoveries


@pytest.fixture
def accepted(programme, organisation, staff_user, applicant_admin):
    return award_in(
        "accepted", programme=programme, organisation=organisation, staff=staff_user, administrator=applicant_admin
    )


def test_an_editor_asks_for_a_variation(member_client, accepted):
    url = reverse("funding:variation-request", args=[accepted.reference])
    assert member_client.get(url).status_code == 200
    response = member_client.post(url, {"new_amount": "160000", "new_ends_on": "", "reason": "Costs rose"})
    assert response.status_code == 302
    assert accepted.variations.get().new_amount == Decimal("160000.00")


def test_a_variation_request_must_change_something(member_client, accepted):
    url = reverse("funding:variation-request", args=[accepted.reference])
    response = member_client.post(url, {"new_amount": "", "new_ends_on": "", "reason": "Costs rose"})
    assert response.status_code == 200
    assert "Enter a new amount, a new end date, or both" in response.content.decode()


def test_who_may_ask_for_a_variation(viewer_user, other_admin_client, client, accepted):
    url = reverse("funding:variation-request", args=[accepted.reference])
    assert signed_in_client(viewer_user).get(url).status_code == 403
    assert other_admin_client.get(url).status_code == 404
    assert client.get(url).status_code == 302


def test_staff_approve_a_variation_from_its_page(staff_client, member_client, accepted, member_user):
    variation = VariationFactory(award=accepted, new_ends_on=None, new_amount=Decimal("165000.00"))
    url = reverse("funding:variation-decision", args=[accepted.reference, variation.pk])
    assert member_client.get(url).status_code == 403
    assert staff_client.get(url).status_code == 200
    response = staff_client.post(url, {"decision": "approve", "reason": "Agreed"})
    assert response.status_code == 302
    variation.refresh_from_db()
    accepted.refresh_from_db()
    assert variation.status == VariationStatus.APPROVED
    assert accepted.amount == Decimal("165000.00")


def test_refusing_a_variation_from_its_page(staff_client, accepted):
    variation = VariationFactory(award=accepted)
    url = reverse("funding:variation-decision", args=[accepted.reference, variation.pk])
    response = staff_client.post(url, {"decision": "refuse", "reason": "Not this year"})
    assert response.status_code == 302
    assert Variation.objects.get(pk=variation.pk).status == VariationStatus.REFUSED


def test_a_variation_of_another_award_is_not_found(staff_client, accepted, programme):
    elsewhere = VariationFactory(award=AwardFactory(programme=programme, status="accepted"))
    url = reverse("funding:variation-decision", args=[accepted.reference, elsewhere.pk])
    assert staff_client.get(url).status_code == 404


def test_staff_record_a_clawback_and_its_receipt(staff_client, member_client, accepted):
    payment = accepted.payments.order_by("number").first()
    payment.status = "paid"
    payment.save()
    url = reverse("funding:recovery-create", args=[accepted.reference])
    assert member_client.get(url).status_code == 403
    response = staff_client.post(url, {"kind": "clawback", "amount": "1000.00", "reason": "Condition 3 broken"})
    assert response.status_code == 302
    recovery = Recovery.objects.get(award=accepted)
    received = reverse("funding:recovery-received", args=[accepted.reference, recovery.pk])
    assert member_client.get(received).status_code == 403
    response = staff_client.post(received, {"received_on": timezone.localdate().isoformat(), "reason": "Ref 42"})
    assert response.status_code == 302
    recovery.refresh_from_db()
    assert recovery.received_on == timezone.localdate()


def test_a_recovery_over_what_was_paid_is_an_error_on_the_page(staff_client, accepted):
    url = reverse("funding:recovery-create", args=[accepted.reference])
    response = staff_client.post(url, {"kind": "underspend", "amount": "1.00", "reason": "Unspent"})
    assert response.status_code == 200
    assert "no more than £0.00 can be recovered" in response.content.decode()
