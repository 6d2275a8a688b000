"""The public Compact statistics: the hand-counted figures for everyone, links to published consultations
only, CSVs equal to the tables, and a query count that does not grow with rows."""

import csv
import io
from urllib.parse import parse_qs, urlparse

import pytest
from django.test import Client
from django.urls import reverse

from thirdsector.conftest import ALL_ROLES

from ..models.consultations import ConsultationStatus
from .dashboard_fixtures import EXPECTED, breach, build_compact_year, consultation, day, this_year

pytestmark = pytest.mark.django_db

STATISTICS = reverse("compact:statistics")


@pytest.fixture
def compact_year(department, ndpb):
    return build_compact_year(department, ndpb)


def _table(response, slug):
    return next(table for table in response.context["tables"] if table.slug == slug)


def _values(row):
    return tuple(cell.value for cell in row.cells)


def test_anyone_sees_the_breach_figures_per_body(client, compact_year):
    response = client.get(STATISTICS)
    assert response.status_code == 200
    breaches = {row.label: _values(row) for row in _table(response, "breaches").rows}
    assert breaches[compact_year.department.organisation.name] == EXPECTED["breaches"]["department"]
    assert breaches[compact_year.ndpb.organisation.name] == EXPECTED["breaches"]["ndpb"]
    assert breaches["All bodies"] == EXPECTED["breaches"]["all"]
    page = response.content.decode()
    assert page.count("<h1") == 1 and f"Compact statistics, {this_year()}" in page
    assert "Median time to resolve a breach" in page and "20 days" in page
    assert reverse("compact:consultation-outcomes") in page and reverse("compact:consultations") in page


def test_anyone_sees_breaches_per_commitment(client, compact_year):
    rows = _table(client.get(STATISTICS), "commitments").rows
    assert [_values(row) for row in rows] == EXPECTED["commitments"]


def test_anyone_sees_consultations_under_12_weeks_per_body_without_staff_figures(client, compact_year):
    response = client.get(STATISTICS)
    table = _table(response, "consultations")
    assert table.columns == ["Published", "Under 12 weeks"]
    rows = {row.label: _values(row) for row in table.rows}
    assert rows[compact_year.department.organisation.name] == EXPECTED["consultations"]["department"][:2]
    assert rows[compact_year.ndpb.organisation.name] == EXPECTED["consultations"]["ndpb"][:2]
    assert [table.slug for table in response.context["tables"]] == ["breaches", "commitments", "consultations"]
    page = response.content.decode()
    assert "Outcomes overdue" not in page and "proofing" not in page.lower()


def test_another_year_shows_that_years_figures(client, compact_year):
    response = client.get(STATISTICS, {"year": this_year() - 1})
    breaches = {row.label: _values(row) for row in _table(response, "breaches").rows}
    assert breaches[compact_year.department.organisation.name] == (1, 1, 1, 2)


def test_private_case_work_is_not_linked_from_the_public_page(client, compact_year):
    response = client.get(STATISTICS)
    for slug in ("breaches", "commitments"):
        assert all(cell.url is None for row in _table(response, slug).rows for cell in row.cells)
    page = response.content.decode()
    case_list = reverse("compact:breach-list")
    assert f'href="{case_list}"' not in page and f'href="{case_list}?' not in page
    assert "/compact/dashboard/" not in page


def test_consultation_figures_link_to_the_published_consultations_they_counted(client, compact_year):
    rows = _table(client.get(STATISTICS), "consultations").rows
    department = next(row for row in rows if row.label == compact_year.department.organisation.name)
    published, short = department.cells
    parsed = urlparse(short.url)
    assert parsed.path == reverse("compact:statistics-consultations")
    assert parse_qs(parsed.query) == {
        "body": [str(compact_year.department.pk)],
        "year": [str(this_year())],
        "which": ["short"],
    }
    for cell in (published, short):
        listed = client.get(cell.url)
        assert listed.status_code == 200
        assert listed.context["page_obj"].paginator.count == cell.value
        for title, url, _ in listed.context["rows"]:
            assert url.startswith("/compact/consultations/") and "/manage/" not in url
            assert client.get(url).status_code == 200, title


def test_a_draft_consultation_is_never_listed(client, department):
    consultation(department, opens_on=day(3, 1), status=ConsultationStatus.DRAFT, short=True)
    listed = client.get(reverse("compact:statistics-consultations"), {"year": this_year()})
    assert listed.context["page_obj"].paginator.count == 0


@pytest.mark.parametrize("role", ALL_ROLES)
def test_everyone_may_see_the_statistics_and_download_them(clients_by_role, role):
    client = clients_by_role[role]
    assert client.get(STATISTICS).status_code == 200
    assert client.get(reverse("compact:statistics-csv", args=["breaches"])).status_code == 200
    assert client.get(reverse("compact:statistics-consultations")).status_code == 200


@pytest.mark.parametrize("slug", ["breaches", "commitments", "consultations"])
def test_each_csv_holds_exactly_the_table_shown(client, compact_year, slug):
    shown = _table(client.get(STATISTICS), slug)
    response = client.get(reverse("compact:statistics-csv", args=[slug]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    lines = list(csv.reader(io.StringIO(response.content.decode())))
    assert lines == shown.csv_rows()
    assert lines[0] == [shown.row_heading, *shown.columns]


def test_the_staff_only_tables_cannot_be_downloaded_from_the_public_page(client, compact_year):
    for slug in ("proofing", "training"):
        assert client.get(reverse("compact:statistics-csv", args=[slug])).status_code == 404


def test_the_statistics_query_count_does_not_grow_with_rows(department, ndpb, django_assert_num_queries):
    client = Client()
    build_compact_year(department, ndpb)
    client.get(STATISTICS)
    # Breaches by body, days to resolve, bodies, breaches by commitment, consultations.
    with django_assert_num_queries(5):
        client.get(STATISTICS)
    for number in range(5):
        breach(ndpb, reported_on=day(7, 1 + number), status="closed", outcome="not_upheld", closed_on=day(8, 1))
        consultation(department, opens_on=day(7, 1 + number), short=True)
    with django_assert_num_queries(5):
        client.get(STATISTICS)
