"""The public network pages: the published criteria, the list of anchors by area, and the map.

Anyone may read them: the network, each anchor's headline figures for a year (from its accepted return)
and its services are public, as an anchor's accounts are at the Charity Commission.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse

from thirdsector.accounts.access import public
from thirdsector.core.tables import Cell, Row, Table, csv_response, link, streamed_csv

from .. import maps
from ..forms.network import NetworkFilterForm
from ..models import CRITERION_TESTS, Criterion
from ..selectors.network import map_points, network
from ..services.designation import review_years
from ..services.sustainability import thresholds_in_force


def _filters(request):
    form = NetworkFilterForm(request.GET or None)
    return form, form.filters()


def percent(ratio) -> str:
    return "" if ratio is None else f"{ratio * 100:.1f}%"


def yes_no(value) -> str:
    return {True: "Yes", False: "No"}.get(value, "No accepted return")


@public
def criteria(request):
    """The published criteria for designation, and the sustainability thresholds in force."""
    return render(
        request,
        "anchors/criteria.html",
        {
            "criteria": [(criterion.label, CRITERION_TESTS[criterion]) for criterion in Criterion],
            "thresholds": thresholds_in_force(),
            "review_years": review_years(),
        },
    )


@public
def network_list(request):
    form, filters = _filters(request)
    page_obj = Paginator(network(filters), settings.ANCHORS_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "anchors/network/list.html",
        {
            "form": form,
            "filters": filters,
            "page_obj": page_obj,
            "query": request.GET.urlencode(),
            "thresholds": thresholds_in_force(),
        },
    )


@public
def network_csv(request):
    """Every anchor the filters match (not only the page shown), streamed."""
    _form, filters = _filters(request)
    rows = (
        (
            anchor.organisation.name,
            anchor.organisation.local_authority.name if anchor.organisation.local_authority else "",
            "Yes" if anchor.building else "No",
            # Pounds and pence whatever the database hands back (SQLite drops trailing zeros).
            f"{anchor.year_income:.2f}" if anchor.year_income is not None else "",
            percent(anchor.year_grant_dependency),
            anchor.year_reserves_months if anchor.year_reserves_months is not None else "",
            yes_no(anchor.year_sustainable),
        )
        for anchor in network(filters).iterator(chunk_size=500)
    )
    header = [
        "Anchor",
        "Local authority",
        "Owns or manages a building",
        f"Total income {filters.year} to {filters.year + 1}",
        "Grant dependency",
        "Reserves in months",
        "Sustainable",
    ]
    return streamed_csv(f"anchors-{filters.year}", header, rows)


def _map_table(points, filters) -> Table:
    table = Table(
        "map",
        "Anchors by local authority",
        "Local authority",
        ["Anchors", f"Sustainable in {filters.year} to {filters.year + 1}"],
        empty="No anchors match these filters.",
    )
    # The list's address is worked out once, not twice for each of several hundred places.
    listed = reverse("anchors:network")
    for point in points:
        where = {"year": filters.year, "local_authority": point.local_authority_id}
        table.rows.append(
            Row(
                point.name,
                [
                    Cell(point.anchors, f"{listed}?{urlencode(where)}", f"anchors in {point.name}"),
                    Cell(
                        point.sustainable,
                        f"{listed}?{urlencode({**where, 'sustainable': 'yes'})}",
                        f"sustainable anchors in {point.name}",
                    ),
                ],
            )
        )
    return table


@public
def network_map(request):
    form, filters = _filters(request)
    points = map_points(filters)
    table = _map_table(points, filters)
    table.csv_url = link("anchors:map-csv") + (f"?{request.GET.urlencode()}" if request.GET else "")
    return render(
        request,
        "anchors/network/map.html",
        {
            "form": form,
            "filters": filters,
            "circles": maps.circles(points),
            "width": maps.WIDTH,
            "height": maps.HEIGHT,
            "table": table,
            "total": sum(point.anchors for point in points),
            "places": len(points),
        },
    )


@public
def network_map_csv(request):
    _form, filters = _filters(request)
    return csv_response(_map_table(map_points(filters), filters), f"anchors-by-local-authority-{filters.year}")
