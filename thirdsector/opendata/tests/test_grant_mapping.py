"""Each published award becomes a 360Giving grant with Org-IDs, GSS codes, planned dates and its programme."""

import datetime

import pytest
from django.utils import timezone

from thirdsector.funding.models import Award
from thirdsector.opendata.selectors.grants import identifiers_of, published_awards
from thirdsector.opendata.services.three_sixty_giving import grant_for, published_grants


def _grants_by_id(**kwargs) -> dict[str, dict]:
    return {grant["id"]: grant for grant in published_grants(**kwargs)}


def test_only_awards_published_by_today_are_grants(grants):
    assert set(_grants_by_id()) == {f"360G-thirdsector-{award.reference}" for award in grants.published}


def test_a_grant_published_tomorrow_appears_tomorrow(grants):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    assert "360G-thirdsector-SPG-2026-0003" in _grants_by_id(today=tomorrow)


def test_core_funding_carries_its_funder_recipient_programme_and_dates(grants):
    grant = _grants_by_id()["360G-thirdsector-SPG-2026-0001"]
    award = grants.core_funding
    assert grant["title"] == "Core funding"
    assert grant["description"] == "Salaries and running costs of our policy team."
    assert grant["currency"] == "GBP"
    assert grant["amountAwarded"] == 150000 and isinstance(grant["amountAwarded"], int)
    assert grant["awardDate"] == timezone.localtime(award.approved_at).date().isoformat()
    assert grant["plannedDates"] == [
        {"startDate": award.starts_on.isoformat(), "endDate": award.ends_on.isoformat(), "duration": 36}
    ]
    assert grant["fundingOrganization"] == [
        {"id": "GB-GOR-D4", "name": "Department for Communities and Local Government"}
    ]
    assert grant["recipientOrganization"] == [
        {
            "id": "GB-CHC-1123456",
            "name": "National Network of Tenants",
            "charityNumber": "1123456",
            "companyNumber": "01234567",
            "addressLocality": "Leeds",
            "postalCode": "LS1 4AP",
        }
    ]
    assert grant["grantProgramme"] == [{"code": "SPG", "title": "Strategic Partners Grant Programme"}]
    assert grant["beneficiaryLocation"] == [
        {"name": "Leeds", "countryCode": "GB", "geoCode": "E08000035", "geoCodeType": "MD"}
    ]
    assert "regrantType" not in grant
    assert datetime.datetime.fromisoformat(grant["dateModified"]).tzinfo is not None


def test_a_regrant_award_names_its_regrant_type_and_a_recipient_without_org_id_gets_ours(grants):
    grant = _grants_by_id()["360G-thirdsector-SGLF-2026-0001"]
    assert grant["regrantType"] == "FRG010"
    assert grant["recipientOrganization"][0]["id"] == f"360G-thirdsector-ORG-{grants.regrant.organisation_id:06d}"
    assert grant["beneficiaryLocation"][0] == {
        "name": "Camden", "countryCode": "GB", "geoCode": "E09000007", "geoCodeType": "LONB"
    }  # fmt: skip


def test_an_end_grant_is_funded_by_the_local_funder_and_keeps_its_pence(grants):
    grant = _grants_by_id()["360G-thirdsector-CSG-2026-0001"]
    assert grant["fundingOrganization"][0] == {
        "id": f"360G-thirdsector-ORG-{grants.regrant.organisation_id:06d}",
        "name": "Camden Community Foundation",
    }
    assert grant["amountAwarded"] == 2499.5
    assert grant["grantProgramme"] == [{"code": "CSG", "title": "Camden Small Grants"}]
    assert "regrantType" not in grant


def test_an_asset_transfer_grant_is_funded_by_the_outside_body_and_placed_in_wales(grants):
    grant = _grants_by_id()["360G-thirdsector-CATF-2026-0001"]
    assert grant["fundingOrganization"][0] == {"id": "GB-COH-04227526", "name": "Adventure Capital Fund"}
    assert grant["beneficiaryLocation"][0]["geoCode"] == "W06000015"
    assert grant["beneficiaryLocation"][0]["geoCodeType"] == "UA"


def test_a_place_the_codelist_has_no_type_for_keeps_its_name_only(grants):
    from thirdsector.register.models import Area

    organisation = grants.core_funding.organisation
    organisation.local_authority = Area.objects.get(gss_code="N09000003")
    organisation.save()
    grant = _grants_by_id()["360G-thirdsector-SPG-2026-0001"]
    assert grant["beneficiaryLocation"] == [{"name": "Belfast", "countryCode": "GB"}]


def test_a_grant_without_a_description_is_described_by_its_programme(grants):
    Award.objects.filter(pk=grants.core_funding.pk).update(description="")
    grant = _grants_by_id()["360G-thirdsector-SPG-2026-0001"]
    assert grant["description"].startswith("A grant from the Strategic Partners Grant Programme.")


def test_links_to_the_public_award_page_when_the_site_address_is_known(grants, settings):
    settings.SITE_URL = "https://thirdsector.example"
    grant = _grants_by_id()["360G-thirdsector-SPG-2026-0001"]
    assert grant["url"] == "https://thirdsector.example/funding/awards/SPG-2026-0001/"


def test_the_prefix_comes_from_settings(grants, settings):
    settings.OPENDATA_360GIVING_PREFIX = "360G-example"
    assert "360G-example-SPG-2026-0001" in _grants_by_id()


def test_reading_the_grants_costs_the_same_queries_per_chunk_whatever_the_rows(grants, django_assert_num_queries):
    # One chunk: the awards, then the identifiers of their recipients and funders.
    with django_assert_num_queries(2):
        assert len(list(published_grants(chunk_size=100))) == 4


@pytest.mark.parametrize(("chunk_size", "queries"), [(1, 5), (2, 3)])
def test_each_further_chunk_adds_only_its_identifiers_query(grants, django_assert_num_queries, chunk_size, queries):
    # The awards are one query read a chunk at a time; each chunk reads its organisations' identifiers.
    with django_assert_num_queries(queries):
        list(published_grants(chunk_size=chunk_size))


def test_grant_for_maps_an_award_read_by_the_selector(grants):
    award = published_awards(today=timezone.localdate()).get(pk=grants.end_grant.pk)
    identifiers = identifiers_of([award.organisation_id, award.programme.administering_body_id])
    assert grant_for(award, identifiers)["id"] == "360G-thirdsector-CSG-2026-0001"
