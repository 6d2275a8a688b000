"""Small grants through local funders: the department's dashboard of every end grant, the list behind
its figures, and the public page of small grants by area.

Department staff and the Commissioner see every local funder; a fund administrator sees the local
funders they belong to. Every figure links to the end grants it counts, and every table downloads as
CSV with exactly its rows. Every link leads to a page its viewer may open: the Commissioner, who
oversees and runs no programme, reaches a local funder's allocation rather than its programme's
dashboard, and an end grant's own page only where it is published. The public page counts published
end grants only, linking to the published grants list.
"""

from decimal import Decimal

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from thirdsector.accounts.access import public, roles_required
from thirdsector.core.tables import Cell, Row, Table, csv_response, link, streamed_csv

from ..forms.small_grants import EndGrantFilterForm
from ..permissions import programme_runner
from ..selectors.lists import list_page
from ..selectors.small_grants import (
    SMALL_GRANT_ROLES,
    AreaFigures,
    EndGrantFilters,
    characteristic_figures,
    characteristics_shown,
    end_grants,
    funder_figures,
    funder_totals,
    local_authority_figures,
    local_funder_programmes,
    published_end_grants,
    region_figures,
)

LIST = "funding:small-grants-list"
PUBLISHED = "funding:published-awards"


def _money(value: Decimal | None) -> Cell:
    """Pounds, whole: the dashboard's figures are totals, and the CSV holds what the page shows."""
    return Cell(None if value is None else value.quantize(Decimal("1")))


def _count_and_amount(figure, url, about: str) -> list[Cell]:
    return [Cell(figure.grants, url, f"end grants {about}"), Cell(figure.amount, url, f"pounds of end grants {about}")]


def _area_url(name: str, figure: AreaFigures, **filters) -> str | None:
    if figure.area_id:
        return link(name, area=figure.area_id, **filters)
    if figure.nation and name == LIST:
        return link(name, nation=figure.nation, **filters)
    return None


def _funder_url(programme, runs) -> str | None:
    """Its programme's dashboard for those who run it; otherwise the allocation that funds it, which staff,
    the Commissioner and the local funder's members may read; no link where there is neither."""
    if runs(programme):
        return link("funding:programme", programme.slug)
    allocation = getattr(programme, "funder_allocation", None)
    return allocation.get_absolute_url() if allocation is not None else None


def _funder_table(programmes, runs) -> Table:
    columns = ["Allocation (£)", "Admin share (£)", "For grants (£)", "Committed (£)", "Paid (£)", "Left (£)",
               "End grants"]  # fmt: skip
    note = (
        "Each local funder's allocation from the department, the share it keeps for running the grants, and what "
        "is left for end grants; committed counts every end grant approved, offered, accepted or closed."
    )
    table = Table("local-funders", "Small grants by local funder", "Local funder", columns, note=note,
                  empty="No local funders yet.")  # fmt: skip
    for figures in funder_figures(programmes.select_related("funder_allocation__fund")):
        name = figures.local_funder.name
        url = link(LIST, programme=figures.programme.pk)
        table.rows.append(
            Row(
                name,
                [
                    _money(figures.allocation),
                    _money(figures.admin_share),
                    _money(figures.for_grants),
                    Cell(_money(figures.committed).value, url, f"pounds committed by {name}"),
                    Cell(_money(figures.paid).value, url, f"pounds paid by {name}"),
                    _money(figures.remaining),
                    Cell(figures.grants, url, f"end grants by {name}"),
                ],
                url=_funder_url(figures.programme, runs),
            )
        )
    return table


def _area_tables(grants, *, name: str) -> list[Table]:
    regions = Table("regions", "Small grants by region", "Region or nation", ["Grants", "Amount (£)"],
                    note="By the region of the group's local authority; outside England, by nation.",
                    empty="No small grants yet.")  # fmt: skip
    for figure in region_figures(grants):
        url = _area_url(name, figure)
        regions.rows.append(Row(figure.label, _count_and_amount(_rounded(figure), url, f"in {figure.label}")))
    authorities = Table("local-authorities", "Small grants by local authority", "Local authority",
                        ["Grants", "Amount (£)"], note="By the local authority where the group is based.",
                        empty="No small grants yet.")  # fmt: skip
    for figure in local_authority_figures(grants):
        url = _area_url(name, figure)
        authorities.rows.append(Row(figure.label, _count_and_amount(_rounded(figure), url, f"in {figure.label}")))
    return [regions, authorities]


def _rounded(figure):
    return AreaFigures(figure.label, figure.grants, _money(figure.amount).value, figure.area_id, figure.nation)


