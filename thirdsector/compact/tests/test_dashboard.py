"""The Compact dashboard for staff: its figures against a hand-counted year, who may see it, the links
behind each figure, the CSV of each table and a query count that does not grow with rows."""

import csv
import io
from urllib.parse import parse_qs, urlparse

import pytest
from django.urls import reverse
from django.utils import timezone

from thirdsector.conftest import ALL_ROLES

from ..selectors.dashboard import dashboard_figures, median_of
from .dashboard_fixtures import EXPECTED, breach, build_compact_year, consultation, day, policy, this_year

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("compact:dashboard")
OVERSIGHT = {"department_staff", "platform_admin", "commissioner"}


@pytest.fixture
def compact_year(department, ndpb):
    return build_compact_year(department, ndpb)


def _table(response, slug):
    return next(table for table in response.context["tables"] if table.slug == slug)


def _values(row):
    return tuple(cell.value for cell in row.cells)


def test_the_breach_figures_match_the_hand_count(compact_year):
    figures = dashboard_figures(year=this_year(), today=timezone.localdate())
    for key, body in (("department", compact_year.department), ("ndpb", compact_year.ndpb)):
        counts = figures.breaches_by_body[body.pk]
        reported, upheld, resolved, median = EXPECTED["breaches"][key]
        assert (counts.reported, counts.upheld, counts.resolved) == (reported, upheld, resolved)
        assert figures.median_days_by_body[body.pk] == median
    totals = figures.breach_totals
    assert (totals.reported, totals.upheld, totals.resolved, figures.median_days) == EXPECTED["breaches"]["all"]


def test_breaches_by_commitment_count_each_commitment_a_case_names(compact_year):
    figures = dashboard_figures(year=this_year(), today=timezone.localdate())
    got = {row.commitment_id: (row.reported, row.upheld, row.resolved) for row in figures.breaches_by_commitment}
    assert got == {
        c.pk: expected for c, expected in zip(compact_year.commitments, EXPECTED["commitments"], strict=True)
    }


def test_consultation_proofing_and_training_figures_match_the_hand_count(compact_year):
    figures = dashboard_figures(year=this_year(), today=timezone.localdate())
    for key, body in (("department", compact_year.department), ("ndpb", compact_year.ndpb)):
        counts = figures.consultations_by_body[body.pk]
        assert (counts.published, counts.short, counts.outcomes_overdue) == EXPECTED["consultations"][key]
        proofing = figures.proofing_by_body[body.pk]
        assert (proofing.policies, proofing.proofed) == EXPECTED["proofing"][key]
    assert {team.team: (team.staff, team.completed) for team in figures.training_by_team} == EXPECTED["training"]


def test_last_years_figures_are_last_years(compact_year):
    figures = dashboard_figures(year=this_year() - 1, today=timezone.localdate())
    department = compact_year.department.pk
    counts = figures.breaches_by_body[department]
    assert (counts.reported, counts.upheld, counts.resolved) == (1, 1, 1)
    assert figures.median_days_by_body[department] == 2
    assert figures.consultations_by_body[department].short == 1
    assert figures.proofing_by_body[compact_year.ndpb.pk].proofed == 1


def test_median_of_an_even_count_is_the_mean_of_the_middle_two():
    assert median_of([]) is None
    assert median_of([10, 20, 30]) == 20
    assert median_of([10, 21]) == 15.5


def test_the_page_shows_every_table_with_the_hand_counted_figures(compact_lead_client, compact_year):
    response = compact_lead_client.get(DASHBOARD)
    assert response.status_code == 200
    page = response.content.decode()
    assert response.context["year"] == this_year()
    breaches = {row.label: _values(row) for row in _table(response, "breaches").rows}
    assert breaches[compact_year.department.organisation.name] == EXPECTED["breaches"]["department"]
    assert breaches[compact_year.ndpb.organisation.name] == EXPECTED["breaches"]["ndpb"]
    assert breaches["All bodies"] == EXPECTED["breaches"]["all"]
    consultations = {row.label: _values(row) for row in _table(response, "consultations").rows}
    assert consultations[compact_year.department.organisation.name] == EXPECTED["consultations"]["department"]
    proofing = {row.label: _values(row) for row in _table(response, "proofing").rows}
    assert proofing[compact_year.department.organisation.name] == (3, 2, 67)
    assert proofing[compact_year.ndpb.organisation.name] == (1, 0, 0)
    training = {row.label: _values(row) for row in _table(response, "training").rows}
    department, ndpb = compact_year.department.organisation.name, compact_year.ndpb.organisation.name
    assert training == {f"Grants team, {ndpb}": (1, 1, 100), f"Policy team, {department}": (3, 1, 33)}
    teams = {row.label: row.url for row in _table(response, "training").rows}
    assert teams[f"Policy team, {department}"] == reverse("compact:team", args=[compact_year.policy_team.pk])
    assert "in the last 3 years" in page
    assert "Compact dashboard, " + str(this_year()) in page
    assert page.count("<h1") == 1
    assert page.count("<caption") == 5
    assert "Median time to resolve a breach" in page and "20 days" in page
    assert response.context["resolved_url"] == _table(response, "breaches").rows[-1].cells[2].url


