"""The level playing field figures: who a commissioner's awards went to, per commissioner and per year.

Each figure is a group of awards (`Group`: a set of `AwardFilters`) counted and summed in the database, one
aggregate query for all of a table's groups at once, per commissioner or across commissioners. Shares are
of all the commissioner's awards in the year (contracts by number, spend by value). Figures are built as
`core.tables` tables whose cells link to the filtered list of the awards behind them; the share of
decisions with service users involved links to the filtered list of decisions.
"""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from urllib.parse import urlencode

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery, Sum

from thirdsector.core.tables import Cell, Row, Table, link
from thirdsector.funding.financial_years import financial_year_label
from thirdsector.register.models import Organisation
from thirdsector.register.size_bands import SizeBand

from ..models import CommissioningDecision, ContractAward, DecisionInvolvement, OpportunityKind
from ..selectors.awards import BME_LED, NO, UNKNOWN_BAND, USER_LED, YES, AwardFilters, long_agreement_months


@dataclass(frozen=True)
class Group:
    slug: str
    label: str
    filters: AwardFilters


@dataclass(frozen=True)
class Totals:
    count: int = 0
    value: Decimal = Decimal("0")


def _size_band_groups() -> list[Group]:
    bands = [
        Group(f"band-{band.value}", band.label, AwardFilters(third_sector=YES, size_band=band.value))
        for band in SizeBand
    ]
    return [*bands, Group("band-unknown", "Size not known", AwardFilters(third_sector=YES, size_band=UNKNOWN_BAND))]


def table_groups() -> dict[str, tuple[str, list[Group]]]:
    """Each table's slug, caption and groups (its rows), in the order the page shows them."""
    months = long_agreement_months()
    return {
        "third-sector": (
            "Awards to the third sector, by size of organisation",
            [
                Group("third-sector", "All third sector organisations", AwardFilters(third_sector=YES)),
                *_size_band_groups(),
                Group("not-third-sector", "Not third sector", AwardFilters(third_sector=NO)),
            ],
        ),
        "led-by": (
            "Awards to BME-led and user-led organisations",
            [
                Group("bme-led", "BME-led organisations", AwardFilters(characteristic=BME_LED)),
                Group("user-led", "User-led organisations", AwardFilters(characteristic=USER_LED)),
            ],
        ),
        "kind": (
            "Grants and contracts",
            [Group(kind.value, f"{kind.label}s", AwardFilters(kind=kind.value)) for kind in OpportunityKind],
        ),
        "length": (
            "Length of the agreements",
            [
                Group("long", f"{months} months or longer", AwardFilters(long=YES)),
                Group("short", f"Shorter than {months} months", AwardFilters(long=NO)),
            ],
        ),
    }


def all_groups() -> list[Group]:
    return [group for _, groups in table_groups().values() for group in groups]


def _aggregates(groups: list[Group]) -> dict:
    expressions = {"all__count": Count("pk"), "all__value": Sum("value")}
    for group in groups:
        condition = group.filters.q()
        expressions[f"{group.slug}__count"] = Count("pk", filter=condition)
        expressions[f"{group.slug}__value"] = Sum("value", filter=condition)
    return expressions


def _totals(row: dict, slug: str) -> Totals:
    return Totals(row.get(f"{slug}__count") or 0, row.get(f"{slug}__value") or Decimal("0"))


def group_totals(awards: QuerySet[ContractAward], groups: list[Group]) -> dict[str, Totals]:
    """The count and value of `awards` in each group, and of them all (key "all"): one query."""
    row = awards.aggregate(**_aggregates(groups))
    return {slug: _totals(row, slug) for slug in ["all", *(group.slug for group in groups)]}


def group_totals_by_commissioner(awards: QuerySet[ContractAward], groups: list[Group]) -> dict[int, dict[str, Totals]]:
    """`group_totals` for each commissioner with awards in `awards`: one query."""
    rows = awards.order_by().values("commissioner_id").annotate(**_aggregates(groups))
    slugs = ["all", *(group.slug for group in groups)]
    return {row["commissioner_id"]: {slug: _totals(row, slug) for slug in slugs} for row in rows}


def _with_users() -> Exists:
    return Exists(DecisionInvolvement.objects.filter(decision=OuterRef("pk")))


