"""Councils' yearly results against LAA targets, and NI 6 and NI 7 computed from them.

Hand-counted fixture: Leeds (NI 6 20.0, NI 7 40.0), Bradford (NI 6 25.0) and Wakefield (NI 6 30.5) report
for 2009 of their 2008 agreements, so NI 6 for 2009 is (20.0 + 25.0 + 30.5) / 3 = 25.17, shown 25.2; NI 7
is Leeds alone, 40.0. Kirklees reports NI 6 only for 2010, so is not in 2009's figure.
"""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from thirdsector.conftest import ALL_ROLES, STAFF_ROLES, signed_in_client
from thirdsector.register.models import Area, OrganisationKind
from thirdsector.register.tests.factories import OrganisationFactory

from ..demo_indicator_results import load_indicator_results
from ..models import IndicatorResult, NationalIndicator
from ..selectors.indicators import ni6_volunteering, ni7_thriving_third_sector
from ..services.indicator_results import agreement_years, record_result
from ..services.local import LocalPartnershipError
from .factories import AgreementTargetFactory, LocalAreaAgreementFactory

pytestmark = pytest.mark.django_db


def _agreement(council):
    return LocalAreaAgreementFactory(partnership__council=council)


def _target(agreement, number: int):
    return AgreementTargetFactory(agreement=agreement, indicator=NationalIndicator.objects.get(number=number))


def _council(name: str, gss_code: str):
    return OrganisationFactory(
        name=name, kind=OrganisationKind.LOCAL_AUTHORITY, local_authority=Area.objects.get(gss_code=gss_code)
    )


def _report(target, year: int, value: str, by) -> IndicatorResult:
    return record_result(
        agreement=target.agreement,
        target=target,
        year=year,
        value=Decimal(value),
        source="Place Survey 2008",
        reason="Annual return",
        by=by,
    )


@pytest.fixture
def leeds_agreement(leeds_council):
    return _agreement(leeds_council)


@pytest.fixture
def reported(leeds_agreement, other_council, staff_user):
    ni6 = _target(leeds_agreement, 6)
    _report(ni6, 2009, "20.0", staff_user)
    _report(_target(leeds_agreement, 7), 2009, "40.0", staff_user)
    _report(ni6, 2010, "22.0", staff_user)
    _report(_target(_agreement(other_council), 6), 2009, "25.0", staff_user)
    _report(_target(_agreement(_council("Wakefield Council", "E08000036")), 6), 2009, "30.5", staff_user)
    _report(_target(_agreement(_council("Kirklees Council", "E08000034")), 6), 2010, "18.0", staff_user)


def test_an_agreements_years_are_the_three_it_starts(leeds_agreement):
    assert agreement_years(leeds_agreement) == [2008, 2009, 2010]


def test_ni6_is_the_mean_of_the_councils_reporting_it_that_year(reported):
    headline, *councils = ni6_volunteering(year=2009)
    assert headline.numerator == Decimal("25.2") and headline.denominator is None and headline.breakdown == ""
    assert [(row.key, row.label, row.value) for row in councils] == [
        ("E08000032", "Bradford Metropolitan District Council", Decimal("25.0")),
        ("E08000035", "Leeds City Council", Decimal("20.0")),
        ("E08000036", "Wakefield Council", Decimal("30.5")),
    ]
    assert {row.breakdown for row in councils} == {"council"}


def test_ni7_counts_only_councils_that_chose_it(reported):
    headline, leeds = ni7_thriving_third_sector(year=2009)
    assert (headline.value, leeds.label, leeds.value) == (Decimal("40.0"), "Leeds City Council", Decimal("40.0"))


def test_a_year_nobody_reported_has_no_figure(reported):
    assert ni6_volunteering(year=2011) == []


def test_the_rows_behind_ni6_are_the_results_averaged(reported, staff_client):
    headline, *councils = ni6_volunteering(year=2009)
    page = staff_client.get(headline.rows_url)
    assert page.status_code == 200
    values = [result.value for result in page.context["rows"]]
    assert len(values) == 3
    assert (sum(values) / len(values)).quantize(Decimal("0.1")) == headline.value
    bradford = staff_client.get(councils[0].rows_url)
    assert [result.value for result in bradford.context["rows"]] == [Decimal("25.0")]


def test_the_results_list_downloads_as_csv(reported, staff_client):
    response = staff_client.get(reverse("partnerships:local-indicator-results-csv") + "?ni=6&year=2009")
    lines = response.content.decode().splitlines()
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert lines[0].startswith("Council,GSS code,Result (%)")
    assert len(lines) == 4


def test_the_results_list_lists_only_ni6_and_ni7(staff_client):
    assert staff_client.get(reverse("partnerships:local-indicator-results") + "?ni=4&year=2009").status_code == 404


