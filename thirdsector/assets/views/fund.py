"""The fund's pages for its staff (the outside body's fund administrators and department staff) and those
who oversee: the dashboard, every proposal, and an asset's history.

A fund administrator of another outside body holds the role but runs nothing here: 403.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from thirdsector.accounts.access import OVERSIGHT_ROLES, roles_required
from thirdsector.accounts.roles import Role
from thirdsector.core.audit import history_of
from thirdsector.core.tables import csv_response, streamed_csv

from ..models import ProposalStatus
from ..permissions import fund_programme, sees_fund
from ..selectors.assets import any_asset
from ..selectors.dashboard import DASHBOARD_DOWNLOADS, DASHBOARD_TABLES
from ..selectors.proposals import fund_proposals

fund_pages = roles_required(Role.FUND_ADMINISTRATOR, *OVERSIGHT_ROLES)


def _require_fund(request):
    programme = fund_programme()
    if not sees_fund(request.user, programme):
        raise PermissionDenied
    return programme


@fund_pages
def dashboard(request):
    """Assets by status, proposals by stage, grant money, overdue returns and assets at risk, each as CSV."""
    programme = _require_fund(request)
    wanted = request.GET.get("table")
    if request.GET.get("format") == "csv":
        if wanted not in DASHBOARD_DOWNLOADS:
            raise Http404
        return csv_response(DASHBOARD_DOWNLOADS[wanted](), f"asset-transfer-{wanted}")
    tables = []
    for slug, build in DASHBOARD_TABLES.items():
        table = build()
        table.csv_url = f"?format=csv&table={slug}"
        tables.append(table)
    figures, lists = tables[:3], tables[3:]
    return render(
        request,
        "assets/fund/dashboard.html",
        {
            "programme": programme,
            "figures": figures,
            "lists": lists,
            "minimum": f"{settings.ASSETS_GRANT_MINIMUM:,}",
            "maximum": f"{settings.ASSETS_GRANT_MAXIMUM:,}",
        },
    )


CSV_HEADER = ["Reference", "Asset", "Council", "Organisation", "Status", "Grant requested", "Application", "Award"]


@fund_pages
def proposals(request):
    """Every proposal to the fund, by stage, with the engine's application and award."""
    _require_fund(request)
    status = request.GET.get("status", "")
    if status and status not in ProposalStatus.values:
        status = ""
    rows = fund_proposals(status=status)
    if request.GET.get("format") == "csv":
        return streamed_csv(
            "asset-transfer-proposals",
            CSV_HEADER,
            (
                [
                    proposal.reference,
                    proposal.asset.name,
                    proposal.asset.council.name,
                    proposal.organisation.name,
                    proposal.get_status_display(),
                    proposal.amount_requested,
                    proposal.application.reference if proposal.application else "",
                    proposal.award.reference if proposal.award else "",
                ]
                for proposal in rows.iterator(chunk_size=500)
            ),
        )
    page = Paginator(rows, settings.ASSETS_LIST_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "assets/fund/proposals.html",
        {"page_obj": page, "status": status, "statuses": ProposalStatus.choices},
    )


@fund_pages
def asset_history(request, pk: int):
    _require_fund(request)
    asset = any_asset(pk)
    if asset is None:
        raise Http404
    return render(
        request,
        "assets/history.html",
        {"record": asset, "title": f"History of {asset.name}", "entries": history_of(asset)},
    )
