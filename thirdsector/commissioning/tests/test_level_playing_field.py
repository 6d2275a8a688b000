"""The level playing field figures against hand-counted awards, and each figure's link to its rows.

Leeds City Council's financial year 2025, counted by hand (five awards, £105,000):

| award | supplier                         | kind     | value   | months | third sector | band    | led by         |
| 1     | micro charity (£5k income)       | contract | £10,000 | 12     | yes          | micro   | BME            |
| 2     | small charity (£25k)             | grant    | £20,000 | 36     | yes          | small   | user           |
| 3     | medium CIC (£500k)               | contract | £30,000 | 36     | yes          | medium  |                |
| 4     | a company (£20m)                 | contract | £40,000 | 60     | no           | major   |                |
| 5     | community group (income unknown) | grant    | £5,000  | 6      | yes          | unknown | BME and user   |

Another council's award, and a Leeds award in 2024, must not count.
"""

import csv
import datetime
import io
import re
from decimal import Decimal

import pytest
from django.contrib.humanize.templatetags.humanize import intcomma
from django.template.loader import render_to_string
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from thirdsector.core.tables import Cell, Row, Table
from thirdsector.register.models import Characteristic, OrganisationKind
from thirdsector.register.tests.factories import OrganisationFactory

from ..models import OpportunityKind
from ..selectors.awards import AwardFilters
from ..services.level_playing_field import Links, all_groups, commissioner_tables, comparison_table, share
from ..views.figures import drawn_rows, figure_text
from .factories import CouncilFactory
from .factories_awards import CommissioningDecisionFactory, ContractAwardFactory, DecisionInvolvementFactory

YEAR = 2025
PRIVATE = Links("commissioning:awards", "commissioning:decisions")


def _supplier(income, kind=OrganisationKind.REGISTERED_CHARITY, led_by=()):
    supplier = OrganisationFactory(kind=kind, latest_income=income)
    supplier.characteristics.set(Characteristic.objects.filter(slug__in=led_by))
    return supplier


@pytest.fixture
def awards(leeds_council, other_council):
    rows = [
        (_supplier(Decimal(5000), led_by=["bme-led"]), OpportunityKind.CONTRACT, 10000, 12),
        (_supplier(Decimal(25000), led_by=["user-led"]), OpportunityKind.GRANT, 20000, 36),
        (_supplier(Decimal(500000), kind=OrganisationKind.CIC), OpportunityKind.CONTRACT, 30000, 36),
        (_supplier(Decimal(20000000), kind=OrganisationKind.OTHER), OpportunityKind.CONTRACT, 40000, 60),
        (_supplier(None, kind=OrganisationKind.COMMUNITY_GROUP, led_by=["bme-led", "user-led"]), "grant", 5000, 6),
    ]
    made = [
        ContractAwardFactory(commissioner=leeds_council, supplier=s, kind=k, value=Decimal(v), length_months=m)
        for s, k, v, m in rows
    ]
    ContractAwardFactory(commissioner=other_council, value=Decimal("999000"))
    ContractAwardFactory(commissioner=leeds_council, awarded_on=datetime.date(2025, 3, 31), value=Decimal("777000"))
    return made


@pytest.fixture
def decisions(leeds_council, other_council):
    with_users = CommissioningDecisionFactory(commissioner=leeds_council)
    DecisionInvolvementFactory(decision=with_users)
    DecisionInvolvementFactory(decision=with_users, label="", role="evaluator")
    DecisionInvolvementFactory(decision=CommissioningDecisionFactory(commissioner=leeds_council))
    CommissioningDecisionFactory(commissioner=leeds_council)
    DecisionInvolvementFactory(decision=CommissioningDecisionFactory(commissioner=other_council))


def _figures(leeds_council, awards_queryset=None, decisions_queryset=None):
    from ..models import CommissioningDecision, ContractAward

    tables = commissioner_tables(
        commissioner=leeds_council,
        year=YEAR,
        awards=awards_queryset if awards_queryset is not None else ContractAward.objects.all(),
        decisions=decisions_queryset if decisions_queryset is not None else CommissioningDecision.objects.all(),
        links=PRIVATE,
    )
    return {table.slug: {row.label: [cell.value for cell in row.cells] for row in table.rows} for table in tables}


