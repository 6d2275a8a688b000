"""The package validates against 360Giving 1.4.3 offline, and each extra rule catches the grant that breaks it."""

import copy
import socket

import pytest
from django.utils import timezone

from thirdsector.opendata.services.three_sixty_giving import package_metadata, published_grants
from thirdsector.opendata.services.validation import package_problems, schema_problems


@pytest.fixture
def package(grants) -> dict:
    return {**package_metadata(generated_at=timezone.now()), "grants": list(published_grants())}


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("validation tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def _broken(package: dict, reference: str, change) -> dict:
    broken = copy.deepcopy(package)
    grant = next(grant for grant in broken["grants"] if grant["id"].endswith(reference))
    change(grant)
    return broken


def test_every_kind_of_grant_validates_against_the_schema_and_the_extra_rules(package, no_network):
    assert len(package["grants"]) == 4
    assert package_problems(package) == []


def test_the_package_with_site_links_validates_too(grants, settings, no_network):
    settings.SITE_URL = "https://thirdsector.example"
    package = {
        **package_metadata(
            generated_at=timezone.now(), download_url="https://thirdsector.example/open-data/360giving/grants.json"
        ),
        "grants": list(published_grants()),
    }
    assert package["publisher"]["website"] == "https://thirdsector.example"
    assert package_problems(package) == []


def test_the_schema_catches_a_missing_required_field(package, no_network):
    broken = _broken(package, "SPG-2026-0001", lambda grant: grant.pop("fundingOrganization"))
    assert any(
        "fundingOrganization" in problem or "is not valid under" in problem for problem in schema_problems(broken)
    )


def test_the_schema_catches_an_amount_written_as_text(package):
    broken = _broken(package, "SPG-2026-0001", lambda grant: grant.update(amountAwarded="£150,000"))
    assert any(problem.startswith("grants/0/amountAwarded") for problem in schema_problems(broken))


def test_the_schema_is_resolved_from_the_local_copy_of_the_grant_schema(package, no_network):
    broken = _broken(package, "SPG-2026-0001", lambda grant: grant.update(currency="XYZ"))
    assert any("'XYZ' is not one of" in problem for problem in schema_problems(broken))


def test_an_empty_package_breaks_the_schema(no_network):
    assert any("should be non-empty" in problem for problem in schema_problems({"grants": [], "version": "1.4"}))


def test_a_grant_id_without_the_publishers_prefix_is_a_problem(package):
    broken = _broken(package, "SPG-2026-0001", lambda grant: grant.update(id="SPG-2026-0001"))
    assert "Grant SPG-2026-0001: the id must start with the publisher's prefix 360G-thirdsector-" in package_problems(
        broken
    )


def test_a_grant_id_used_twice_is_a_problem(package):
    broken = copy.deepcopy(package)
    duplicate = {**broken["grants"][1], "id": broken["grants"][0]["id"]}
    broken["grants"][1] = duplicate
    assert f"Grant {duplicate['id']}: the id is used by more than one grant" in package_problems(broken)


def test_an_internal_key_as_the_recipients_id_is_a_problem(package):
    broken = _broken(package, "SPG-2026-0001", lambda grant: grant["recipientOrganization"][0].update(id="1234"))
    assert "Grant 360G-thirdsector-SPG-2026-0001: the recipient's id '1234' is not an Org-ID" in package_problems(
        broken
    )


def test_a_malformed_org_id_for_the_funder_is_a_problem(package):
    broken = _broken(package, "SPG-2026-0001", lambda grant: grant["fundingOrganization"][0].update(id="GB-CHC-12"))
    assert "Grant 360G-thirdsector-SPG-2026-0001: the funder's id 'GB-CHC-12' is not an Org-ID" in package_problems(
        broken
    )


def test_a_place_code_that_is_not_a_gss_code_is_a_problem(package):
    broken = _broken(package, "SPG-2026-0001", lambda grant: grant["beneficiaryLocation"][0].update(geoCode="LDS"))
    assert "Grant 360G-thirdsector-SPG-2026-0001: the beneficiary location's code 'LDS' is not an ONS GSS code" in (
        package_problems(broken)
    )


def test_a_place_code_type_outside_the_codelist_is_a_problem(package):
    broken = _broken(package, "SPG-2026-0001", lambda grant: grant["beneficiaryLocation"][0].update(geoCodeType="LBO"))
    assert (
        "Grant 360G-thirdsector-SPG-2026-0001: the beneficiary location's code type 'LBO' "
        "is not in the geoCodeType codelist" in package_problems(broken)
    )


def test_a_place_code_type_that_does_not_match_its_code_is_a_problem(package):
    broken = _broken(package, "SPG-2026-0001", lambda grant: grant["beneficiaryLocation"][0].update(geoCodeType="NMD"))
    assert (
        "Grant 360G-thirdsector-SPG-2026-0001: the beneficiary location's code E08000035 is of type MD, not NMD"
        in package_problems(broken)
    )


def test_a_multi_year_grant_without_planned_dates_is_a_problem(package):
    broken = _broken(package, "SPG-2026-0001", lambda grant: grant.update(plannedDates=[{"duration": 36}]))
    assert (
        "Grant 360G-thirdsector-SPG-2026-0001: a grant over 12 months must give its planned start date and its end date"
        in package_problems(broken)
    )


def test_a_grant_of_unknown_length_without_planned_dates_is_a_problem(package):
    broken = _broken(package, "SPG-2026-0001", lambda grant: grant.pop("plannedDates"))
    assert any(
        problem.startswith("Grant 360G-thirdsector-SPG-2026-0001: give the planned start date")
        for problem in package_problems(broken)
    )


def test_a_one_year_grant_may_give_its_duration_alone(package):
    broken = _broken(package, "CSG-2026-0001", lambda grant: grant.update(plannedDates=[{"duration": 12}]))
    assert package_problems(broken) == []


def test_a_currency_other_than_pounds_is_a_problem(package):
    broken = _broken(package, "SPG-2026-0001", lambda grant: grant.update(currency="EUR"))
    assert "Grant 360G-thirdsector-SPG-2026-0001: the currency must be GBP, not 'EUR'" in package_problems(broken)


def test_an_award_date_written_as_a_date_time_is_a_problem(package):
    broken = _broken(package, "SPG-2026-0001", lambda grant: grant.update(awardDate="2026-04-01T10:00:00+00:00"))
    assert "Grant 360G-thirdsector-SPG-2026-0001: the award date must be a date written YYYY-MM-DD" in (
        package_problems(broken)
    )


def test_an_award_date_that_is_no_date_is_a_problem(package):
    broken = _broken(package, "SPG-2026-0001", lambda grant: grant.update(awardDate="2026-02-30"))
    assert "Grant 360G-thirdsector-SPG-2026-0001: the award date must be a date written YYYY-MM-DD" in (
        package_problems(broken)
    )
