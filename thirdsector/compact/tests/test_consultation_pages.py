"""Consultation pages: who may open each, what the public sees, query counts, format requests, staff forms."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from thirdsector.conftest import ALL_ROLES, STAFF_ROLES

from ..models import AlternativeFormatRequest, Consultation, ConsultationStatus, FormatRequestStatus
from .factories import (
    AlternativeFormatRequestFactory,
    CompactBodyFactory,
    ConsultationFactory,
    ConsultationResponseFactory,
    QuestionFactory,
)

pytestmark = pytest.mark.django_db


def _published(**kwargs) -> Consultation:
    kwargs.setdefault("status", ConsultationStatus.PUBLISHED)
    consultation = ConsultationFactory(**kwargs)
    QuestionFactory(consultation=consultation)
    return consultation


# Session, user, roles and second factor; the page's count and rows; the count of short consultations.
STAFF_LIST_QUERIES = 8

# Pages the Compact Commissioner may read as well as staff (the dashboard links to them).
OVERSIGHT_PAGES = [
    ("compact:consultations-manage", False),
    ("compact:consultation-manage", True),
]
STAFF_PAGES = [
    ("compact:consultation-new", False),
    ("compact:consultation-outcomes-overdue", False),
    ("compact:consultation-edit", True),
    ("compact:consultation-question-add", True),
    ("compact:consultation-short-period", True),
    ("compact:consultation-format-requests", True),
    ("compact:consultation-record-response", True),
]


@pytest.mark.parametrize("role", ALL_ROLES)
@pytest.mark.parametrize(("name", "with_pk"), STAFF_PAGES)
def test_staff_pages_are_for_staff_only(clients_by_role, role, name, with_pk):
    consultation = _published()
    url = reverse(name, args=[consultation.pk] if with_pk else [])
    response = clients_by_role[role].get(url)
    if role in STAFF_ROLES:
        assert response.status_code == 200
    elif role == "public":
        assert response.status_code == 302
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("role", ALL_ROLES)
@pytest.mark.parametrize(("name", "with_pk"), OVERSIGHT_PAGES)
def test_staff_and_the_commissioner_read_the_staff_list_and_a_consultations_page(clients_by_role, role, name, with_pk):
    consultation = _published()
    url = reverse(name, args=[consultation.pk] if with_pk else [])
    response = clients_by_role[role].get(url)
    if role in STAFF_ROLES or role == "commissioner":
        assert response.status_code == 200
    elif role == "public":
        assert response.status_code == 302
    else:
        assert response.status_code == 403


def test_the_commissioner_reads_a_consultation_without_the_steps_or_the_links_that_change_it(clients_by_role):
    consultation = _published(status=ConsultationStatus.CLOSED, we_asked="Asked", you_said="Said", we_did="Did")
    staff_page = clients_by_role["department_staff"].get(reverse("compact:consultation-manage", args=[consultation.pk]))
    page = clients_by_role["commissioner"].get(reverse("compact:consultation-manage", args=[consultation.pk]))
    assert staff_page.context["steps"]
    assert page.context["steps"] == []
    content = page.content.decode()
    assert consultation.title in content
    assert "Download responses (CSV)" in content
    for changing in (
        reverse("compact:consultation-step", args=[consultation.pk, "publish_outcome"]),
        reverse("compact:consultation-record-response", args=[consultation.pk]),
        reverse("compact:consultation-outcome", args=[consultation.pk]),
        reverse("compact:consultation-document-add", args=[consultation.pk]),
        reverse("compact:consultation-format-requests", args=[consultation.pk]),
    ):
        assert changing in staff_page.content.decode()
        assert changing not in content
    listing = clients_by_role["commissioner"].get(reverse("compact:consultations-manage")).content.decode()
    assert reverse("compact:consultation-manage", args=[consultation.pk]) in listing
    assert reverse("compact:consultation-new") not in listing


@pytest.mark.parametrize(
    ("name", "args", "data"),
    [
        ("compact:consultation-step", ["close"], {}),
        ("compact:consultation-question-add", [], {"text": "Why?", "kind": "free_text"}),
        ("compact:consultation-record-response", [], {"channel": "post", "name": "Pat"}),
        ("compact:consultation-document-add", [], {"title": "Paper", "link": "https://example.org/paper"}),
    ],
)
def test_the_commissioner_cannot_change_a_consultation(clients_by_role, name, args, data):
    consultation = _published()
    response = clients_by_role["commissioner"].post(reverse(name, args=[consultation.pk, *args]), data)
    assert response.status_code == 403
    consultation.refresh_from_db()
    assert consultation.status == ConsultationStatus.PUBLISHED
    assert not consultation.documents.exists()
    assert consultation.questions.count() == 1


@pytest.mark.parametrize("role", ALL_ROLES)
def test_everyone_sees_the_public_pages(clients_by_role, role):
    consultation = _published()
    client = clients_by_role[role]
    for url in (
        reverse("compact:consultations"),
        reverse("compact:consultation-outcomes"),
        reverse("compact:consultation", args=[consultation.pk]),
        reverse("compact:consultation-respond", args=[consultation.pk]),
        reverse("compact:consultation-format-request", args=[consultation.pk]),
    ):
        assert client.get(url).status_code == 200, url


def test_a_draft_is_not_public(client):
    draft = ConsultationFactory()
    assert client.get(reverse("compact:consultation", args=[draft.pk])).status_code == 404
    assert client.get(reverse("compact:consultation-respond", args=[draft.pk])).status_code == 404
    assert draft.title not in client.get(reverse("compact:consultations")).content.decode()


def test_the_public_page_shows_the_short_period_and_its_reason(client):
    consultation = _published(
        shorter_than_minimum=True, minimum_weeks_applied=12, short_period_reason="Urgent legislation"
    )
    page = client.get(reverse("compact:consultation", args=[consultation.pk])).content.decode()
    assert "Shorter than 12 weeks: Urgent legislation" in page


def test_the_public_page_shows_the_published_outcome(client):
    consultation = _published(
        we_asked="How to fund",
        you_said="Longer grants",
        we_did="Three-year grants",
        outcome_published_on=timezone.localdate(),
    )
    consultation.status = ConsultationStatus.OUTCOME_PUBLISHED
    consultation.save()
    page = client.get(reverse("compact:consultation", args=[consultation.pk])).content.decode()
    assert "Three-year grants" in page
    outcomes = client.get(reverse("compact:consultation-outcomes")).content.decode()
    assert consultation.title in outcomes


def test_only_open_consultations_are_listed_as_open(client):
    open_one = _published()
    closed = _published(closes_on=timezone.localdate() - datetime.timedelta(days=1))
    page = client.get(reverse("compact:consultations")).content.decode()
    assert open_one.title in page
    assert closed.title not in page


def test_the_open_list_does_not_grow_queries_with_rows(client, django_assert_num_queries):
    body = CompactBodyFactory()
    _published(body=body)
    with django_assert_num_queries(2) as first:
        client.get(reverse("compact:consultations"))
    for _ in range(5):
        _published(body=CompactBodyFactory())
    with django_assert_num_queries(len(first.captured_queries)):
        client.get(reverse("compact:consultations"))


def test_the_staff_list_counts_submitted_responses(staff_client):
    consultation = _published()
    ConsultationResponseFactory.create_batch(3, consultation=consultation, status="submitted")
    ConsultationResponseFactory(consultation=consultation)
    response = staff_client.get(reverse("compact:consultations-manage"))
    assert response.context["consultations"][0].responses_count == 3


def _queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        client.get(url)
    return context.captured_queries


def test_the_staff_list_query_count_is_pinned(staff_client):
    url = reverse("compact:consultations-manage")
    _published()
    before = len(_queries(staff_client, url))
    for _ in range(6):
        consultation = _published(body=CompactBodyFactory())
        ConsultationResponseFactory(consultation=consultation, status="submitted")
    assert len(_queries(staff_client, url)) == before == STAFF_LIST_QUERIES


def test_staff_draft_a_consultation(staff_client, department):
    from thirdsector.register.models import PolicyArea

    today = timezone.localdate()
    response = staff_client.post(
        reverse("compact:consultation-new"),
        {
            "body": department.pk,
            "policy_area": PolicyArea.objects.first().pk,
            "title": "Volunteering strategy",
            "summary": "S",
            "who_is_consulted": "W",
            "how_to_respond": "H",
            "opens_on": today.isoformat(),
            "closes_on": (today + datetime.timedelta(weeks=12)).isoformat(),
        },
    )
    consultation = Consultation.objects.get()
    assert response.url == reverse("compact:consultation-manage", args=[consultation.pk])
    assert consultation.created_by.has_role("department_staff")


def test_a_refused_publish_is_explained_on_the_page(staff_client):
    today = timezone.localdate()
    consultation = ConsultationFactory(opens_on=today, closes_on=today + datetime.timedelta(weeks=6))
    QuestionFactory(consultation=consultation)
    response = staff_client.post(reverse("compact:consultation-step", args=[consultation.pk, "publish"]), follow=True)
    assert "shorter than the minimum" in response.content.decode()
    consultation.refresh_from_db()
    assert consultation.status == ConsultationStatus.DRAFT


def test_a_choice_question_needs_options(staff_client):
    consultation = ConsultationFactory()
    response = staff_client.post(
        reverse("compact:consultation-question-add", args=[consultation.pk]),
        {"text": "Which?", "kind": "single_choice", "options_text": "Only one"},
    )
    assert response.status_code == 200
    assert "at least two options" in response.content.decode()
    staff_client.post(
        reverse("compact:consultation-question-add", args=[consultation.pk]),
        {"text": "Which?", "kind": "single_choice", "options_text": "Yes\nNo"},
    )
    assert consultation.questions.get().options == ["Yes", "No"]


# ---- Alternative formats ----------------------------------------------------------------------


def test_anyone_requests_an_alternative_format(client):
    consultation = _published()
    response = client.post(
        reverse("compact:consultation-format-request", args=[consultation.pk]),
        {"format": "easy_read", "name": "Lee", "email": "lee@example.org"},
    )
    assert response.status_code == 200
    request = AlternativeFormatRequest.objects.get()
    assert request.status == FormatRequestStatus.REQUESTED
    assert request.get_format_display() == "Easy Read"


def test_a_paper_copy_needs_an_address(client):
    consultation = _published()
    response = client.post(
        reverse("compact:consultation-format-request", args=[consultation.pk]),
        {"format": "post", "name": "Lee", "email": "lee@example.org"},
    )
    assert "postal address" in response.content.decode()
    assert not AlternativeFormatRequest.objects.exists()


def test_staff_track_a_format_request_to_fulfilment(staff_client, staff_user):
    request = AlternativeFormatRequestFactory()
    staff_client.post(reverse("compact:consultation-format-step", args=[request.pk, "start"]))
    request.refresh_from_db()
    assert request.status == FormatRequestStatus.IN_PROGRESS
    staff_client.post(reverse("compact:consultation-format-step", args=[request.pk, "mark_sent"]))
    request.refresh_from_db()
    assert request.status == FormatRequestStatus.SENT
    assert request.sent_on == timezone.localdate()
    assert request.history.first().history_user == staff_user
    page = staff_client.get(reverse("compact:consultation-format-requests", args=[request.consultation_id]))
    assert "Lee Reader" in page.content.decode()


@pytest.mark.parametrize("role", ["public", "commissioner", "organisation_member"])
def test_others_cannot_move_a_format_request(clients_by_role, role):
    request = AlternativeFormatRequestFactory()
    clients_by_role[role].post(reverse("compact:consultation-format-step", args=[request.pk, "start"]))
    request.refresh_from_db()
    assert request.status == FormatRequestStatus.REQUESTED


def test_the_response_journey_needs_no_account(client):
    consultation = _published()
    assert client.get(reverse("compact:consultation-respond", args=[consultation.pk])).status_code == 200
    assert isinstance(client, Client)


@pytest.mark.parametrize("status", list(ConsultationStatus))
def test_the_staff_page_shows_a_consultation_in_every_status(staff_client, status):
    consultation = _published(status=status, we_did="Changed", outcome_due_on=timezone.localdate())
    consultation.themes.create(name="Longer grants", count=0)
    page = staff_client.get(reverse("compact:consultation-manage", args=[consultation.pk]))
    assert page.status_code == 200
    assert "Download responses (CSV)" in page.content.decode()
