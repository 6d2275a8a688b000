"""Each indicator against a hand-counted fixture, and each figure traceable to the rows it came from."""

import datetime
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import resolve

from thirdsector.compact.models import BreachFinding
from thirdsector.compact.tests.factories import BreachCaseFactory, CompactBodyFactory, ConsultationFactory
from thirdsector.conftest import signed_in_client
from thirdsector.funding.models import ProgrammeBudget
from thirdsector.funding.tests.factories import AwardFactory, PaymentFactory, ProgrammeFactory

from ..models import Indicator, IndicatorValue
from ..services.indicators import compute_indicator, sync_indicators

pytestmark = pytest.mark.django_db


def values_of(slug: str, year: int) -> dict[str, IndicatorValue]:
    indicator = Indicator.objects.get(slug=slug)
    compute_indicator(indicator, years=[year])
    return {value.breakdown_label: value for value in indicator.values.filter(year=year)}


def rows_behind(url: str, client: Client) -> int:
    response = client.get(url)
    assert response.status_code == 200, url
    assert resolve(url.split("?")[0])
    rows = response.context.get("rows")
    return len(rows if rows is not None else list(response.context["page_obj"]))


@pytest.fixture(autouse=True)
def indicators(db):
    return sync_indicators()


@pytest.fixture
def bodies(db):
    return CompactBodyFactory(organisation__name="Department A"), CompactBodyFactory(organisation__name="Agency B")


@pytest.fixture
def breaches(bodies):
    first, second = bodies
    for reported_on, body, outcome in [
        (datetime.date(2025, 2, 1), first, BreachFinding.UPHELD),
        (datetime.date(2025, 6, 1), first, BreachFinding.NOT_UPHELD),
        (datetime.date(2025, 12, 31), first, BreachFinding.PARTLY_UPHELD),
        (datetime.date(2025, 7, 1), second, ""),
        (datetime.date(2024, 7, 1), second, BreachFinding.UPHELD),
    ]:
        BreachCaseFactory(body=body, reported_on=reported_on, outcome=outcome)


def test_breaches_reported_count_the_year_by_body(breaches):
    values = values_of("compact-breaches", 2025)
    assert (values[""].value, values["Department A"].value, values["Agency B"].value) == (4, 3, 1)
    assert values[""].denominator is None


def test_breaches_upheld_count_those_upheld_in_whole_or_part(breaches):
    values = values_of("compact-breaches-upheld", 2025)
    assert (values[""].value, values["Department A"].value, values["Agency B"].value) == (2, 2, 0)


def test_a_breach_figure_links_to_exactly_its_cases(breaches, staff_user):
    values = values_of("compact-breaches", 2025)
    client = signed_in_client(staff_user)
    assert rows_behind(values[""].rows_url, client) == 4
    assert rows_behind(values["Department A"].rows_url, client) == 3


def test_consultations_of_full_length_are_a_share_of_those_published(bodies, staff_user):
    first, _ = bodies
    opens = datetime.date(2025, 3, 3)
    for short in (False, False, False, True):
        ConsultationFactory(body=first, status="published", opens_on=opens, shorter_than_minimum=short)
    ConsultationFactory(body=first, status="draft", opens_on=opens)
    values = values_of("consultations-twelve-weeks", 2025)
    headline = values[""]
    assert (headline.numerator, headline.denominator, headline.value) == (3, 4, Decimal("75.0"))
    assert rows_behind(headline.rows_url, signed_in_client(staff_user)) == 4


def programme_with_budget_in(year: int):
    """A programme with a budget in `year`, so the staff lists offer that financial year as a filter."""
    programme = ProgrammeFactory(name="Strategic partners")
    ProgrammeBudget.objects.create(programme=programme, financial_year=year, amount=Decimal("10000000"))
    return programme


def test_three_year_funding_counts_committed_grants_not_short(staff_user):
    programme = programme_with_budget_in(2025)
    starts = datetime.date(2025, 4, 1)
    for _ in range(3):
        AwardFactory(programme=programme, status="accepted", starts_on=starts)
    AwardFactory(
        programme=programme, status="accepted", starts_on=starts, ends_on=datetime.date(2026, 3, 31), months=12,
        is_short=True, short_award_reason="A pilot", years={2025: Decimal("50000")},
    )  # fmt: skip
    AwardFactory(programme=programme, status="draft", starts_on=starts)
    values = values_of("three-year-funding", 2025)
    headline = values[""]
    assert (headline.numerator, headline.denominator, headline.value) == (3, 4, Decimal("75.0"))
    assert values["Strategic partners"].value == Decimal("75.0")
    assert rows_behind(headline.rows_url, signed_in_client(staff_user)) == 4


def test_payments_in_advance_are_those_paid_by_their_due_date(staff_user):
    programme = programme_with_budget_in(2025)
    award = AwardFactory(programme=programme, status="accepted", starts_on=datetime.date(2025, 4, 1))
    due = datetime.date(2025, 7, 1)
    for paid_on in (datetime.date(2025, 6, 20), due, datetime.date(2025, 7, 9)):
        PaymentFactory(award=award, due_on=due, status="paid", paid_on=paid_on)
    PaymentFactory(award=award, due_on=due, status="scheduled")
    headline = values_of("payments-in-advance", 2025)[""]
    assert (headline.numerator, headline.denominator, headline.value) == (2, 3, Decimal("66.7"))
    assert rows_behind(headline.rows_url, signed_in_client(staff_user)) == 3


def test_recomputing_a_year_replaces_its_values(breaches):
    values_of("compact-breaches", 2025)
    BreachCaseFactory(reported_on=datetime.date(2025, 8, 1))
    values = values_of("compact-breaches", 2025)
    assert values[""].value == 5
    assert Indicator.objects.get(slug="compact-breaches").values.filter(year=2025, breakdown_key="").count() == 1


def test_sustainable_anchors_are_a_share_of_accepted_returns(staff_user):
    from thirdsector.anchors.tests.factories import FinancialReturnFactory

    FinancialReturnFactory(accepted=True)
    FinancialReturnFactory(accepted=True)
    FinancialReturnFactory(accepted=True, income_grants=Decimal("80000.00"))  # grant dependency 57%
    FinancialReturnFactory()  # submitted, not yet accepted: not counted
    headline = values_of("sustainable-anchors", 2024)[""]
    assert (headline.numerator, headline.denominator, headline.value) == (2, 3, Decimal("66.7"))
    assert rows_behind(headline.rows_url, signed_in_client(staff_user)) == 3
