"""The network dashboard: the share of anchors sustainable this year against last year, overall and by region.

For department staff, platform admins, the Compact Commissioner and board members (who read it, change
nothing). Every figure links to the accepted returns it was counted from; every table downloads as CSV.
"""

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from thirdsector.accounts.access import OVERSIGHT_ROLES, roles_required
from thirdsector.accounts.roles import Role
from thirdsector.core.tables import Cell, Row, Table, csv_response, link

from ..forms.network import NetworkFilterForm
from ..selectors.network import (
    Share,
    anchors_without_return,
    network_sustainability,
    returns_behind,
    sustainability_by_region,
)
from ..services.sustainability import thresholds_in_force

DASHBOARD_ROLES = (*OVERSIGHT_ROLES, Role.BOARD_MEMBER)
dashboard_readers = roles_required(*DASHBOARD_ROLES)


def _year(request) -> int:
    return NetworkFilterForm(request.GET or None).filters().year


def _share_cells(share: Share, year: int, where: str, **filters) -> list[Cell]:
    label = f"{year} to {year + 1}"
    return [
        Cell(
            share.sustainable,
            link("anchors:dashboard-rows", year=year, sustainable="yes", **filters),
            f"sustainable {where} in {label}",
        ),
        Cell(
            share.assessed, link("anchors:dashboard-rows", year=year, **filters), f"accepted returns {where} in {label}"
        ),
        Cell(share.percent, suffix="%"),
    ]


def _tables(year: int) -> tuple[Share, Share, list[Table]]:
    this_year, _rows = network_sustainability(year)
    last_year, _rows = network_sustainability(year - 1)
    columns = [
        f"Sustainable {year - 1}",
        f"Returns {year - 1}",
        f"Share {year - 1}",
        f"Sustainable {year}",
        f"Returns {year}",
        f"Share {year}",
    ]
    network_table = Table(
        "network",
        "The network: share sustainable",
        "Network",
        columns,
        note="Years are financial years, named by the year they start. "
        "Each share is the sustainable returns over the accepted returns.",
    )
    network_table.rows.append(
        Row(
            "All anchors",
            _share_cells(last_year, year - 1, "across the network")
            + _share_cells(this_year, year, "across the network"),
        )
    )
    region_table = Table(
        "regions", "Share sustainable by region", "Region", columns, empty="No accepted returns in these years."
    )
    for region in sustainability_by_region(year):
        where = f"in {region.name}"
        filters = {"region": region.region_id} if region.region_id else {}
        region_table.rows.append(
            Row(
                region.name,
                _share_cells(region.last_year, year - 1, where, **filters)
                + _share_cells(region.this_year, year, where, **filters),
            )
        )
    tables = [network_table, region_table]
    for table in tables:
        table.csv_url = link("anchors:dashboard-csv", table.slug, year=year)
    return this_year, last_year, tables


@dashboard_readers
def dashboard(request):
    year = _year(request)
    this_year, last_year, tables = _tables(year)
    return render(
        request,
        "anchors/dashboard.html",
        {
            "form": NetworkFilterForm(request.GET or None),
            "year": year,
            "this_year": this_year,
            "last_year": last_year,
            "tables": tables,
            "without_return": anchors_without_return(year),
            "thresholds": thresholds_in_force(),
            "this_year_url": link("anchors:dashboard-rows", year=year, sustainable="yes"),
            "last_year_url": link("anchors:dashboard-rows", year=year - 1, sustainable="yes"),
        },
    )


@dashboard_readers
def dashboard_csv(request, table: str):
    year = _year(request)
    _this, _last, tables = _tables(year)
    for candidate in tables:
        if candidate.slug == table:
            return csv_response(candidate, f"anchors-{table}-{year}")
    raise Http404


def _flag(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


@dashboard_readers
def dashboard_rows(request):
    """The accepted returns behind a dashboard figure."""
    year = _year(request)
    region = request.GET.get("region", "")
    rows = returns_behind(
        year, region=int(region) if region.isdigit() else None, sustainable=_flag(request.GET.get("sustainable", ""))
    )
    page_obj = Paginator(rows, settings.ANCHORS_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "anchors/dashboard_rows.html", {"page_obj": page_obj, "year": year})