def test_third_sector_figures_by_size_band(awards, leeds_council):
    third_sector = _figures(leeds_council)["third-sector"]
    assert third_sector["All third sector organisations"] == [4, Decimal("80.0"), Decimal("65000"), Decimal("61.9")]
    assert third_sector["Micro (under £10,000)"] == [1, Decimal("20.0"), Decimal("10000"), Decimal("9.5")]
    assert third_sector["Small (£10,000 to under £100,000)"] == [1, Decimal("20.0"), Decimal("20000"), Decimal("19.0")]
    assert third_sector["Medium (£100,000 to under £1m)"] == [1, Decimal("20.0"), Decimal("30000"), Decimal("28.6")]
    assert third_sector["Large (£1m to under £10m)"] == [0, Decimal("0.0"), Decimal("0"), Decimal("0.0")]
    assert third_sector["Major (£10m and over)"] == [0, Decimal("0.0"), Decimal("0"), Decimal("0.0")]
    assert third_sector["Size not known"] == [1, Decimal("20.0"), Decimal("5000"), Decimal("4.8")]
    assert third_sector["Not third sector"] == [1, Decimal("20.0"), Decimal("40000"), Decimal("38.1")]
    assert third_sector["All awards"] == [5, Decimal("100.0"), Decimal("105000"), Decimal("100.0")]


def test_bme_led_and_user_led_figures(awards, leeds_council):
    led_by = _figures(leeds_council)["led-by"]
    assert led_by["BME-led organisations"] == [2, Decimal("40.0"), Decimal("15000"), Decimal("14.3")]
    assert led_by["User-led organisations"] == [2, Decimal("40.0"), Decimal("25000"), Decimal("23.8")]


def test_grant_and_contract_shares_by_count_and_value(awards, leeds_council):
    kind = _figures(leeds_council)["kind"]
    assert kind["Grants"] == [2, Decimal("40.0"), Decimal("25000"), Decimal("23.8")]
    assert kind["Contracts"] == [3, Decimal("60.0"), Decimal("80000"), Decimal("76.2")]


def test_share_of_agreements_three_years_or_longer(awards, leeds_council):
    length = _figures(leeds_council)["length"]
    assert length["36 months or longer"] == [3, Decimal("60.0"), Decimal("90000"), Decimal("85.7")]
    assert length["Shorter than 36 months"] == [2, Decimal("40.0"), Decimal("15000"), Decimal("14.3")]


def test_long_agreement_threshold_is_a_setting(awards, leeds_council, settings):
    settings.COMMISSIONING_LONG_AGREEMENT_MONTHS = 60
    assert _figures(leeds_council)["length"]["60 months or longer"][0] == 1


def test_share_of_decisions_with_users_involved(decisions, leeds_council):
    figures = _figures(leeds_council)["decisions"]
    assert figures == {"Decisions in 2025–26": [3, 2, Decimal("66.7")]}


def test_figures_of_a_year_without_awards_are_empty(leeds_council):
    assert _figures(leeds_council)["third-sector"] == {}


def test_figures_keep_the_supplier_as_it_was_when_awarded(awards, leeds_council):
    awards[0].supplier.latest_income = Decimal("2000000")
    awards[0].supplier.size_band = "large"
    awards[0].supplier.save()
    assert _figures(leeds_council)["third-sector"]["Micro (under £10,000)"][0] == 1


def test_comparison_has_a_row_per_commissioner(awards, leeds_council, other_council):
    from ..models import ContractAward

    table = comparison_table(
        year=YEAR, figure="third-sector", awards=ContractAward.objects.all(), decisions=None, links=PRIVATE
    )
    rows = {row.label: [cell.value for cell in row.cells] for row in table.rows}
    assert rows[leeds_council.name] == [5, Decimal("105000"), 4, Decimal("80.0"), Decimal("65000"), Decimal("61.9")]
    assert rows[other_council.name] == [1, Decimal("999000"), 1, Decimal("100.0"), Decimal("999000"), Decimal("100.0")]


