"""The 360Giving files at stable public URLs, the index a registry harvests, and the data catalogue page."""

import csv
import io
import json

import openpyxl
import pytest
from django.urls import reverse

from thirdsector.conftest import ALL_ROLES
from thirdsector.opendata.models import GrantsSnapshot
from thirdsector.opendata.services.snapshots import generate_snapshot
from thirdsector.opendata.services.validation import package_problems


@pytest.fixture(autouse=True)
def media_in_a_temporary_directory(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_the_urls_are_stable():
    assert reverse("opendata:catalogue") == "/open-data/"
    assert reverse("opendata:360giving-json") == "/open-data/360giving/grants.json"
    assert reverse("opendata:360giving-csv") == "/open-data/360giving/grants.csv"
    assert reverse("opendata:360giving-xlsx") == "/open-data/360giving/grants.xlsx"
    assert reverse("opendata:360giving-index") == "/open-data/360giving/data.json"


def test_the_first_download_generates_the_snapshot_and_the_package_validates(client, grants):
    response = client.get(reverse("opendata:360giving-json"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    package = json.loads(b"".join(response.streaming_content))
    assert package_problems(package) == []
    assert GrantsSnapshot.objects.count() == 1


def test_the_files_come_from_the_newest_snapshot(client, grants):
    generate_snapshot()
    grants.core_funding.title = "Changed after the snapshot"
    grants.core_funding.save()
    package = json.loads(b"".join(client.get(reverse("opendata:360giving-json")).streaming_content))
    assert "Changed after the snapshot" not in [grant["title"] for grant in package["grants"]]


def test_the_csv_downloads_as_an_attachment(client, grants):
    response = client.get(reverse("opendata:360giving-csv"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="thirdsector-360giving-grants.csv"'
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][0] == "Identifier" and len(rows) == 5


def test_the_xlsx_downloads_as_a_workbook(client, grants):
    response = client.get(reverse("opendata:360giving-xlsx"))
    assert response["Content-Disposition"] == 'attachment; filename="thirdsector-360giving-grants.xlsx"'
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    assert len(list(workbook["grants"].iter_rows())) == 5


def test_a_download_carries_its_validators_and_answers_not_modified(client, grants):
    snapshot = generate_snapshot()
    response = client.get(reverse("opendata:360giving-json"))
    assert response["ETag"] == f'"360g-{snapshot.pk}-json"'
    assert response["Last-Modified"]
    again = client.get(reverse("opendata:360giving-json"), headers={"If-None-Match": response["ETag"]})
    assert again.status_code == 304
    since = client.get(reverse("opendata:360giving-csv"), headers={"If-Modified-Since": response["Last-Modified"]})
    assert since.status_code == 304


def test_a_new_snapshot_changes_the_etag(client, grants):
    first = client.get(reverse("opendata:360giving-json"))["ETag"]
    generate_snapshot()
    response = client.get(reverse("opendata:360giving-json"), headers={"If-None-Match": first})
    assert response.status_code == 200
    assert response["ETag"] != first


def test_the_index_lists_each_file_with_the_licence_and_publisher(client, grants):
    snapshot = generate_snapshot()
    response = client.get(reverse("opendata:360giving-index"))
    assert response.status_code == 200
    [dataset] = response.json()
    assert dataset["license"] == "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
    assert dataset["publisher"]["org_id"] == "GB-GOR-D4"
    assert dataset["publisher"]["prefix"] == "360G-thirdsector"
    assert dataset["grants"] == 4
    assert (
        dataset["modified"]
        == snapshot.generated_at.astimezone(
            __import__("django.utils.timezone", fromlist=["x"]).get_current_timezone()
        ).isoformat()
    )
    assert [item["downloadURL"] for item in dataset["distribution"]] == [
        "http://testserver/open-data/360giving/grants.json",
        "http://testserver/open-data/360giving/grants.csv",
        "http://testserver/open-data/360giving/grants.xlsx",
    ]


@pytest.mark.parametrize("role", ALL_ROLES)
def test_everyone_may_download_the_grants_and_see_the_catalogue(clients_by_role, grants, role):
    client = clients_by_role[role]
    assert client.get(reverse("opendata:360giving-csv")).status_code == 200
    assert client.get(reverse("opendata:360giving-index")).status_code == 200
    assert client.get(reverse("opendata:catalogue")).status_code == 200


def test_the_catalogue_lists_the_grants_with_licence_formats_update_time_and_schema(client, grants):
    snapshot = generate_snapshot()
    response = client.get(reverse("opendata:catalogue"))
    page = response.content.decode()
    assert page.count("<h1") == 1
    assert '<caption class="govuk-table__caption govuk-table__caption--m">Datasets</caption>' in page
    assert "Grants in the 360Giving Data Standard" in page
    for url in (
        "/open-data/360giving/grants.json",
        "/open-data/360giving/grants.csv",
        "/open-data/360giving/grants.xlsx",
    ):
        assert f'href="{url}"' in page
    assert "Open Government Licence v3.0" in page
    assert "https://standard.threesixtygiving.org/en/1.4.3/" in page
    assert snapshot.generated_at.strftime("%Y") in page
    assert "/funding/published-awards/?format=csv" in page


def test_the_catalogue_lists_anchors_services_as_open_referral_uk(client, grants):
    page = client.get(reverse("opendata:catalogue")).content.decode()
    assert "Open Referral UK" in page
    assert reverse("anchors_api:oruk-service-list") in page


def test_the_catalogue_hides_datasets_whose_pages_do_not_exist(client, grants, monkeypatch):
    from thirdsector.opendata.selectors import catalogue

    monkeypatch.setattr(catalogue, "ORUK_SERVICE_URL_NAME", "anchors_api:no-such-page")
    page = client.get(reverse("opendata:catalogue")).content.decode()
    assert "Open Referral UK" not in page


def test_the_catalogue_before_any_snapshot_says_when_it_will_be_made(client, db):
    page = client.get(reverse("opendata:catalogue")).content.decode()
    assert "Generated at the first download" in page


def test_the_catalogue_costs_the_same_queries_whatever_the_grants(client, grants, django_assert_num_queries):
    generate_snapshot()
    # Session-free public page: the snapshot, the last change of each published dataset (one query each;
    # two for grants, three for the Local Area Agreements) and of anchors' services.
    with django_assert_num_queries(13):
        assert client.get(reverse("opendata:catalogue")).status_code == 200


def test_a_download_costs_the_same_queries_whatever_the_grants(client, grants, django_assert_num_queries):
    generate_snapshot()
    with django_assert_num_queries(1):
        assert client.get(reverse("opendata:360giving-csv")).status_code == 200


def test_the_catalogue_lists_contracts_awarded_to_the_third_sector(client, db):
    page = client.get(reverse("opendata:catalogue")).content.decode()
    assert "Contracts and grants awarded to third sector organisations" in page
    assert reverse("commissioning:published-awards") + "?third_sector=yes&amp;format=csv" in page
