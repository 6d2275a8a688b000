"""Breach pages: the report form for anyone, the private status link, and the staff pages by role."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from thirdsector.accounts.roles import Role
from thirdsector.accounts.tests.factories import UserFactory
from thirdsector.conftest import ALL_ROLES, signed_in_client

from ..models import BreachCase, BreachStatus, BreachUpdate, Commitment
from .factories import BreachCaseFactory

pytestmark = pytest.mark.django_db

OVERSIGHT = {"department_staff", "platform_admin", "commissioner"}
CASE_WORKERS = {"department_staff", "platform_admin"}


def _form(department, **overrides):
    data = {
        "body": department.pk,
        "commitments": [Commitment.objects.order_by("id").first().pk],
        "what_happened": "The consultation ran for three weeks",
        "happened_on": "2026-01-12",
        "evidence": "The consultation page",
        "name": "Sam Reporter",
        "email": "sam@charity.example",
        "phone": "",
    }
    data.update(overrides)
    return data


# --- Reporting ----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ALL_ROLES)
def test_anyone_can_open_the_report_form(clients_by_role, department, role):
    response = clients_by_role[role].get(reverse("compact:breach-report"))
    assert response.status_code == 200
    assert b"5 working days" in response.content and b"20 working days" in response.content


def test_the_public_report_a_breach_and_see_the_reference_and_private_link(client, department):
    response = client.post(reverse("compact:breach-report"), _form(department), follow=True)
    case = BreachCase.objects.get()
    assert response.status_code == 200
    assert case.reference.encode() in response.content
    assert case.get_status_url().encode() in response.content
    assert any(message.to == ["sam@charity.example"] for message in mail.outbox)


def test_an_anonymous_report_from_the_form_stores_no_contact(client, department):
    client.post(reverse("compact:breach-report"), _form(department, name="", email="", anonymous="on"))
    case = BreachCase.objects.get()
    assert case.anonymous and case.reporter_email == "" and case.reporter_name == ""


def test_anonymous_with_contact_details_is_an_error_not_a_500(client, department):
    response = client.post(reverse("compact:breach-report"), _form(department, anonymous="on"))
    assert response.status_code == 200
    assert b"There is a problem" in response.content
    assert not BreachCase.objects.exists()


def test_a_report_missing_answers_shows_the_error_summary(client, department):
    response = client.post(reverse("compact:breach-report"), {})
    assert response.status_code == 200
    assert b"Select the public body" in response.content and b"Enter what happened" in response.content
    assert response.content.count(b"<title>Error: ") == 1


def test_a_member_reports_for_their_organisation(member_client, member_user, organisation, department):
    response = member_client.post(reverse("compact:breach-report"), _form(department, organisation=organisation.pk))
    assert response.status_code == 302
    case = BreachCase.objects.get()
    assert case.reporter_organisation == organisation and case.reported_by == member_user


def test_a_member_cannot_report_for_another_organisation(member_client, other_organisation, department):
    response = member_client.post(
        reverse("compact:breach-report"), _form(department, organisation=other_organisation.pk)
    )
    assert response.status_code == 200
    assert not BreachCase.objects.exists()


# --- The private status link --------------------------------------------------------------------


def test_the_status_link_shows_its_case_public_updates_and_no_notes(client, department, staff_user):
    case = BreachCaseFactory(body=department, status=BreachStatus.ACKNOWLEDGED)
    other = BreachCaseFactory(body=department, what_happened="Someone else's complaint")
    BreachUpdate.objects.create(case=case, public=True, text="We have written to the body", written_by=staff_user)
    BreachUpdate.objects.create(case=case, public=False, text="Internal: the lead is on leave", written_by=staff_user)
    response = client.get(case.get_status_url())
    assert response.status_code == 200
    content = response.content.decode()
    assert case.reference in content and "Acknowledged" in content
    assert "We have written to the body" in content
    assert "Internal: the lead is on leave" not in content
    assert other.reference not in content and "Someone else" not in content
    assert case.reporter_email not in content


def test_a_wrong_token_is_not_found(client, department):
    BreachCaseFactory(body=department)
    assert client.get(reverse("compact:breach-status", args=["not-the-token"])).status_code == 404
    assert client.get(reverse("compact:breach-reported", args=["not-the-token"])).status_code == 404


def test_the_status_page_shows_the_outcome_once_closed(client, department):
    case = BreachCaseFactory(
        body=department, status=BreachStatus.CLOSED, outcome="upheld", finding_reasons="Too short",
        remedy="Reopened", lessons_learned="Plan ahead", closed_on=datetime.date(2026, 3, 1),
    )  # fmt: skip
    content = client.get(case.get_status_url()).content.decode()
    assert "Upheld" in content and "Too short" in content and "Plan ahead" in content


# --- Staff pages --------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ALL_ROLES)
def test_the_case_list_is_for_oversight_roles(clients_by_role, department, role):
    BreachCaseFactory(body=department)
    response = clients_by_role[role].get(reverse("compact:breach-list"))
    if role == "public":
        assert response.status_code == 302 and "sign-in" in response["Location"]
    elif role in OVERSIGHT:
        assert response.status_code == 200
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("role", ALL_ROLES)
def test_the_case_page_is_private_to_oversight_roles(clients_by_role, department, role):
    case = BreachCaseFactory(body=department)
    response = clients_by_role[role].get(case.get_absolute_url())
    if role == "public":
        assert response.status_code == 302
    elif role in OVERSIGHT:
        assert response.status_code == 200
        assert b"Internal notes" in response.content
    else:
        assert response.status_code == 404


def test_an_ndpbs_compact_lead_sees_and_works_only_their_bodys_cases(department, ndpb):
    lead = UserFactory()  # no platform role: leads on the Compact for the NDPB only
    ndpb.compact_lead = lead
    ndpb.save()
    client = signed_in_client(lead)
    own = BreachCaseFactory(body=ndpb)
    other = BreachCaseFactory(body=department)
    response = client.get(reverse("compact:breach-list"))
    assert own.reference.encode() in response.content and other.reference.encode() not in response.content
    assert client.get(other.get_absolute_url()).status_code == 404
    assert client.post(reverse("compact:breach-step", args=[own.reference, "acknowledge"])).status_code == 302
    own.refresh_from_db()
    assert own.status == BreachStatus.ACKNOWLEDGED


@pytest.mark.parametrize("role", ALL_ROLES)
def test_only_case_workers_take_steps_from_the_page(clients_by_role, department, role):
    case = BreachCaseFactory(body=department)
    url = reverse("compact:breach-step", args=[case.reference, "acknowledge"])
    response = clients_by_role[role].post(url, {"reason": ""})
    case.refresh_from_db()
    if role in CASE_WORKERS:
        assert response.status_code == 302
        assert case.status == BreachStatus.ACKNOWLEDGED
    else:
        assert case.status == BreachStatus.REPORTED
        assert response.status_code in (302, 403, 404) if role == "public" else response.status_code in (200, 404)


def test_the_step_page_is_refused_for_a_step_not_open(staff_client, department):
    case = BreachCaseFactory(body=department)
    url = reverse("compact:breach-step", args=[case.reference, "close"])
    assert staff_client.get(url).status_code == 403
    assert staff_client.get(reverse("compact:breach-step", args=[case.reference, "delete"])).status_code == 404


def test_closing_without_lessons_shows_the_error(staff_client, department):
    case = BreachCaseFactory(body=department, status=BreachStatus.NOT_UPHELD, finding_reasons="No")
    response = staff_client.post(reverse("compact:breach-step", args=[case.reference, "close"]), {})
    assert response.status_code == 200 and b"Enter the lessons learned" in response.content
    case.refresh_from_db()
    assert case.status == BreachStatus.NOT_UPHELD


def test_the_commissioner_reviews_from_the_page(commissioner_client, department):
    case = BreachCaseFactory(body=department, status=BreachStatus.INVESTIGATED, escalated_at="2026-01-01T10:00Z")
    url = reverse("compact:breach-step", args=[case.reference, "record_review"])
    assert commissioner_client.get(case.get_absolute_url()).content.count(url.encode()) == 1
    response = commissioner_client.post(url, {"commissioner_review": "The body should apologise"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.commissioner_review == "The body should apologise"


def test_staff_add_a_public_update_that_emails_the_reporter(staff_client, department):
    case = BreachCaseFactory(body=department, reporter_email="sam@charity.example")
    url = reverse("compact:breach-update", args=[case.reference])
    staff_client.post(url, {"text": "We have asked the body", "public": "1"})
    staff_client.post(url, {"text": "Chase the lead", "public": "0"})
    assert list(case.updates.values_list("public", "text")) == [
        (True, "We have asked the body"),
        (False, "Chase the lead"),
    ]
    assert [message.to for message in mail.outbox] == [["sam@charity.example"]]


def test_the_commissioner_cannot_write_on_a_case(commissioner_client, department):
    case = BreachCaseFactory(body=department)
    url = reverse("compact:breach-update", args=[case.reference])
    assert commissioner_client.post(url, {"text": "x", "public": "1"}).status_code == 403


def test_the_list_filters_by_body_status_year_and_overdue(staff_client, department, ndpb):
    today = datetime.date.today()
    late = BreachCaseFactory(body=department, reported_on=today - datetime.timedelta(days=30))
    on_time = BreachCaseFactory(body=ndpb)
    closed = BreachCaseFactory(body=ndpb, status=BreachStatus.CLOSED, reported_on=datetime.date(2025, 6, 1))

    def shown(**query):
        content = staff_client.get(reverse("compact:breach-list"), query).content.decode()
        return {case.reference for case in (late, on_time, closed) if case.reference in content}

    assert shown() == {late.reference, on_time.reference, closed.reference}
    assert shown(body=department.pk) == {late.reference}
    assert shown(status="closed") == {closed.reference}
    assert shown(year=2025) == {closed.reference}
    assert shown(overdue="on") == {late.reference}


def test_the_case_list_query_count_does_not_grow_with_rows(staff_user, department, ndpb, django_assert_num_queries):
    client = signed_in_client(staff_user)
    url = reverse("compact:breach-list")
    BreachCaseFactory(body=department)
    client.get(url)
    with django_assert_num_queries(QUERIES_ON_THE_LIST) as few:
        client.get(url)
    for body in (department, ndpb) * 5:
        BreachCaseFactory(body=body)
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(url)


QUERIES_ON_THE_LIST = 10


def test_the_evidence_file_is_for_those_who_see_the_case(client, staff_client, department):
    from django.core.files.uploadedfile import SimpleUploadedFile

    case = BreachCaseFactory(body=department)
    case.evidence_file = SimpleUploadedFile("letter.pdf", b"%PDF-1.4 hello")
    case.evidence_file_name = "letter.pdf"
    case.save()
    url = reverse("compact:breach-evidence", args=[case.reference])
    assert staff_client.get(url).status_code == 200
    assert signed_in_client(UserFactory(roles=[Role.ASSESSOR])).get(url).status_code == 404