def test_the_results_list_reads_in_a_fixed_number_of_queries(reported, staff_client, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        staff_client.get(reverse("partnerships:local-indicator-results") + "?ni=6&year=2009")


@pytest.mark.parametrize("role", ALL_ROLES)
def test_only_staff_see_the_results_list(clients_by_role, role):
    response = clients_by_role[role].get(reverse("partnerships:local-indicator-results") + "?ni=6&year=2009")
    expected = 200 if role in STAFF_ROLES else 302 if role == "public" else 403
    assert response.status_code == expected


def test_a_council_officer_records_a_result_with_its_history(leeds_officer_client, leeds_officer, leeds_agreement):
    target = _target(leeds_agreement, 6)
    url = reverse("partnerships:local-result-record", args=[leeds_agreement.pk])
    form = {"target": target.pk, "year": 2009, "value": "23.4", "baseline": "21.0", "source": "Place Survey"}
    response = leeds_officer_client.post(url, {**form, "reason": "First return"})
    assert response.status_code == 302
    result = IndicatorResult.objects.get(target=target, year=2009)
    assert (result.value, result.baseline, result.reported_by) == (Decimal("23.4"), Decimal("21.0"), leeds_officer)
    leeds_officer_client.post(url, {**form, "value": "24.0", "reason": "Corrected after audit"})
    result.refresh_from_db()
    assert result.value == Decimal("24.0")
    assert [entry.history_change_reason for entry in result.history.all()] == ["Corrected after audit", "First return"]
    page = leeds_officer_client.get(reverse("partnerships:local-agreement", args=[leeds_agreement.pk]))
    assert url in page.content.decode()


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"value": "100.5"}, "value", "The result must be a percentage between 0 and 100"),
        ({"value": "-1"}, "value", "The result must be a percentage between 0 and 100"),
        ({"baseline": "120"}, "baseline", "The baseline must be a percentage between 0 and 100"),
        ({"year": 2011}, "year", "Choose one of the agreement's years"),
        ({"reason": ""}, "reason", "Enter the reason for this change"),
        ({"source": ""}, "source", "Say where the figure comes from"),
    ],
)
def test_a_result_is_refused_with_a_govuk_error(leeds_officer_client, leeds_agreement, change, field, message):
    target = _target(leeds_agreement, 6)
    form = {"target": target.pk, "year": 2009, "value": "23.4", "source": "Place Survey", "reason": "Return"}
    response = leeds_officer_client.post(
        reverse("partnerships:local-result-record", args=[leeds_agreement.pk]), {**form, **change}
    )
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert "govuk-error-summary" in response.content.decode()
    assert not IndicatorResult.objects.exists()


def test_only_the_agreements_own_targets_may_be_reported(leeds_officer_client, leeds_agreement, other_council):
    theirs = _target(_agreement(other_council), 6)
    form = {"target": theirs.pk, "year": 2009, "value": "23.4", "source": "Place Survey", "reason": "Return"}
    response = leeds_officer_client.post(reverse("partnerships:local-result-record", args=[leeds_agreement.pk]), form)
    assert response.context["form"].errors["target"] == ["Choose one of this agreement's targets"]
    with pytest.raises(LocalPartnershipError, match="this agreement's targets"):
        record_result(
            agreement=leeds_agreement, target=theirs, year=2009, value=Decimal(1), source="x", reason="y", by=None
        )


def test_an_officer_of_another_council_may_not_record(other_council, leeds_agreement):
    from thirdsector.accounts.roles import MembershipRole, Role
    from thirdsector.accounts.tests.factories import MembershipFactory, UserFactory

    officer = UserFactory(roles=[Role.COUNCIL_OFFICER])
    MembershipFactory(user=officer, organisation=other_council, role=MembershipRole.ADMINISTRATOR)
    url = reverse("partnerships:local-result-record", args=[leeds_agreement.pk])
    assert signed_in_client(officer).get(url).status_code == 403
    page = signed_in_client(officer).get(reverse("partnerships:local-agreement", args=[leeds_agreement.pk]))
    assert url not in page.content.decode()


@pytest.mark.parametrize("role", ALL_ROLES)
def test_no_one_but_staff_records_for_a_council_they_do_not_act_for(clients_by_role, role, leeds_agreement):
    response = clients_by_role[role].get(reverse("partnerships:local-result-record", args=[leeds_agreement.pk]))
    expected = 200 if role in STAFF_ROLES else 302 if role == "public" else 403
    assert response.status_code == expected


def test_an_unknown_agreement_is_404(staff_client):
    assert staff_client.get(reverse("partnerships:local-result-record", args=[999999])).status_code == 404


def test_the_demo_reports_ni6_and_ni7_for_a_current_agreement(leeds_council, leeds_officer, other_council):
    _target(_agreement(leeds_council), 6)
    _target(_agreement(other_council), 7)
    load_indicator_results()
    load_indicator_results()  # a second load adds nothing
    results = IndicatorResult.objects.select_related("target__agreement")
    assert results.count() == 6
    assert {result.target.agreement.starts_on for result in results} == {datetime.date(2023, 4, 1)}
    assert {result.year for result in results} == {2023, 2024, 2025}
    assert all(Decimal(0) <= result.value <= Decimal(100) for result in results)
    assert len(ni6_volunteering(year=2024)) == 2
