"""Open datasets: CSV, JSON and XLSX of published records only, formula-safe, conditional, constant queries."""

import csv
import datetime
import io
import json
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from thirdsector.commissioning.tests.factories_awards import ContractAwardFactory
from thirdsector.compact.models.breaches import BreachFinding, BreachStatus
from thirdsector.compact.tests.factories import BreachCaseFactory, CompactBodyFactory, ConsultationFactory
from thirdsector.conftest import ALL_ROLES
from thirdsector.funding.tests.factories import AwardFactory
from thirdsector.opendata.datasets import registry
from thirdsector.partnerships.models.boards import Decision
from thirdsector.partnerships.tests.factories import AgreementTargetFactory, MeetingFactory

pytestmark = pytest.mark.django_db

SLUGS = [
    "published-grants",
    "third-sector-contract-awards",
    "register-organisations",
    "consultations",
    "consultation-outcomes",
    "compact-breach-statistics",
    "board-minutes",
    "local-area-agreements",
]
FORMULA = '=HYPERLINK("http://evil.example","Click")'


def _consultation(title, status, **fields):
    dates = {"opens_on": datetime.date(2026, 1, 5), "closes_on": datetime.date(2026, 3, 30)}
    return ConsultationFactory(title=title, status=status, **{**dates, **fields})


@pytest.fixture
def published():
    """A published consultation, one with its outcome, a draft, breaches, approved and draft minutes, an LAA."""
    body = CompactBodyFactory(organisation__name="+1 Agency")
    open_one = _consultation(FORMULA, "published", body=body)
    with_outcome = _consultation(
        "Volunteering code", "outcome_published", body=body, we_asked="Q", you_said="@SUM(A1)", we_did="-2+3",
        closes_on=datetime.date(2026, 2, 2), outcome_published_on=datetime.date(2026, 4, 1),
    )  # fmt: skip
    _consultation("A draft nobody may see", "draft", body=body)
    BreachCaseFactory(body=body, reported_on=datetime.date(2026, 2, 1))
    BreachCaseFactory(
        body=body, reported_on=datetime.date(2026, 3, 1), status=BreachStatus.CLOSED, outcome=BreachFinding.UPHELD
    )
    later = MeetingFactory(status="minutes_approved", minutes="Later minutes")
    approved = MeetingFactory(
        board=later.board, status="minutes_approved", minutes="We met.", minutes_approved_at=later,
        minutes_published_on=datetime.date(2026, 5, 1),
    )  # fmt: skip
    Decision.objects.create(meeting=approved, text="Agree the plan")
    MeetingFactory(board=later.board, status="held", minutes="Draft minutes nobody may see")
    target = AgreementTargetFactory(indicator__number=307, indicator__name="Thriving third sector")
    today = timezone.localdate()
    grant = AwardFactory(title="@Core funding", amount=Decimal("1500.50"), published_on=today)
    AwardFactory(title="Not yet published")
    AwardFactory(title="Published tomorrow", published_on=today + datetime.timedelta(days=1))
    contract = ContractAwardFactory(title="Befriending", supplier_is_third_sector=True)
    ContractAwardFactory(title="Unpublished contract", supplier_is_third_sector=True, published_on=None)
    ContractAwardFactory(title="To a company", supplier_is_third_sector=False)
    return {
        "open": open_one, "outcome": with_outcome, "approved": approved, "target": target, "grant": grant,
        "contract": contract,
    }  # fmt: skip


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def _csv(client, slug):
    response = client.get(reverse("opendata:dataset-csv", args=[slug]))
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(_body(response).decode())))


def test_the_urls_are_stable():
    assert reverse("opendata:dataset-csv", args=["consultations"]) == "/open-data/datasets/consultations.csv"
    assert reverse("opendata:dataset-json", args=["consultations"]) == "/open-data/datasets/consultations.json"
    assert reverse("opendata:dataset-xlsx", args=["consultations"]) == "/open-data/datasets/consultations.xlsx"
    assert reverse("opendata:dataset-schema", args=["consultations"]) == "/open-data/datasets/consultations/schema.json"


def test_every_dataset_is_defined_once_with_described_columns():
    assert list(registry()) == SLUGS
    for dataset in registry().values():
        assert dataset.columns and all(column.description for column in dataset.columns)