def _characteristic_table(grants) -> Table:
    table = Table("characteristics", "End grants by who leads the group", "Group", ["Grants", "Amount (£)", "Share"],
                  note="BME-led and user-led come from the group's record on the register. A first-time grantee "
                  "had no earlier grant from any programme on the platform.")  # fmt: skip
    rows, total_grants, total_amount = characteristic_figures(grants)
    for figure in rows:
        filters = {"first_time": "yes"} if figure.slug == "first-time" else {"characteristic": figure.slug}
        url = link(LIST, **filters)
        share = round(figure.grants * 100 / total_grants) if total_grants else None
        table.rows.append(
            Row(
                figure.label,
                [
                    Cell(figure.grants, url, f"end grants to {figure.label.lower()} groups"),
                    Cell(_money(figure.amount).value, url, f"pounds to {figure.label.lower()} groups"),
                    Cell(share, suffix="%"),
                ],
            )
        )
    every = Cell(100 if total_grants else None, suffix="%")
    table.rows.append(
        Row("All end grants", [Cell(total_grants, link(LIST)), _money(total_amount), every], is_total=True)
    )
    return table


def _dashboard_tables(user) -> list[Table]:
    programmes = local_funder_programmes(user)
    grants = end_grants(programmes)
    return [
        _funder_table(programmes, programme_runner(user)),
        *_area_tables(grants, name=LIST),
        _characteristic_table(grants),
    ]


def _with_csv_urls(tables: list[Table], name: str) -> list[Table]:
    for table in tables:
        table.csv_url = reverse(name, args=[table.slug])
    return tables


def _table_named(tables: list[Table], slug: str) -> Table:
    for table in tables:
        if table.slug == slug:
            return table
    raise Http404


@roles_required(*SMALL_GRANT_ROLES)
def dashboard(request):
    """Every end grant by local funder, area and who leads the group, counted as the page is asked for."""
    return render(
        request,
        "funding/small_grants/dashboard.html",
        {
            "tables": _with_csv_urls(_dashboard_tables(request.user), "funding:small-grants-csv"),
            "characteristics": characteristics_shown().values(),
        },
    )


@roles_required(*SMALL_GRANT_ROLES)
def dashboard_csv(request, table: str):
    return csv_response(_table_named(_dashboard_tables(request.user), table), f"small-grants-{table}")


END_GRANT_COLUMNS = ["Reference", "Group", "Local funder", "Local authority", "Amount", "Starts", "Status",
                     *characteristics_shown().values(), "First-time grantee"]  # fmt: skip


def _flags(award) -> list[bool]:
    """Whether the group has each characteristic shown, then whether this is its first grant."""
    return [*(getattr(award, f"has_{slug.replace('-', '_')}") for slug in characteristics_shown()), award.is_first_time]


def _csv_row(award) -> list:
    return [
        award.reference,
        award.organisation.name,
        award.programme.administering_body.name,
        award.organisation.local_authority.name if award.organisation.local_authority else "",
        award.amount,
        award.starts_on.isoformat(),
        award.get_status_display(),
        *("Yes" if flag else "No" for flag in _flags(award)),
    ]


@roles_required(*SMALL_GRANT_ROLES)
def end_grant_list(request):
    """The end grants behind the dashboard's figures, filtered, a page at a time or all as CSV."""
    programmes = local_funder_programmes(request.user)
    form = EndGrantFilterForm(request.GET or None, programmes=programmes)
    page = None
    if not form.is_bound or form.is_valid():
        grants = end_grants(programmes, form.filters() if form.is_bound else EndGrantFilters())
        if request.GET.get("format") == "csv":
            rows = (_csv_row(award) for award in grants.iterator(chunk_size=2000))
            return streamed_csv("end-grants", END_GRANT_COLUMNS, rows)
        page = list_page(grants, request.GET.get("page"), per_page=settings.SMALL_GRANTS_PAGE_SIZE)
        labels = [*characteristics_shown().values(), "First grant"]
        runs, today = programme_runner(request.user), timezone.localdate()
        for award in page:
            award.group_tags = [label for label, flag in zip(labels, _flags(award), strict=True) if flag]
            award.opens = runs(award.programme) or (award.published_on is not None and award.published_on <= today)
    return render(
        request,
        "funding/small_grants/list.html",
        {"form": form, "page_obj": page},
    )


def _public_tables(today) -> list[Table]:
    grants = published_end_grants(today=today)
    funders = Table("local-funders", "Small grants by local funder", "Local funder", ["Grants", "Amount (£)"],
                    note="Published small grants each local funder has made.",
                    empty="No small grants published yet.")  # fmt: skip
    for figure in funder_totals(grants):
        url = link(PUBLISHED, programme=figure.area_id)
        funders.rows.append(Row(figure.label, _count_and_amount(_rounded(figure), url, f"by {figure.label}")))
    return [*_area_tables(grants, name=PUBLISHED), funders]


@public
def by_area(request):
    """Published small grants counted and summed by region, local authority and local funder."""
    return render(
        request,
        "funding/small_grants/by_area.html",
        {"tables": _with_csv_urls(_public_tables(timezone.localdate()), "funding:small-grants-by-area-csv")},
    )


@public
def by_area_csv(request, table: str):
    return csv_response(_table_named(_public_tables(timezone.localdate()), table), f"small-grants-by-area-{table}")