def test_the_year_filter_chooses_the_year(compact_lead_client, compact_year):
    response = compact_lead_client.get(DASHBOARD, {"year": this_year() - 1})
    assert response.context["year"] == this_year() - 1
    breaches = {row.label: _values(row) for row in _table(response, "breaches").rows}
    assert breaches[compact_year.department.organisation.name] == (1, 1, 1, 2)


def test_a_year_not_offered_shows_the_error_and_this_year(compact_lead_client, compact_year):
    response = compact_lead_client.get(DASHBOARD, {"year": "1066"})
    assert response.status_code == 200
    assert response.context["year"] == this_year()
    page = response.content.decode()
    assert "There is a problem" in page and "<title>Error:" in page


@pytest.mark.parametrize("role", ALL_ROLES)
def test_only_staff_and_the_commissioner_see_the_dashboard(clients_by_role, role):
    response = clients_by_role[role].get(DASHBOARD)
    if role in OVERSIGHT:
        assert response.status_code == 200
    elif role == "public":
        assert response.status_code == 302 and "/sign-in" in response["Location"] or "login" in response["Location"]
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("role", ALL_ROLES)
def test_only_staff_and_the_commissioner_download_the_dashboards_tables(clients_by_role, role):
    response = clients_by_role[role].get(reverse("compact:dashboard-csv", args=["breaches"]))
    expected = 200 if role in OVERSIGHT else 302 if role == "public" else 403
    assert response.status_code == expected


@pytest.mark.parametrize("slug", ["breaches", "commitments", "consultations", "proofing", "training"])
def test_each_csv_holds_exactly_the_table_shown(compact_lead_client, compact_year, slug):
    shown = _table(compact_lead_client.get(DASHBOARD), slug)
    response = compact_lead_client.get(reverse("compact:dashboard-csv", args=[slug]), {"year": this_year()})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert f"compact-{slug}-{this_year()}.csv" in response["Content-Disposition"]
    lines = list(csv.reader(io.StringIO(response.content.decode())))
    assert lines[0] == [shown.row_heading, *shown.columns]
    assert lines[1:] == [
        [row.label, *("" if c.value is None else f"{c.value}{c.suffix}" for c in row.cells)] for row in shown.rows
    ]
    assert len(lines) == len(shown.rows) + 1


def test_the_csv_of_a_table_that_is_not_there_is_not_found(compact_lead_client):
    assert compact_lead_client.get(reverse("compact:dashboard-csv", args=["nothing"])).status_code == 404


def test_a_body_name_that_looks_like_a_formula_is_made_safe_in_the_csv(compact_lead_client, department):
    department.organisation.name = "=HYPERLINK(1)"
    department.organisation.save()
    content = compact_lead_client.get(reverse("compact:dashboard-csv", args=["breaches"])).content.decode()
    assert "'=HYPERLINK(1)" in content


def _query(url):
    parsed = urlparse(url)
    return parsed.path, {key: value[0] for key, value in parse_qs(parsed.query).items()}