def test_consultations_are_the_published_ones_with_their_length(client, published):
    rows = _csv(client, "consultations")
    assert sorted(row["title"] for row in rows) == sorted(["'" + FORMULA, "Volunteering code"])
    row = next(row for row in rows if row["title"] == "'" + FORMULA)
    assert row["body"] == "'+1 Agency"
    assert (row["opens_on"], row["closes_on"], row["length_days"]) == ("2026-01-05", "2026-03-30", "84")
    assert (row["length_weeks"], row["twelve_weeks_or_more"]) == ("12.0", "true")
    short = next(row for row in rows if row["title"] == "Volunteering code")
    assert short["twelve_weeks_or_more"] == "false"
    assert row["url"] == reverse("compact:consultation", args=[published["open"].pk])


def test_outcomes_are_only_published_outcomes_and_neutralised(client, published):
    [row] = _csv(client, "consultation-outcomes")
    assert row["title"] == "Volunteering code"
    assert (row["you_said"], row["we_did"]) == ("'@SUM(A1)", "'-2+3")
    assert row["outcome_published_on"] == "2026-04-01"


def test_breach_statistics_count_by_body_and_year_with_outcomes(client, published):
    [row] = _csv(client, "compact-breach-statistics")
    assert row["body"] == "'+1 Agency" and row["year"] == "2026"
    assert [row[name] for name in ("reported", "open", "closed", "upheld", "partly_upheld", "not_upheld")] == [
        "2", "1", "1", "1", "0", "0",
    ]  # fmt: skip


def test_minutes_are_only_approved_ones_with_their_dates(client, published):
    rows = _csv(client, "board-minutes")
    assert sorted(row["minutes"] for row in rows) == ["Later minutes", "We met."]
    row = next(row for row in rows if row["minutes"] == "We met.")
    assert row["published_on"] == "2026-05-01"
    assert row["approved_at_meeting_date"] == str(published["approved"].minutes_approved_at.meeting_date)
    assert row["decisions"] == "Agree the plan"


def test_local_area_agreements_list_targets_with_their_indicator(client, published):
    [row] = _csv(client, "local-area-agreements")
    target = published["target"]
    assert row["council"] == target.agreement.partnership.council.name
    assert (row["ni_number"], row["ni_name"]) == ("307", "Thriving third sector")
    assert row["third_sector_involvement_level"] == "Involved in delivery"
    assert (row["agreement_starts_on"], row["agreement_ends_on"]) == ("2008-04-01", "2011-03-31")


def test_published_grants_are_those_published_by_today(client, published):
    [row] = _csv(client, "published-grants")
    grant = published["grant"]
    assert (row["reference"], row["title"], row["amount"]) == (grant.reference, "'@Core funding", "1500.50")
    assert row["url"] == reverse("funding:award", args=[grant.reference])
    body = json.loads(_body(client.get(reverse("opendata:dataset-json", args=["published-grants"]))))
    assert body["rows"][0]["amount"] == 1500.5


def test_contract_awards_are_the_published_ones_to_the_third_sector(client, published):
    [row] = _csv(client, "third-sector-contract-awards")
    assert (row["title"], row["value"], row["kind"]) == ("Befriending", "100000.00", "Contract")
    assert row["supplier"] == published["contract"].supplier.name


def test_the_register_lists_active_organisations_with_their_org_id(client, published):
    from thirdsector.register.models import Identifier, OrganisationStatus
    from thirdsector.register.tests.factories import OrganisationFactory

    charity = OrganisationFactory(name="=Leeds Action", town="Leeds")
    Identifier.objects.create(organisation=charity, scheme="GB-CHC", value="1123456", is_primary=True)
    OrganisationFactory(name="Wound up", status=OrganisationStatus.REMOVED)
    rows = {row["name"]: row for row in _csv(client, "register-organisations")}
    assert "Wound up" not in rows
    row = rows["'=Leeds Action"]
    assert (row["primary_org_id"], row["town"]) == ("GB-CHC-1123456", "Leeds")
    assert row["url"] == reverse("register:organisation", args=[charity.pk])


def test_the_json_has_the_licence_columns_and_rows_with_text_as_published(client, published):
    response = client.get(reverse("opendata:dataset-json", args=["consultations"]))
    body = json.loads(_body(response))
    assert body["dataset"] == "consultations"
    assert body["licence"]["name"] == "Open Government Licence v3.0"
    assert body["schema"] == "http://testserver/open-data/datasets/consultations/schema.json"
    assert body["columns"][0] == "id"
    titles = {row["title"]: row for row in body["rows"]}
    assert set(titles) == {FORMULA, "Volunteering code"}
    assert titles[FORMULA]["length_days"] == 84 and titles[FORMULA]["twelve_weeks_or_more"] is True