def _decision_counts(decisions: QuerySet[CommissioningDecision]) -> QuerySet:
    return (
        decisions.order_by()
        .values("commissioner_id")
        .annotate(total=Count("pk"), involved=Count("pk", filter=Q(_with_users())))
    )


def decision_counts_by_commissioner(decisions: QuerySet[CommissioningDecision]) -> dict[int, tuple[int, int]]:
    """Each commissioner's (decisions, decisions with service users or community members involved): one query."""
    return {row["commissioner_id"]: (row["total"], row["involved"]) for row in _decision_counts(decisions)}


def _named(grouped: QuerySet) -> list[dict]:
    """Rows grouped by commissioner, each with its name (`commissioner_name`), in name order.

    The name is looked up once a group, after aggregating: joining the register instead would join every
    award (tens of thousands a year) before grouping. Sorted here, not by the database, so the order does
    not depend on the database's collation."""
    name = Organisation.objects.filter(pk=OuterRef("commissioner_id")).order_by().values("name")[:1]
    rows = grouped.annotate(commissioner_name=Subquery(name))
    return sorted(rows, key=lambda row: (row["commissioner_name"], row["commissioner_id"]))


def share(part: int | Decimal, whole: int | Decimal) -> Decimal | None:
    """`part` as a percentage of `whole`, to one place; None when there is nothing to share."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


# Tables

FIGURE_COLUMNS = ["Awards", "Share of awards", "Value (£)", "Share of spend"]


@lru_cache(maxsize=16)
def _list_url(name: str) -> str | None:
    return link(name)


@dataclass(frozen=True)
class Links:
    """Where a figure's cells link: the awards list (public or private) and the decisions list (None: no link).

    A comparison links a few thousand cells: each list's URL is reversed once, then only the query differs."""

    awards: str
    decisions: str | None

    def _url(self, name: str | None, query: dict) -> str | None:
        base = _list_url(name) if name else None
        if base is None:
            return None
        query = {key: value for key, value in query.items() if value not in (None, "")}
        return f"{base}?{urlencode(query)}" if query else base

    def awards_url(self, filters: AwardFilters) -> str | None:
        return self._url(self.awards, filters.query())

    def commissioner_awards_urls(self, year: int, filters: AwardFilters) -> Callable[[int], tuple[str, str] | None]:
        """For a commissioner's pk: the `awards_url` of its awards in `year`, and of those in `filters`.

        The comparison links hundreds of rows: the query after the commissioner (which comes first, as
        `AwardFilters.query` orders it) is encoded once, not once a cell."""
        base = _list_url(self.awards)
        if base is None:
            return lambda pk: None
        every = urlencode(AwardFilters(year=year).query())
        chosen = urlencode(filters.merged(commissioner=None, year=year).query())
        return lambda pk: (f"{base}?commissioner={pk}&{every}", f"{base}?commissioner={pk}&{chosen}")

    def decisions_url(self, **query) -> str | None:
        return self._url(self.decisions, query)


def _figure_cells(totals: Totals, whole: Totals, filters: AwardFilters, links: Links, about: str) -> list[Cell]:
    return _figure_cells_linked(totals, whole, links.awards_url(filters), about)


def _figure_cells_linked(totals: Totals, whole: Totals, url: str | None, about: str) -> list[Cell]:
    return [
        Cell(totals.count, url, f"awards {about}"),
        Cell(share(totals.count, whole.count), suffix="%"),
        Cell(totals.value, url, f"pounds awarded {about}"),
        Cell(share(totals.value, whole.value), suffix="%"),
    ]


