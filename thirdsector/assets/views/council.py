"""The council portal: a council officer's assets and the proposals for them; offering and withdrawing."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render

from thirdsector.accounts.access import roles_required
from thirdsector.accounts.roles import Role
from thirdsector.core.workflow import TransitionRefused

from ..errors import AssetTransferError
from ..forms.assets import OfferForm, WithdrawForm
from ..permissions import acts_for_council
from ..selectors.assets import any_asset, council_assets, councils_acted_for
from ..selectors.proposals import council_proposals
from ..services.assets import offer_asset, withdraw_offer
from .errors import add_refusal


@roles_required(Role.COUNCIL_OFFICER)
def council_portal(request):
    """My council's assets and every proposal for them, each list paged on its own (`page`, `proposals_page`)."""
    size = settings.ASSETS_LIST_PAGE_SIZE
    assets = Paginator(council_assets(request.user), size).get_page(request.GET.get("page"))
    proposals = Paginator(council_proposals(request.user), size).get_page(request.GET.get("proposals_page"))
    return render(request, "assets/council/portal.html", {"page_obj": assets, "proposals": proposals})


@roles_required(Role.COUNCIL_OFFICER)
def offer(request):
    """A council officer offers a building or piece of land for transfer."""
    councils = councils_acted_for(request.user)
    if not councils.exists():
        raise PermissionDenied
    form = OfferForm(request.POST or None, councils=councils)
    if request.method == "POST" and form.is_valid():
        try:
            asset = offer_asset(by=request.user, **form.cleaned_data)
        except AssetTransferError as error:
            add_refusal(form, error)
        else:
            messages.success(request, f"{asset.name} is offered for transfer")
            return redirect(asset)
    return render(request, "assets/council/offer.html", {"form": form})


@roles_required(Role.COUNCIL_OFFICER)
def withdraw(request, pk: int):
    asset = any_asset(pk)
    if asset is None:
        raise Http404
    if not acts_for_council(request.user, asset.council_id):
        raise PermissionDenied
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            withdraw_offer(asset=asset, by=request.user, reason=form.cleaned_data["reason"])
        except (AssetTransferError, TransitionRefused) as error:
            add_refusal(form, error)
        else:
            messages.success(request, f"The offer of {asset.name} is withdrawn")
            return redirect(asset)
    return render(request, "assets/council/withdraw.html", {"form": form, "asset": asset})
