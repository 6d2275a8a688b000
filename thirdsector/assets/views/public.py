"""Public pages: assets offered for transfer, assets transferred (with their terms and discount), an asset."""

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from thirdsector.accounts.access import public
from thirdsector.core.tables import streamed_csv

from ..permissions import acts_for_council, sees_fund
from ..selectors.assets import any_asset, offered_assets, transferred_assets

CSV_HEADER = ["Asset", "Type", "Council", "Address", "Postcode", "Status", "Terms", "Market value", "Price", "Discount"]


def _csv_row(asset) -> list:
    return [
        asset.name,
        asset.get_asset_type_display(),
        asset.council.name,
        asset.address,
        asset.postcode,
        asset.get_status_display(),
        asset.terms,
        asset.market_value,
        asset.price,
        asset.discount,
    ]


def _asset_list(request, assets, *, title: str, intro: str, filename: str, other: tuple[str, str]):
    if request.GET.get("format") == "csv":
        return streamed_csv(filename, CSV_HEADER, (_csv_row(asset) for asset in assets.iterator()))
    page = Paginator(assets, settings.ASSETS_LIST_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request, "assets/public/list.html", {"page_obj": page, "title": title, "intro": intro, "other": other}
    )


@public
def offered_list(request):
    """Buildings and land councils offer to community organisations, and those under proposal."""
    return _asset_list(
        request,
        offered_assets(),
        title="Assets offered for community transfer",
        intro="Councils offer these buildings and land to community organisations, often on a long lease or "
        "freehold at less than market value. A community organisation may propose to take one on and ask the "
        "Community Asset Transfer Fund for a capital grant to refurbish it.",
        filename="assets-offered",
        other=("assets:transferred", "Assets already transferred"),
    )


@public
def transferred_list(request):
    """Assets transferred to community organisations, with the terms and the discount on market value."""
    return _asset_list(
        request,
        transferred_assets(),
        title="Assets transferred to community organisations",
        intro="These assets have passed from a council to a community organisation. The discount is the market "
        "value less the price paid.",
        filename="assets-transferred",
        other=("assets:offered", "Assets offered for transfer"),
    )


@public
def asset_detail(request, pk: int):
    """An asset's public page; its council's officers and the fund's staff also see its proposals."""
    asset = any_asset(pk)
    if asset is None:
        raise Http404
    is_council = acts_for_council(request.user, asset.council_id)
    insider = is_council or sees_fund(request.user)
    if asset.status == "withdrawn" and not insider:
        raise Http404
    proposals = asset.proposals.select_related("organisation").order_by("-created_at") if insider else None
    return render(
        request,
        "assets/public/asset.html",
        {"asset": asset, "proposals": proposals, "insider": insider, "is_council": is_council},
    )