def commissioner_tables(
    *, commissioner: Organisation, year: int, awards: QuerySet[ContractAward], decisions: QuerySet | None, links: Links
) -> list[Table]:
    """One commissioner's figures for a financial year: one query for the awards, one for the decisions."""
    base = AwardFilters(commissioner=commissioner.pk, year=year)
    groups = table_groups()
    totals = group_totals(awards.filter(base.q()), [group for _, rows in groups.values() for group in rows])
    when = financial_year_label(year)
    tables = []
    for slug, (caption, rows) in groups.items():
        table = Table(slug, caption, "Awarded to", FIGURE_COLUMNS, empty=f"No awards in {when}.")
        if totals["all"].count:
            for group in rows:
                filters = base.merged(**group.filters.query())
                about = f"to {group.label.lower()} by {commissioner.name} in {when}"
                table.rows.append(
                    Row(group.label, _figure_cells(totals[group.slug], totals["all"], filters, links, about))
                )
            table.rows.append(
                Row(
                    "All awards",
                    _figure_cells(totals["all"], totals["all"], base, links, f"by {commissioner.name} in {when}"),
                    is_total=True,
                )
            )
        tables.append(table)
    if decisions is not None:
        total, involved = decision_counts_by_commissioner(
            decisions.filter(commissioner=commissioner, financial_year=year)
        ).get(commissioner.pk, (0, 0))
        label = f"Decisions in {financial_year_label(year)}"
        rows = [(label, commissioner.pk, commissioner.name, total, involved)]
        tables.append(_decision_table(rows, year, links, "Decisions"))
    return tables


def _decision_table(rows: list[tuple[str, int, str, int, int]], year: int, links: Links, row_heading: str) -> Table:
    """`rows`: (label, commissioner's pk, commissioner's name, decisions, decisions with users involved)."""
    when = financial_year_label(year)
    table = Table(
        "decisions",
        "Decisions with service users or community members involved",
        row_heading,
        ["Decisions", "With service users involved", "Share involved"],
        note="A decision counts as involving service users when at least one service user or community member "
        "took part as a panel member, evaluator or co-designer.",
        empty=f"No decisions recorded in {when}.",
    )
    for label, pk, name, total, involved in rows:
        if not total:
            continue
        query = {"commissioner": pk, "year": year}
        table.rows.append(
            Row(
                label,
                [
                    Cell(total, links.decisions_url(**query), f"decisions by {name} in {when}"),
                    Cell(
                        involved,
                        links.decisions_url(**query, involved=YES),
                        f"decisions with service users involved by {name} in {when}",
                    ),
                    Cell(share(involved, total), suffix="%"),
                ],
            )
        )
    return table


# Comparison across commissioners


def comparison_choices() -> list[tuple[str, str]]:
    """The figures the comparison can show, by slug: each group, and decisions with users involved."""
    return [(group.slug, group.label) for group in all_groups()] + [("decisions", "Decisions with users involved")]


def comparison_table(
    *, year: int, figure: str, awards: QuerySet[ContractAward], decisions: QuerySet | None, links: Links
) -> Table:
    """One row per commissioner with awards (or decisions) in the year, for one figure, in name order: one
    grouped query, names included."""
    when = financial_year_label(year)
    if figure == "decisions" and decisions is not None:
        counted = _named(_decision_counts(decisions.filter(financial_year=year)))
        rows = [
            (row["commissioner_name"], row["commissioner_id"], row["commissioner_name"], row["total"], row["involved"])
            for row in counted
        ]
        return _decision_table(rows, year, links, "Commissioner")
    group = next((group for group in all_groups() if group.slug == figure), None) or all_groups()[0]
    grouped = _named(
        awards.filter(financial_year=year).order_by().values("commissioner_id").annotate(**_aggregates([group]))
    )
    table = Table(
        "comparison",
        f"{group.label}: each commissioner's awards in {when}",
        "Commissioner",
        ["All awards", "All value (£)", *FIGURE_COLUMNS],
        note="Shares are of each commissioner's own awards in the year, so commissioners of different sizes compare.",
        empty=f"No awards in {when}.",
    )
    urls_for = links.commissioner_awards_urls(year, group.filters)
    about_group = f"to {group.label.lower()} by"
    for row in grouped:
        name = row["commissioner_name"]
        every, chosen = _totals(row, "all"), _totals(row, group.slug)
        every_url, chosen_url = urls_for(row["commissioner_id"]) or (None, None)
        table.rows.append(
            Row(
                name,
                [
                    Cell(every.count, every_url, f"awards by {name} in {when}"),
                    Cell(every.value, every_url, f"pounds awarded by {name} in {when}"),
                    *_figure_cells_linked(chosen, every, chosen_url, f"{about_group} {name} in {when}"),
                ],
            )
        )
    return table
