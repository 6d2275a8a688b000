"""Strategic partner status pages: who sees each page, each step through HTTP, the staff list."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from thirdsector.accounts.roles import MembershipRole
from thirdsector.accounts.tests.factories import MembershipFactory
from thirdsector.conftest import ALL_ROLES, STAFF_ROLES, signed_in_client
from thirdsector.funding.models import StrategicPartner
from thirdsector.funding.services.partners import default_review_on
from thirdsector.register.models import PolicyArea
from thirdsector.register.tests.factories import OrganisationFactory

from .factories import StrategicPartnerFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


@pytest.fixture
def partner(organisation):
    return StrategicPartnerFactory(organisation=organisation)


@pytest.fixture
def partner_under_review(organisation):
    return StrategicPartnerFactory(organisation=organisation, status="under_review")


@pytest.fixture
def granted_partner(organisation):
    return StrategicPartnerFactory(
        organisation=organisation, status="granted", granted_from=TODAY - 30 * DAY, review_on=TODAY + 1000 * DAY
    )


def step_url(partner, step):
    return reverse("funding:partner-step", args=[partner.pk, step])


def register_data(**changes):
    data = {
        "policy_areas": [str(pk) for pk in PolicyArea.objects.values_list("pk", flat=True)[:2]],
        "reach_into_small_groups": "Four hundred member groups.",
        "reach_into_bme_groups": "A BME-led board.",
        "capacity": "A policy team of four.",
        "evidence": "Annual report 2025.",
    }
    data.update(changes)
    return data


def grant_data(**changes):
    data = {
        "granted_from": TODAY.isoformat(),
        "review_on": default_review_on(TODAY).isoformat(),
        "reason": "Meets all four criteria",
    }
    data.update(changes)
    return data


# The published criteria


@pytest.mark.parametrize("role", ALL_ROLES)
def test_everyone_can_read_the_criteria(clients_by_role, role):
    response = clients_by_role[role].get(reverse("funding:partner-criteria"))
    assert response.status_code == 200
    html = response.content.decode()
    for criterion in ("Reach", "Representativeness", "Capacity", "Fit with the department"):
        assert criterion in html
    assert "3 years" in html


# Registering interest


@pytest.mark.parametrize("role", ALL_ROLES)
def test_only_the_organisations_editors_may_register_its_interest(clients_by_role, organisation, role):
    response = clients_by_role[role].get(reverse("funding:partner-register", args=[organisation.pk]))
    if role == "public":
        assert response.status_code == 302
        assert "/sign-in" in response.url or "login" in response.url
    elif role == "organisation_member":
        assert response.status_code == 200
    else:
        assert response.status_code == 403


def test_a_viewer_of_the_organisation_may_not_register_interest(viewer_user, organisation):
    response = signed_in_client(viewer_user).post(
        reverse("funding:partner-register", args=[organisation.pk]), register_data()
    )
    assert response.status_code == 403
    assert not StrategicPartner.objects.exists()


def test_registering_for_an_organisation_that_does_not_exist_is_not_found(member_client):
    assert member_client.get(reverse("funding:partner-register", args=[999999])).status_code == 404


def test_an_editor_registers_interest_and_sees_the_record(member_client, member_user, organisation):
    response = member_client.post(reverse("funding:partner-register", args=[organisation.pk]), register_data())
    partner = StrategicPartner.objects.get(organisation=organisation)
    assert response.status_code == 302
    assert response.url == partner.get_absolute_url()
    assert partner.registered_by == member_user
    assert partner.policy_areas.count() == 2
    assert partner.history.earliest().history_user == member_user

    page = member_client.get(partner.get_absolute_url()).content.decode()
    assert "Interest registered" in page
    assert "Four hundred member groups." in page


def test_missing_answers_are_shown_in_the_error_summary(member_client, organisation):
    response = member_client.post(
        reverse("funding:partner-register", args=[organisation.pk]), register_data(policy_areas=[], capacity="")
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "Choose at least one policy area" in html
    assert "Enter the capacity you have" in html
    assert not StrategicPartner.objects.exists()


def test_an_organisation_with_a_live_record_is_sent_to_it(member_client, organisation, partner):
    response = member_client.get(reverse("funding:partner-register", args=[organisation.pk]))
    assert response.status_code == 302
    assert response.url == partner.get_absolute_url()
    member_client.post(reverse("funding:partner-register", args=[organisation.pk]), register_data())
    assert StrategicPartner.objects.filter(organisation=organisation).count() == 1


# The record's page


@pytest.mark.parametrize("role", ALL_ROLES)
def test_only_the_organisations_members_and_staff_see_its_record(clients_by_role, partner, role):
    response = clients_by_role[role].get(partner.get_absolute_url())
    if role == "public":
        assert response.status_code == 302
    elif role in STAFF_ROLES or role == "organisation_member":
        assert response.status_code == 200
        assert partner.organisation.name in response.content.decode()
    else:
        assert response.status_code == 404


def test_a_viewer_of_the_organisation_sees_its_record_but_no_steps(viewer_user, partner):
    response = signed_in_client(viewer_user).get(partner.get_absolute_url())
    assert response.status_code == 200
    assert step_url(partner, "withdraw_interest") not in response.content.decode()


def test_a_member_never_sees_another_organisations_record(member_client, other_organisation):
    elsewhere = StrategicPartnerFactory(organisation=other_organisation, reach_into_small_groups="Secret network")
    for url in (elsewhere.get_absolute_url(), step_url(elsewhere, "withdraw_interest")):
        response = member_client.get(url)
        assert response.status_code == 404
        assert b"Secret network" not in response.content
    assert member_client.get(reverse("funding:partners")).status_code == 403


def test_a_record_that_does_not_exist_is_not_found(staff_client):
    assert staff_client.get(reverse("funding:partner", args=[999999])).status_code == 404


def test_the_page_offers_each_person_the_steps_they_may_take(staff_client, member_client, partner):
    staff_page = staff_client.get(partner.get_absolute_url()).content.decode()
    assert step_url(partner, "start_review") in staff_page
    assert step_url(partner, "withdraw_interest") not in staff_page
    member_page = member_client.get(partner.get_absolute_url()).content.decode()
    assert step_url(partner, "withdraw_interest") in member_page
    assert step_url(partner, "start_review") not in member_page


def test_staff_are_offered_grant_and_decline_once_the_review_starts(staff_client, other_organisation):
    reviewing = StrategicPartnerFactory(organisation=other_organisation, status="under_review")
    page = staff_client.get(reviewing.get_absolute_url()).content.decode()
    assert step_url(reviewing, "grant") in page
    assert step_url(reviewing, "decline") in page


def test_the_decision_reasons_and_history_show_to_the_organisation(
    staff_client, member_client, partner_under_review, staff_user
):
    staff_client.post(step_url(partner_under_review, "decline"), {"reasons": "No evidence of reach into BME groups."})
    page = member_client.get(partner_under_review.get_absolute_url()).content.decode()
    assert "Declined" in page
    assert "No evidence of reach into BME groups." in page
    assert "History of steps" in page
    assert "The department" in page
    assert staff_user.full_name not in page  # staff are named only to staff
    assert staff_user.full_name in staff_client.get(partner_under_review.get_absolute_url()).content.decode()


def test_granted_status_shows_its_review_date(member_client, granted_partner):
    page = member_client.get(granted_partner.get_absolute_url()).content.decode()
    assert granted_partner.review_on.strftime("%B %Y") in page
    assert "Granted" in page


# Each step through HTTP, with the people allowed and refused

STAFF_STEPS = [
    ("start_review", "registered", {"reason": "Registration complete"}, "under_review"),
    ("grant", "under_review", grant_data(), "granted"),
    ("decline", "under_review", {"reasons": "Little evidence of reach."}, "declined"),
    ("withdraw_status", "granted", {"reason": "Network closed"}, "withdrawn"),
]


def make_partner(organisation, status):
    if status == "granted":
        return StrategicPartnerFactory(
            organisation=organisation, status=status, granted_from=TODAY - DAY, review_on=TODAY + 1000 * DAY
        )
    return StrategicPartnerFactory(organisation=organisation, status=status)


@pytest.mark.parametrize(("step", "source", "data", "target"), STAFF_STEPS)
@pytest.mark.parametrize("role", ["department_staff", "platform_admin"])
def test_staff_take_the_departments_steps_with_an_audit_record(
    clients_by_role, organisation, step, source, data, target, role
):
    record = make_partner(organisation, source)
    client = clients_by_role[role]
    assert client.get(step_url(record, step)).status_code == 200

    response = client.post(step_url(record, step), data)

    assert response.status_code == 302
    record.refresh_from_db()
    assert record.status == target
    latest = record.history.latest()
    assert latest.history_user is not None
    assert latest.history_user.has_role(role)
    assert latest.history_change_reason == data.get(
        "reason", "Interest declined with reasons given to the organisation"
    )


@pytest.mark.parametrize(("step", "source", "data", "target"), STAFF_STEPS)
@pytest.mark.parametrize("role", sorted(set(ALL_ROLES) - STAFF_ROLES))
def test_nobody_else_takes_the_departments_steps(clients_by_role, organisation, step, source, data, target, role):
    record = make_partner(organisation, source)
    response = clients_by_role[role].post(step_url(record, step), data)
    expected = {"public": 302, "organisation_member": 403}.get(role, 404)
    assert response.status_code == expected
    record.refresh_from_db()
    assert record.status == source


@pytest.mark.parametrize("source", ["registered", "under_review"])
def test_an_editor_withdraws_the_organisations_interest(member_client, member_user, organisation, source):
    record = make_partner(organisation, source)
    response = member_client.post(step_url(record, "withdraw_interest"), {"reason": "We will apply next year"})
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.status == "withdrawn"
    latest = record.history.latest()
    assert (latest.history_user, latest.history_change_reason) == (member_user, "We will apply next year")


@pytest.mark.parametrize("role", sorted(set(ALL_ROLES) - {"organisation_member"}))
def test_nobody_else_withdraws_the_organisations_interest(clients_by_role, partner, role):
    response = clients_by_role[role].post(step_url(partner, "withdraw_interest"), {"reason": "Not ours to withdraw"})
    expected = 302 if role == "public" else 403 if role in STAFF_ROLES else 404
    assert response.status_code == expected
    partner.refresh_from_db()
    assert partner.status == "registered"


def test_a_viewer_cannot_withdraw_interest(viewer_user, partner):
    response = signed_in_client(viewer_user).post(step_url(partner, "withdraw_interest"), {"reason": "No"})
    assert response.status_code == 403
    partner.refresh_from_db()
    assert partner.status == "registered"


def test_nobody_lapses_status_through_a_page(staff_client, granted_partner):
    assert staff_client.post(step_url(granted_partner, "lapse"), {"reason": "By hand"}).status_code == 404
    granted_partner.refresh_from_db()
    assert granted_partner.status == "granted"


def test_a_step_the_state_does_not_allow_is_refused_in_the_error_summary(staff_client, partner):
    response = staff_client.post(step_url(partner, "grant"), grant_data())
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "not possible while this strategic partner registration is interest registered" in html
    partner.refresh_from_db()
    assert partner.status == "registered"


def test_a_step_page_says_when_the_step_is_not_possible_now(staff_client, granted_partner):
    response = staff_client.get(step_url(granted_partner, "start_review"))
    assert response.status_code == 200
    assert "not possible while" in response.content.decode()


def test_the_review_date_must_come_after_the_start(staff_client, partner_under_review):
    response = staff_client.post(step_url(partner_under_review, "grant"), grant_data(review_on=TODAY.isoformat()))
    assert "The review date must be after the date status starts" in response.content.decode()
    partner_under_review.refresh_from_db()
    assert partner_under_review.status == "under_review"


def test_the_grant_form_defaults_to_today_and_the_set_period(staff_client, partner_under_review):
    html = staff_client.get(step_url(partner_under_review, "grant")).content.decode()
    assert f'value="{TODAY.isoformat()}"' in html
    assert f'value="{default_review_on(TODAY).isoformat()}"' in html
    assert "The usual period is 3 years" in html


def test_declining_needs_reasons(staff_client, partner_under_review):
    response = staff_client.post(step_url(partner_under_review, "decline"), {"reasons": ""})
    assert "Enter the reasons for declining" in response.content.decode()
    partner_under_review.refresh_from_db()
    assert partner_under_review.status == "under_review"


def test_a_step_needs_a_reason(staff_client, partner):
    response = staff_client.post(step_url(partner, "start_review"), {"reason": ""})
    assert "Enter the reason" in response.content.decode()
    partner.refresh_from_db()
    assert partner.status == "registered"


# The staff list


@pytest.mark.parametrize("role", ALL_ROLES)
def test_only_staff_see_the_list_of_registrations(clients_by_role, partner, role):
    response = clients_by_role[role].get(reverse("funding:partners"))
    if role == "public":
        assert response.status_code == 302
    elif role in STAFF_ROLES:
        assert response.status_code == 200
        assert partner.organisation.name in response.content.decode()
    else:
        assert response.status_code == 403


def test_the_list_filters_by_status(staff_client, partner, other_organisation):
    StrategicPartnerFactory(organisation=other_organisation, status="declined")
    html = staff_client.get(reverse("funding:partners"), {"status": "declined"}).content.decode()
    assert other_organisation.name in html
    assert partner.organisation.name not in html


def test_an_unknown_status_is_shown_in_the_error_summary(staff_client, partner):
    response = staff_client.get(reverse("funding:partners"), {"status": "nonsense"})
    assert response.status_code == 200
    assert "Choose a status from the list" in response.content.decode()


def test_current_partners_show_review_dates_and_those_due_soon_are_flagged(staff_client):
    soon = StrategicPartnerFactory(
        organisation=OrganisationFactory(name="Due Soon Trust"),
        status="granted",
        granted_from=TODAY - 1000 * DAY,
        review_on=TODAY + 59 * DAY,
    )
    later = StrategicPartnerFactory(
        organisation=OrganisationFactory(name="Later Trust"),
        status="granted",
        granted_from=TODAY - DAY,
        review_on=TODAY + 61 * DAY,
    )
    past = StrategicPartnerFactory(
        organisation=OrganisationFactory(name="Past Trust"),
        status="granted",
        granted_from=TODAY - 1000 * DAY,
        review_on=TODAY - DAY,
    )
    html = staff_client.get(reverse("funding:partners"), {"status": "granted"}).content.decode()
    rows = {
        name: html.split(name, 1)[1].split("</tr>", 1)[0] for name in ("Due Soon Trust", "Later Trust", "Past Trust")
    }
    assert "Review due soon" in rows["Due Soon Trust"]
    assert "Review due soon" not in rows["Later Trust"]
    assert "Past review date" in rows["Past Trust"]
    for record in (soon, later, past):
        assert f"{record.review_on.day} {record.review_on:%B %Y}" in html


def test_the_list_is_paginated(staff_client):
    for _ in range(26):
        StrategicPartnerFactory()
    first = staff_client.get(reverse("funding:partners")).content.decode()
    assert "26 registrations" in first
    assert "govuk-pagination" in first
    assert staff_client.get(reverse("funding:partners"), {"page": 2}).status_code == 200


def test_the_list_query_count_does_not_grow_with_rows(staff_client, django_assert_num_queries):
    StrategicPartnerFactory()
    staff_client.get(reverse("funding:partners"))  # warm the session and caches
    # Session, person, second factor, roles, navigation; then the count and one page of rows with organisations.
    with django_assert_num_queries(7):
        staff_client.get(reverse("funding:partners"), {"status": ""})
    for _ in range(10):
        StrategicPartnerFactory()
        StrategicPartnerFactory(status="granted", granted_from=TODAY - DAY, review_on=TODAY + 30 * DAY)
    with django_assert_num_queries(7):
        staff_client.get(reverse("funding:partners"), {"status": ""})
    with django_assert_num_queries(7):
        staff_client.get(reverse("funding:partners"), {"status": "granted"})


def test_a_member_of_two_organisations_sees_both_records(organisation, other_organisation, member_user):
    MembershipFactory(user=member_user, organisation=other_organisation, role=MembershipRole.VIEWER)
    mine = StrategicPartnerFactory(organisation=organisation)
    theirs = StrategicPartnerFactory(organisation=other_organisation)
    client = signed_in_client(member_user)
    assert client.get(mine.get_absolute_url()).status_code == 200
    assert client.get(theirs.get_absolute_url()).status_code == 200
    assert client.get(step_url(theirs, "withdraw_interest")).status_code == 403  # a viewer there


def test_each_page_has_one_heading_and_a_title(staff_client, member_client, organisation, partner_under_review):
    pages = [
        (staff_client, reverse("funding:partner-criteria")),
        (staff_client, reverse("funding:partners")),
        (staff_client, partner_under_review.get_absolute_url()),
        (staff_client, step_url(partner_under_review, "grant")),
        (staff_client, step_url(partner_under_review, "decline")),
        (member_client, step_url(partner_under_review, "withdraw_interest")),
    ]
    for client, url in pages:
        html = client.get(url).content.decode()
        assert html.count("<h1") == 1, url
        assert "– GOV.UK</title>" in html
    partner_under_review.status = "withdrawn"
    partner_under_review.save()
    html = member_client.get(reverse("funding:partner-register", args=[organisation.pk])).content.decode()
    assert html.count("<h1") == 1
