"""The applicant portal: a person's own organisations' applications, grants, returns and payments."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from thirdsector.accounts.roles import MembershipRole
from thirdsector.accounts.tests.factories import MembershipFactory, UserFactory
from thirdsector.conftest import ALL_ROLES, signed_in_client

from .factories import (
    ApplicationFactory,
    AwardFactory,
    MonitoringReturnFactory,
    PaymentFactory,
    RoundFactory,
    StrategicPartnerFactory,
)

pytestmark = pytest.mark.django_db

# Fixed whatever the number of rows: the session, the user and their roles (navigation), the person's
# organisations, then one query per section (its first rows and whether there are more), and the
# strategic partner records with the organisations the person edits.
PORTAL_QUERIES = 11
# The same, then the section's rows and the paginator's count.
SECTION_QUERIES = 7


def body_rows(html: str) -> int:
    return html.count('<tr class="govuk-table__row">') - 1


def funding_for(organisation, programme, count: int, *, prefix: str) -> None:
    """`count` applications, grants, returns due and payments for `organisation`."""
    for number in range(count):
        round_ = RoundFactory(programme=programme)
        ApplicationFactory(round=round_, organisation=organisation, project_title=f"{prefix} work {number}")
        award = AwardFactory(
            programme=programme, organisation=organisation, status="accepted", reference=f"{prefix}-AWD-{number}"
        )
        MonitoringReturnFactory(award=award)
        PaymentFactory(award=award, number=1)


@pytest.fixture
def portal_url():
    return reverse("funding:portal")


@pytest.mark.parametrize("role", ALL_ROLES)
def test_everyone_signed_in_has_a_portal_and_the_public_signs_in(clients_by_role, portal_url, role):
    response = clients_by_role[role].get(portal_url)
    assert response.status_code == (302 if role == "public" else 200)


def test_the_portal_shows_only_the_persons_own_organisations(
    member_client, organisation, other_organisation, programme, portal_url
):
    funding_for(organisation, programme, 1, prefix="OURS")
    funding_for(other_organisation, programme, 1, prefix="THEIRS")

    html = member_client.get(portal_url).content.decode()

    assert "OURS work 0" in html
    assert "OURS-AWD-0" in html
    assert "THEIRS" not in html
    assert other_organisation.name not in html


def test_someone_in_no_organisation_is_told_so(staff_client, organisation, programme, portal_url):
    funding_for(organisation, programme, 1, prefix="OURS")
    html = staff_client.get(portal_url).content.decode()
    assert "You are not a member of any organisation" in html
    assert "OURS" not in html


def test_a_viewer_sees_their_organisations_funding(viewer_user, organisation, programme, portal_url):
    funding_for(organisation, programme, 1, prefix="OURS")
    html = signed_in_client(viewer_user).get(portal_url).content.decode()
    assert "OURS work 0" in html


def test_members_of_two_organisations_see_both_named(member_user, member_client, programme, portal_url):
    second = MembershipFactory(user=member_user, role=MembershipRole.VIEWER).organisation
    funding_for(second, programme, 1, prefix="SECOND")
    html = member_client.get(portal_url).content.decode()
    assert "SECOND work 0" in html
    assert second.name in html


def test_drafts_have_a_link_to_continue_and_submitted_ones_show_their_status(
    member_client, organisation, open_round, portal_url
):
    draft = ApplicationFactory(round=open_round, organisation=organisation)
    submitted = ApplicationFactory(
        round=RoundFactory(programme=open_round.programme),
        organisation=organisation,
        status="submitted",
        submitted_at=timezone.now(),
    )
    html = member_client.get(portal_url).content.decode()
    assert reverse("funding:application-tasks", args=[draft.reference]) in html
    assert reverse("funding:application-tasks", args=[submitted.reference]) not in html
    assert "Submitted" in html


def test_an_overdue_return_is_flagged(member_client, organisation, programme, portal_url):
    award = AwardFactory(programme=programme, organisation=organisation, status="accepted")
    MonitoringReturnFactory(award=award, due_on=timezone.localdate() - datetime.timedelta(days=3))
    html = member_client.get(portal_url).content.decode()
    assert "Overdue" in html


def test_accepted_returns_are_not_listed_as_due(member_client, organisation, programme, portal_url):
    award = AwardFactory(programme=programme, organisation=organisation, status="accepted")
    MonitoringReturnFactory(award=award, status="accepted")
    html = member_client.get(portal_url).content.decode()
    assert "No returns due" in html


def test_payments_show_dates_and_amounts(member_client, organisation, programme, portal_url):
    award = AwardFactory(programme=programme, organisation=organisation, status="accepted")
    PaymentFactory(award=award, number=1, status="paid", paid_on=datetime.date(2026, 4, 3))
    PaymentFactory(award=award, number=2, status="cancelled")
    html = member_client.get(portal_url).content.decode()
    assert "3 April 2026" in html
    assert "£12,500.00" in html
    assert html.count("£12,500.00") == 1


def test_each_section_is_capped_with_a_link_to_view_all(settings, member_client, organisation, programme, portal_url):
    settings.FUNDING_PORTAL_SECTION_SIZE = 2
    funding_for(organisation, programme, 3, prefix="OURS")
    html = member_client.get(portal_url).content.decode()
    assert html.count("OURS work") == 2
    for section in ("applications", "grants", "returns", "payments"):
        assert reverse("funding:portal-section", args=[section]) in html


@pytest.mark.parametrize("section", ["applications", "grants", "returns", "payments"])
def test_a_section_lists_all_of_the_persons_rows(member_client, organisation, other_organisation, programme, section):
    funding_for(organisation, programme, 3, prefix="OURS")
    funding_for(other_organisation, programme, 1, prefix="THEIRS")
    html = member_client.get(reverse("funding:portal-section", args=[section])).content.decode()
    assert body_rows(html) == 3
    assert "THEIRS" not in html


def test_an_unknown_section_is_not_found(member_client):
    assert member_client.get(reverse("funding:portal-section", args=["secrets"])).status_code == 404


@pytest.mark.parametrize("rows", [1, 4, 12])
def test_the_portal_query_count_does_not_grow_with_rows(
    django_assert_num_queries, member_client, organisation, programme, portal_url, rows
):
    funding_for(organisation, programme, rows, prefix="OURS")
    member_client.get(portal_url)  # warm the session
    with django_assert_num_queries(PORTAL_QUERIES):
        response = member_client.get(portal_url)
    assert response.status_code == 200


@pytest.mark.parametrize("rows", [1, 30])
@pytest.mark.parametrize("section", ["applications", "grants", "returns", "payments"])
def test_a_section_page_query_count_does_not_grow_with_rows(
    django_assert_num_queries, member_client, organisation, programme, section, rows
):
    funding_for(organisation, programme, rows, prefix="OURS")
    page = reverse("funding:portal-section", args=[section])
    member_client.get(page)
    with django_assert_num_queries(SECTION_QUERIES):
        member_client.get(page)


def test_a_section_is_paginated(member_client, organisation, programme):
    funding_for(organisation, programme, 30, prefix="OURS")
    page = reverse("funding:portal-section", args=["grants"])
    first = member_client.get(page).content.decode()
    second = member_client.get(page, {"page": 2}).content.decode()
    assert body_rows(first) == 25
    assert body_rows(second) == 5
    assert "govuk-pagination" in first


def test_a_person_in_an_organisation_sees_nobody_elses(organisation, programme, portal_url):
    stranger = UserFactory()
    funding_for(organisation, programme, 1, prefix="OURS")
    html = signed_in_client(stranger).get(portal_url).content.decode()
    assert "OURS" not in html


def test_an_editor_is_offered_to_register_interest_in_strategic_partner_status(member_client, organisation, portal_url):
    html = member_client.get(portal_url).content.decode()
    assert reverse("funding:partner-register", args=[organisation.pk]) in html
    assert "Not registered" in html


def test_a_viewer_sees_the_status_but_is_not_offered_to_register(viewer_user, organisation, portal_url):
    html = signed_in_client(viewer_user).get(portal_url).content.decode()
    assert reverse("funding:partner-register", args=[organisation.pk]) not in html


def test_an_organisation_with_status_links_to_its_record(member_client, member_user, organisation, portal_url):
    record = StrategicPartnerFactory(
        organisation=organisation,
        status="granted",
        granted_from=datetime.date(2026, 1, 1),
        review_on=datetime.date(2029, 1, 1),
    )
    html = member_client.get(portal_url).content.decode()
    assert record.get_absolute_url() in html
    assert "review by 1 January 2029" in html
    assert reverse("funding:partner-register", args=[organisation.pk]) not in html


def test_payments_still_to_come_are_listed_soonest_first_before_those_paid(member_client, organisation, programme):
    award = AwardFactory(programme=programme, organisation=organisation, status="accepted")
    today = timezone.localdate()
    PaymentFactory(award=award, number=1, status="paid", due_on=today - datetime.timedelta(days=90))
    PaymentFactory(award=award, number=3, due_on=today + datetime.timedelta(days=90))
    PaymentFactory(award=award, number=2, status="held", due_on=today)
    rows = member_client.get(reverse("funding:portal-section", args=["payments"])).context["rows"]
    assert [payment.number for payment in rows] == [2, 3, 1]
