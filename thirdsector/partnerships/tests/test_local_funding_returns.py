"""Funding-practice returns: the share of funding of three years or more against hand-counted figures,
parts within the total, a council sees only its own returns, the staff comparison and its CSV."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from thirdsector.conftest import ALL_ROLES, STAFF_ROLES

from ..models import FundingPracticeReturn
from ..selectors.local import funding_returns_for_year, funding_returns_of_council
from ..services.local import LocalPartnershipError, file_funding_return
from .factories import FundingPracticeReturnFactory

pytestmark = pytest.mark.django_db

FIGURES = {
    "total": "800000.00",
    "grants": "300000.00",
    "contracts": "500000.00",
    "three_years_or_more": "200000.00",
    "one_year_or_less": "450000.00",
    "notice_before_cuts": "partly",
    "payment_in_advance": "yes",
    "small_grants_count": "25",
    "small_grants_amount": "50000.00",
}


def test_the_share_of_three_years_or_more_is_counted_by_the_database(leeds_council, other_council):
    # By hand: 250,000 of 1,000,000 is 25.0%; 1 of 3 is 33.3%; 2 of 3 is 66.7%; nothing of nothing has no share.
    FundingPracticeReturnFactory(council=leeds_council, year=2025)
    FundingPracticeReturnFactory(
        council=leeds_council,
        year=2024,
        total=Decimal("3.00"),
        grants=Decimal("3.00"),
        contracts=Decimal("0"),
        three_years_or_more=Decimal("1.00"),
        one_year_or_less=Decimal("2.00"),
        small_grants_amount=Decimal("0"),
    )
    FundingPracticeReturnFactory(
        council=leeds_council,
        year=2023,
        total=Decimal("3.00"),
        grants=Decimal("3.00"),
        contracts=Decimal("0"),
        three_years_or_more=Decimal("2.00"),
        one_year_or_less=Decimal("0"),
        small_grants_amount=Decimal("0"),
    )
    FundingPracticeReturnFactory(
        council=other_council,
        year=2025,
        total=Decimal("0"),
        grants=Decimal("0"),
        contracts=Decimal("0"),
        three_years_or_more=Decimal("0"),
        one_year_or_less=Decimal("0"),
        small_grants_amount=Decimal("0"),
    )
    shares = {row.year: row.share_three_years_or_more for row in funding_returns_of_council(leeds_council.pk)}
    assert shares == {2025: Decimal("25.0"), 2024: Decimal("33.3"), 2023: Decimal("66.7")}
    assert funding_returns_of_council(other_council.pk).get().share_three_years_or_more is None


def test_a_council_officer_files_its_return(leeds_officer_client, leeds_officer, leeds_council):
    response = leeds_officer_client.post(
        reverse("partnerships:local-funding-return-add", args=[leeds_council.pk]), {"year": "2025", **FIGURES}
    )
    assert response.status_code == 302
    row = FundingPracticeReturn.objects.get(council=leeds_council, year=2025)
    assert row.total == Decimal("800000.00")
    assert row.history.first().history_user == leeds_officer
    page = leeds_officer_client.get(reverse("partnerships:local-funding-returns", args=[leeds_council.pk]))
    assert "25.0%" in page.content.decode()
    assert "£800,000.00" in page.content.decode()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("contracts", "600000.00", "Grants and contracts together (£900,000.00) cannot be more than the total"),
        ("one_year_or_less", "700000.00", "cannot be more than the total (£800,000.00)"),
        ("small_grants_amount", "300000.01", "Small grants (£300,000.01) cannot be more than the grants"),
    ],
)
def test_parts_cannot_exceed_the_total_and_the_error_is_next_to_the_field(
    leeds_officer_client, leeds_council, field, value, message
):
    response = leeds_officer_client.post(
        reverse("partnerships:local-funding-return-add", args=[leeds_council.pk]),
        {"year": "2025", **FIGURES, field: value},
    )
    assert response.status_code == 200
    assert message in response.context["form"].errors[field][0]
    assert "govuk-error-summary" in response.content.decode()
    assert not FundingPracticeReturn.objects.exists()


def test_the_service_refuses_parts_beyond_the_total(leeds_council):
    with pytest.raises(LocalPartnershipError):
        file_funding_return(
            council=leeds_council,
            year=2025,
            total=Decimal("10"),
            grants=Decimal("11"),
            contracts=Decimal("0"),
            notice_before_cuts="yes",
            payment_in_advance="yes",
        )


def test_a_second_return_for_the_same_year_is_refused(leeds_officer_client, leeds_council):
    FundingPracticeReturnFactory(council=leeds_council, year=2025)
    response = leeds_officer_client.post(
        reverse("partnerships:local-funding-return-add", args=[leeds_council.pk]), {"year": "2025", **FIGURES}
    )
    assert response.status_code == 200
    assert "already filed" in response.context["form"].errors["year"][0]


def test_a_council_officer_corrects_its_return_with_the_reason_kept(leeds_officer_client, leeds_officer, leeds_council):
    FundingPracticeReturnFactory(council=leeds_council, year=2025)
    response = leeds_officer_client.post(
        reverse("partnerships:local-funding-return-edit", args=[leeds_council.pk, 2025]),
        {**FIGURES, "reason": "Audited accounts came in higher"},
    )
    assert response.status_code == 302
    row = FundingPracticeReturn.objects.get(council=leeds_council, year=2025)
    assert row.total == Decimal("800000.00")
    latest = row.history.latest()
    assert latest.history_change_reason == "Audited accounts came in higher"
    assert latest.history_user == leeds_officer


def test_a_correction_needs_a_reason(leeds_officer_client, leeds_council):
    original = FundingPracticeReturnFactory(council=leeds_council, year=2025)
    response = leeds_officer_client.post(
        reverse("partnerships:local-funding-return-edit", args=[leeds_council.pk, 2025]), FIGURES
    )
    assert response.status_code == 200
    assert response.context["form"].errors["reason"] == ["Enter the reason for this change"]
    assert "govuk-error-summary" in response.content.decode()
    assert FundingPracticeReturn.objects.get(pk=original.pk).total == original.total


def test_filing_a_new_return_asks_no_reason_and_records_it_as_filed(leeds_officer_client, leeds_council):
    form = leeds_officer_client.get(reverse("partnerships:local-funding-return-add", args=[leeds_council.pk]))
    assert "reason" not in form.context["form"].fields
    leeds_officer_client.post(
        reverse("partnerships:local-funding-return-add", args=[leeds_council.pk]), {"year": "2025", **FIGURES}
    )
    row = FundingPracticeReturn.objects.get(council=leeds_council, year=2025)
    assert row.history.get().history_change_reason == "Funding return filed"


def test_the_service_refuses_a_correction_without_a_reason(leeds_council):
    FundingPracticeReturnFactory(council=leeds_council, year=2025)
    with pytest.raises(LocalPartnershipError, match="Enter the reason for this change"):
        file_funding_return(council=leeds_council, year=2025, total=Decimal("10"), reason="  ")


def test_another_councils_returns_do_not_exist_for_a_council_officer(leeds_officer_client, other_council):
    FundingPracticeReturnFactory(council=other_council, year=2025)
    for name, args in [
        ("local-funding-returns", [other_council.pk]),
        ("local-funding-return-add", [other_council.pk]),
        ("local-funding-return-edit", [other_council.pk, 2025]),
    ]:
        assert leeds_officer_client.get(reverse(f"partnerships:{name}", args=args)).status_code == 404


@pytest.mark.parametrize("role", ALL_ROLES)
def test_only_staff_compare_councils(clients_by_role, role):
    for name in ("local-funding-comparison", "local-funding-comparison-csv"):
        response = clients_by_role[role].get(reverse(f"partnerships:{name}"))
        if role == "public":
            assert response.status_code == 302
        elif role in STAFF_ROLES:
            assert response.status_code == 200
        else:
            assert response.status_code == 403


def test_a_council_officer_cannot_see_the_comparison(leeds_officer_client):
    assert leeds_officer_client.get(reverse("partnerships:local-funding-comparison")).status_code == 403


@pytest.fixture
def two_councils_returns(leeds_council, other_council):
    FundingPracticeReturnFactory(council=leeds_council, year=2025)  # 25.0%
    FundingPracticeReturnFactory(
        council=other_council,
        year=2025,
        total=Decimal("400000.00"),
        grants=Decimal("400000.00"),
        contracts=Decimal("0"),
        three_years_or_more=Decimal("300000.00"),  # 75.0%
        one_year_or_less=Decimal("100000.00"),
    )
    FundingPracticeReturnFactory(council=other_council, year=2024)


def test_the_comparison_shows_each_councils_figures_for_the_year(staff_client, two_councils_returns):
    response = staff_client.get(reverse("partnerships:local-funding-comparison"), {"year": "2025", "sort": "share"})
    assert response.status_code == 200
    rows = [(row.council.name, row.share_three_years_or_more) for row in response.context["rows"]]
    assert rows == [
        ("Bradford Metropolitan District Council", Decimal("75.0")),
        ("Leeds City Council", Decimal("25.0")),
    ]
    body = response.content.decode()
    assert "75.0%" in body and "25.0%" in body and "£1,000,000.00" in body


def test_the_comparison_csv_holds_what_the_table_shows(staff_client, two_councils_returns):
    response = staff_client.get(reverse("partnerships:local-funding-comparison-csv"), {"year": "2025", "sort": "total"})
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][0] == "Council"
    assert [(row[0], row[2], row[7]) for row in rows[1:]] == [
        ("Leeds City Council", "1000000.00", "25.0"),
        ("Bradford Metropolitan District Council", "400000.00", "75.0"),
    ]


def test_the_comparison_does_not_grow_queries_with_councils(staff_client, django_assert_num_queries):
    FundingPracticeReturnFactory.create_batch(2, year=2025)
    url = reverse("partnerships:local-funding-comparison")
    staff_client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as before:
        staff_client.get(url)
    FundingPracticeReturnFactory.create_batch(5, year=2025)
    with django_assert_num_queries(len(before.captured_queries)):
        assert len(staff_client.get(url).context["rows"]) == 7


def test_the_selector_sorts_by_total(two_councils_returns):
    assert [row.total for row in funding_returns_for_year(2025, "total")] == [
        Decimal("1000000.00"),
        Decimal("400000.00"),
    ]