def test_every_count_links_to_the_rows_behind_it(compact_lead_client, compact_year):
    response = compact_lead_client.get(DASHBOARD)
    for slug in ("breaches", "commitments", "consultations", "proofing", "training"):
        table = _table(response, slug)
        for row in table.rows:
            for cell, column in zip(row.cells, table.columns, strict=True):
                is_count = column not in ("Median days to resolve", "Coverage", "Share completed")
                assert (cell.url is not None) == is_count, (slug, row.label, column)
    name = compact_year.department.organisation.name
    first = next(row for row in _table(response, "breaches").rows if row.label == name)
    path, query = _query(first.cells[1].url)
    assert path == reverse("compact:dashboard-rows", args=["breaches"])
    assert query == {"body": str(compact_year.department.pk), "year": str(this_year()), "outcome": "upheld"}
    # The body's name leads to the staff case list for the body and year.
    path, query = _query(first.url)
    assert path == reverse("compact:breach-list")
    assert query == {"body": str(compact_year.department.pk), "year": str(this_year())}


@pytest.mark.parametrize("slug", ["breaches", "commitments", "consultations", "proofing", "training"])
def test_following_a_figure_shows_exactly_the_rows_it_counted(compact_lead_client, compact_year, slug):
    for row in _table(compact_lead_client.get(DASHBOARD), slug).rows:
        for cell in row.cells:
            if cell.url is None:
                continue
            listed = compact_lead_client.get(cell.url)
            assert listed.status_code == 200
            assert listed.context["page_obj"].paginator.count == cell.value, (slug, row.label, cell.url)
            assert len(listed.context["rows"]) == cell.value


def test_the_rows_link_to_each_record(compact_lead_client, compact_year):
    url = reverse("compact:dashboard-rows", args=["breaches"])
    response = compact_lead_client.get(
        url, {"year": this_year(), "body": compact_year.department.pk, "outcome": "resolved"}
    )
    page = response.content.decode()
    assert page.count("<h1") == 1 and "Breaches resolved in" in page
    for text, link_url, _ in response.context["rows"]:
        assert link_url == reverse("compact:breach", args=[text])
    policies = compact_lead_client.get(reverse("compact:dashboard-rows", args=["policies"]), {"year": this_year()})
    assert all(row[1].startswith("/compact/policies/") for row in policies.context["rows"])


def test_a_figure_that_is_not_there_is_not_found(compact_lead_client):
    assert compact_lead_client.get(reverse("compact:dashboard-rows", args=["nothing"])).status_code == 404
    assert compact_lead_client.get(reverse("compact:dashboard-rows", args=["training"])).status_code == 404


@pytest.mark.parametrize("role", ALL_ROLES)
def test_only_staff_and_the_commissioner_see_the_rows_behind_a_figure(clients_by_role, role):
    response = clients_by_role[role].get(reverse("compact:dashboard-rows", args=["breaches"]))
    expected = 200 if role in OVERSIGHT else 302 if role == "public" else 403
    assert response.status_code == expected


def test_the_rows_pages_query_count_does_not_grow_with_rows(
    compact_lead_client, department, ndpb, django_assert_num_queries
):
    build_compact_year(department, ndpb)
    urls = [
        reverse("compact:dashboard-rows", args=[figure]) + f"?year={this_year()}"
        for figure in ("breaches", "consultations", "policies")
    ]
    counts = {}
    for url in urls:
        compact_lead_client.get(url)
        with django_assert_num_queries(7) as captured:  # sign-in (5), the count and the page
            compact_lead_client.get(url)
        counts[url] = len(captured)
    for number in range(4):
        breach(department, reported_on=day(6, 1 + number))
        consultation(ndpb, opens_on=day(6, 1 + number))
        policy(ndpb, decision_date=day(10, 1 + number))
    for url in urls:
        with django_assert_num_queries(counts[url]):
            compact_lead_client.get(url)


def test_the_dashboards_query_count_does_not_grow_with_rows(
    compact_lead_client, department, ndpb, django_assert_num_queries
):
    build_compact_year(department, ndpb)
    compact_lead_client.get(DASHBOARD)
    # Session, user, second factor, roles and the navigation's membership check; then one query each for
    # breaches by body, days to resolve, bodies, breaches by commitment, consultations, proofing, training.
    with django_assert_num_queries(12):
        compact_lead_client.get(DASHBOARD)
    for number in range(5):
        breach(department, reported_on=day(6, 1 + number), status="closed", outcome="upheld", closed_on=day(7, 1))
        consultation(ndpb, opens_on=day(6, 1 + number), short=True)
        policy(ndpb, decision_date=day(10, 1 + number))
    build_compact_year(department, ndpb)
    with django_assert_num_queries(12):
        compact_lead_client.get(DASHBOARD)