def test_the_xlsx_neutralises_formulas_and_keeps_types(client, published):
    response = client.get(reverse("opendata:dataset-xlsx", args=["consultations"]))
    assert response["Content-Disposition"] == 'attachment; filename="consultations.xlsx"'
    sheet = openpyxl.load_workbook(io.BytesIO(_body(response)))["consultations"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("id", "title", "body")
    row = next(row for row in rows[1:] if row[1].startswith("'="))
    assert row[1] == "'" + FORMULA and row[2] == "'+1 Agency"
    assert row[8] == 84 and row[10] is True
    assert all(cell.data_type != "f" for line in sheet.iter_rows() for cell in line)


def test_the_schema_is_a_table_schema_from_the_columns(client, db):
    response = client.get(reverse("opendata:dataset-schema", args=["local-area-agreements"]))
    schema = response.json()
    assert schema["name"] == "local-area-agreements"
    fields = {field["name"]: field for field in schema["fields"]}
    assert fields["ni_number"]["type"] == "integer" and fields["local_compact"]["type"] == "boolean"
    assert [field["name"] for field in schema["fields"]] == registry()["local-area-agreements"].header


def test_an_unknown_dataset_is_not_found(client, db):
    assert client.get("/open-data/datasets/no-such-thing.csv").status_code == 404
    assert client.get("/open-data/datasets/no-such-thing/schema.json").status_code == 404


@pytest.mark.parametrize("file_format", ["csv", "json", "xlsx"])
def test_a_download_answers_conditional_requests_with_not_modified(client, published, file_format):
    url = reverse(f"opendata:dataset-{file_format}", args=["consultations"])
    response = client.get(url)
    assert response["ETag"].startswith('W/"consultations-') and response["Last-Modified"]
    assert client.get(url, headers={"If-None-Match": response["ETag"]}).status_code == 304
    assert client.get(url, headers={"If-Modified-Since": response["Last-Modified"]}).status_code == 304


def test_a_change_to_a_published_record_changes_the_etag(client, published):
    url = reverse("opendata:dataset-csv", args=["consultations"])
    first = client.get(url)["ETag"]
    published["open"].title = "Renamed"
    published["open"].save()
    again = client.get(url, headers={"If-None-Match": first})
    assert again.status_code == 200 and again["ETag"] != first


def test_the_schema_answers_conditional_requests(client, published):
    url = reverse("opendata:dataset-schema", args=["consultations"])
    etag = client.get(url)["ETag"]
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 304


def _more_records(count: int) -> None:
    body = CompactBodyFactory()
    for number in range(count):
        _consultation(f"More {number}", "outcome_published", body=body, outcome_published_on=datetime.date(2026, 4, 1))
        BreachCaseFactory(body=CompactBodyFactory())
        meeting = MeetingFactory(status="minutes_approved", minutes="More minutes")
        Decision.objects.create(meeting=meeting, text="Another decision")
        AgreementTargetFactory()
        AwardFactory(published_on=datetime.date(2026, 1, 5))
        ContractAwardFactory(supplier_is_third_sector=True)


@pytest.mark.parametrize("slug", SLUGS)
@pytest.mark.parametrize("file_format", ["csv", "json", "xlsx"])
def test_a_download_costs_the_same_queries_whatever_the_rows(client, published, slug, file_format,
                                                             django_assert_max_num_queries):  # fmt: skip
    url = reverse(f"opendata:dataset-{file_format}", args=[slug])
    with django_assert_max_num_queries(8):
        _body(client.get(url))
    _more_records(6)
    with django_assert_max_num_queries(8):
        _body(client.get(url))


@pytest.mark.parametrize("role", ALL_ROLES)
def test_everyone_may_download_every_dataset(clients_by_role, published, role):
    client = clients_by_role[role]
    for slug in SLUGS:
        assert client.get(reverse("opendata:dataset-csv", args=[slug])).status_code == 200


def test_the_catalogue_lists_each_dataset_with_formats_licence_update_time_and_schema(client, published):
    page = client.get(reverse("opendata:catalogue")).content.decode()
    for slug in SLUGS:
        for url in (
            reverse("opendata:dataset-csv", args=[slug]),
            reverse("opendata:dataset-json", args=[slug]),
            reverse("opendata:dataset-xlsx", args=[slug]),
            reverse("opendata:dataset-schema", args=[slug]),
        ):
            assert f'href="{url}"' in page
    assert reverse("compact_api:consultation-list") in page
    assert "Nothing published yet" not in page
    assert "Live: up to date" not in page