def test_comparison_of_decisions(decisions, leeds_council, other_council):
    from ..models import CommissioningDecision, ContractAward

    table = comparison_table(
        year=YEAR,
        figure="decisions",
        awards=ContractAward.objects.all(),
        decisions=CommissioningDecision.objects.all(),
        links=PRIVATE,
    )
    rows = {row.label: [cell.value for cell in row.cells] for row in table.rows}
    assert rows == {leeds_council.name: [3, 2, Decimal("66.7")], other_council.name: [1, 1, Decimal("100.0")]}


def test_figures_take_one_query_per_table_kind(awards, decisions, leeds_council, django_assert_num_queries):
    with django_assert_num_queries(2):
        _figures(leeds_council)


def _linked_rows(client, url: str) -> list[dict]:
    response = client.get(url + "&format=csv")
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_every_figure_links_to_the_awards_it_counts(awards, leeds_council, staff_client):
    from ..models import CommissioningDecision, ContractAward

    tables = commissioner_tables(
        commissioner=leeds_council,
        year=YEAR,
        awards=ContractAward.objects.all(),
        decisions=CommissioningDecision.objects.none(),
        links=PRIVATE,
    )
    checked = 0
    for table in tables:
        for row in table.rows:
            count, _, value, _ = row.cells
            rows = _linked_rows(staff_client, count.url)
            assert len(rows) == count.value, (table.slug, row.label)
            assert sum(Decimal(line["Value (£)"]) for line in rows) == value.value, (table.slug, row.label)
            assert value.url == count.url
            checked += 1
    assert checked == 18


def test_comparison_figures_link_to_their_rows(awards, staff_client, leeds_council):
    response = staff_client.get(reverse("commissioning:figures"), {"year": YEAR, "figure": "bme-led"})
    table = response.context["tables"][0]
    row = next(row for row in table.rows if row.label == leeds_council.name)
    count = row.cells[2]
    assert count.value == 2
    assert len(_linked_rows(staff_client, count.url)) == 2


def test_decision_figures_link_to_their_decisions(decisions, leeds_council, staff_client):
    response = staff_client.get(reverse("commissioning:commissioner-figures", args=[leeds_council.pk]), {"year": YEAR})
    table = next(table for table in response.context["tables"] if table.slug == "decisions")
    involved = table.rows[0].cells[1]
    listed = staff_client.get(involved.url)
    assert listed.context["page_obj"].paginator.count == involved.value == 2


def test_share_of_nothing_is_none():
    assert share(0, 0) is None
    assert share(1, 3) == Decimal("33.3")


@hypothesis_settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.tuples(
            st.sampled_from([OrganisationKind.REGISTERED_CHARITY, OrganisationKind.CIC, OrganisationKind.OTHER]),
            st.sampled_from([None, Decimal(500), Decimal(50000), Decimal(5000000), Decimal(50000000)]),
            st.sampled_from(["grant", "contract"]),
            st.integers(min_value=1, max_value=500000),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_the_groups_of_each_table_add_up_to_all_awards(db, rows):
    """Size bands partition the third sector; third sector and not, grants and contracts, long and short
    agreements each partition every award, by number and by value."""
    from ..models import ContractAward

    council = CouncilFactory()
    for kind, income, award_kind, value in rows:
        supplier = OrganisationFactory(kind=kind, latest_income=income)
        ContractAwardFactory(commissioner=council, supplier=supplier, kind=award_kind, value=Decimal(value))
    tables = commissioner_tables(
        commissioner=council, year=YEAR, awards=ContractAward.objects.all(), decisions=None, links=PRIVATE
    )
    figures = {table.slug: {row.label: row.cells for row in table.rows} for table in tables}
    every = figures["kind"]["All awards"]

    def total(cells_list, column):
        return sum(cells[column].value for cells in cells_list)

    third_sector = figures["third-sector"]
    bands = [
        cells
        for label, cells in third_sector.items()
        if label not in ("All third sector organisations", "Not third sector", "All awards")
    ]
    for column in (0, 2):
        assert total(bands, column) == third_sector["All third sector organisations"][column].value
        assert (
            total([third_sector["All third sector organisations"], third_sector["Not third sector"]], column)
            == every[column].value
        )
        assert total([figures["kind"]["Grants"], figures["kind"]["Contracts"]], column) == every[column].value
        assert (
            total([cells for label, cells in figures["length"].items() if label != "All awards"], column)
            == every[column].value
        )


# The comparison page: its figures as printed, its links, and its table drawn in the view.


def _printed_row(body: str, label: str) -> list[str]:
    """The cells of the row headed `label` as a person reads them, without the screen reader's words. Sums of
    pounds come back as 105000 on SQLite and 105000.00 on PostgreSQL: read without the pence."""
    row = re.search(rf'<th scope="row" class="govuk-table__header">{re.escape(label)}</th>(.*?)</tr>', body, re.S)
    assert row, label
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row.group(1), re.S)
    seen = [re.sub(r'<span class="govuk-visually-hidden">.*?</span>', "", cell) for cell in cells]
    return [re.sub(r"\.00$", "", re.sub(r"<[^>]+>", "", cell)) for cell in seen]


