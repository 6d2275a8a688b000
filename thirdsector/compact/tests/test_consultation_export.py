"""The export of responses: one row per submitted response, a column per question, streamed, formula-safe."""

import csv
import io

import pytest
from django.http import StreamingHttpResponse
from django.urls import reverse
from openpyxl import load_workbook

from ..models import ConsultationStatus, QuestionKind, ResponseStatus
from ..services.consultations import record_response
from .factories import ConsultationFactory, ConsultationResponseFactory, QuestionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def consultation(staff_user):
    consultation = ConsultationFactory(status=ConsultationStatus.PUBLISHED)
    first = QuestionFactory(consultation=consultation, number=1, text="What works?")
    second = QuestionFactory(
        consultation=consultation, number=2, text="Which?", kind=QuestionKind.MULTIPLE_CHOICE, options=["A", "B"]
    )
    record_response(
        consultation=consultation,
        by=staff_user,
        channel="post",
        name='=HYPERLINK("http://evil")',
        answers={first.pk: "+cmd|' /C calc'!A0", second.pk: ["A", "B"]},
        confidential=True,
    )
    record_response(
        consultation=consultation, by=staff_user, channel="email", name="Open Person", answers={first.pk: "Fine"}
    )
    ConsultationResponseFactory(consultation=consultation, name="Still a draft")
    return consultation


def _csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_the_csv_export_is_streamed(staff_client, consultation):
    response = staff_client.get(reverse("compact:consultation-export", args=[consultation.pk, "csv"]))
    assert response.status_code == 200
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"].startswith("text/csv")


def test_the_csv_has_a_row_per_submitted_response_and_a_column_per_question(staff_client, consultation):
    rows = _csv_rows(staff_client.get(reverse("compact:consultation-export", args=[consultation.pk, "csv"])))
    header, *body = rows
    assert header[-2:] == ["Q1: What works?", "Q2: Which?"]
    assert len(body) == 2
    assert all("Still a draft" not in row for row in body)
    assert body[0][header.index("Q2: Which?")] == "A; B"


def test_confidential_responses_are_marked_and_cells_are_formula_safe(staff_client, consultation):
    header, first, second = _csv_rows(
        staff_client.get(reverse("compact:consultation-export", args=[consultation.pk, "csv"]))
    )
    assert first[header.index("Confidential")] == "CONFIDENTIAL"
    assert second[header.index("Confidential")] == "No"
    assert first[header.index("Name")] == '\'=HYPERLINK("http://evil")'
    assert first[header.index("Q1: What works?")].startswith("'+cmd")


def test_the_xlsx_export_has_the_same_rows(staff_client, consultation):
    response = staff_client.get(reverse("compact:consultation-export", args=[consultation.pk, "xlsx"]))
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    rows = [list(row) for row in workbook["Responses"].iter_rows(values_only=True)]
    header, first, second = rows
    assert header[-2:] == ["Q1: What works?", "Q2: Which?"]
    assert first[header.index("Confidential")] == "CONFIDENTIAL"
    assert first[header.index("Name")] == '\'=HYPERLINK("http://evil")'
    assert second[header.index("Name")] == "Open Person"


@pytest.mark.parametrize("role", ["public", "organisation_member", "assessor", "fund_administrator"])
def test_only_staff_and_the_commissioner_export(clients_by_role, role):
    consultation = ConsultationFactory(status=ConsultationStatus.PUBLISHED)
    response = clients_by_role[role].get(reverse("compact:consultation-export", args=[consultation.pk, "csv"]))
    assert response.status_code in (302, 403)


def test_the_commissioner_downloads_the_responses(clients_by_role):
    consultation = ConsultationFactory(status=ConsultationStatus.PUBLISHED)
    url = reverse("compact:consultation-export", args=[consultation.pk, "csv"])
    assert clients_by_role["commissioner"].get(url).status_code == 200


def test_an_unknown_format_is_not_found(staff_client, consultation):
    assert staff_client.get(reverse("compact:consultation-export", args=[consultation.pk, "pdf"])).status_code == 404


def test_the_export_reads_a_fixed_number_of_queries_whatever_the_responses(
    staff_client, consultation, django_assert_max_num_queries
):
    url = reverse("compact:consultation-export", args=[consultation.pk, "csv"])
    for _ in range(30):
        ConsultationResponseFactory(consultation=consultation, status=ResponseStatus.SUBMITTED)
    with django_assert_max_num_queries(12):
        b"".join(staff_client.get(url).streaming_content)