def test_the_comparison_page_prints_the_hand_counted_figures(awards, decisions, staff_client, leeds_council):
    url = reverse("commissioning:figures")
    body = staff_client.get(url, {"year": YEAR, "figure": "third-sector"}).content.decode()
    assert _printed_row(body, leeds_council.name) == ["5", "105,000", "4", "80.0%", "65,000", "61.9%"]
    body = staff_client.get(url, {"year": YEAR, "figure": "band-unknown"}).content.decode()
    assert _printed_row(body, leeds_council.name) == ["5", "105,000", "1", "20.0%", "5,000", "4.8%"]
    body = staff_client.get(url, {"year": YEAR, "figure": "decisions"}).content.decode()
    assert _printed_row(body, leeds_council.name) == ["3", "2", "66.7%"]


@pytest.mark.parametrize("links", [PRIVATE, Links("commissioning:published-awards", None)])
def test_the_comparisons_links_are_each_figures_own_link(db, links):
    for group in all_groups():
        every = links.awards_url(AwardFilters(commissioner=7, year=YEAR))
        chosen = links.awards_url(AwardFilters(commissioner=7, year=YEAR).merged(**group.filters.query()))
        assert links.commissioner_awards_urls(YEAR, group.filters)(7) == (every, chosen), group.slug


def test_the_comparison_is_drawn_as_the_shared_figures_table_draws_it():
    table = Table("comparison", "Awards & grants", "Commissioner", ["Awards", "Value (£)", "Share"])
    table.rows = [
        Row(
            "O'Brien & Sons <Council>",
            [
                Cell(1234567, "/awards/?commissioner=1&year=2025", "awards by O'Brien & Sons <Council>"),
                Cell(Decimal("1234567.50"), "/awards/?commissioner=1&year=2025"),
                Cell(Decimal("12.5"), suffix="%"),
            ],
        ),
        Row("Nothing counted", [Cell(0), Cell(Decimal("0.00"), "/awards/?a=1"), Cell(None, suffix="%")]),
        Row("A linked row", [Cell(3), Cell(Decimal("999.99")), Cell(Decimal("100.0"), suffix="%")], url="/x?a=1&b=2"),
        Row("All awards", [Cell(10), Cell(Decimal("1000000.00")), Cell(None)], is_total=True),
    ]
    table.csv_url = "/figures/?year=2025&download=comparison"
    context = {"table": table, "year": "2025 to 2026"}
    shared = render_to_string("components/figures_table.html", context)
    drawn = render_to_string("commissioning/figures/_comparison_table.html", {**context, "rows": drawn_rows(table)})
    assert drawn == shared


@given(
    st.one_of(
        st.integers(min_value=-(10**12), max_value=10**12),
        st.decimals(min_value=-(10**10), max_value=10**10, places=2, allow_nan=False),
        st.decimals(min_value=0, max_value=100, places=1, allow_nan=False),
    )
)
def test_figures_are_written_as_intcomma_writes_them(value):
    assert figure_text(value) == intcomma(value)
