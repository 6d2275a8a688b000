"""Award and decision pages.

Who sees what: anyone sees published awards (the public list, an award's page). A commissioner's
officers (people who edit a public body's record) and staff record awards and decisions; they and the
Compact Commissioner see the private lists, which for an officer hold only their own commissioner's
awards, published or not. Decisions are private: another commissioner's decision is 404. Recording for
another commissioner is 403.
"""

import datetime

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from thirdsector.accounts.access import OVERSIGHT_ROLES, can_see_history, public, signed_in
from thirdsector.core.audit import history_of
from thirdsector.core.tables import streamed_csv
from thirdsector.core.workflow import TransitionRefused
from thirdsector.register.models import PUBLIC_BODY_KINDS, Organisation

from ..forms.awards import AwardFilterForm, AwardForm, DecisionForm, InvolvementForm, LotAwardForm, commissioner_choices
from ..models import BidStatus, CommissioningDecision, ContractAward, Lot, Opportunity, commissions_for
from ..selectors.awards import (
    YES,
    award_for_page,
    award_list,
    awards_visible_to,
    decision_for_page,
    decision_list,
    decisions_visible_to,
    published_awards,
)
from ..services.awards import AwardError, award_lot, commissioners_acted_for, publish_award, record_award
from ..services.decisions import record_decision, record_involvement

CSV_HEADER = [
    "Commissioner",
    "Awarded to",
    "Title",
    "Contract or grant",
    "Value (£)",
    "Awarded on",
    "Financial year",
    "Starts on",
    "Length (months)",
    "Third sector",
    "Size band",
    "BME-led",
    "User-led",
]


def _csv_row(award: ContractAward) -> list:
    return [
        award.commissioner.name,
        award.supplier.name,
        award.title,
        award.get_kind_display(),
        award.value,
        award.awarded_on.isoformat(),
        award.financial_year,
        award.starts_on.isoformat(),
        award.length_months,
        "yes" if award.supplier_is_third_sector else "no",
        award.get_supplier_size_band_display(),
        "yes" if award.supplier_bme_led else "no",
        "yes" if award.supplier_user_led else "no",
    ]


def _commissioner(commissioner_id: int) -> Organisation:
    return get_object_or_404(Organisation, pk=commissioner_id, kind__in=PUBLIC_BODY_KINDS)


def _acted_for(request, commissioner_id: int) -> Organisation:
    commissioner = _commissioner(commissioner_id)
    if not commissions_for(request.user, commissioner.pk):
        raise PermissionDenied
    return commissioner


def _oversees(user) -> bool:
    return user.is_authenticated and user.has_role(*OVERSIGHT_ROLES)


def _managed_awards(request):
    """The awards behind the private list: every award for oversight, one's own commissioners' for officers."""
    if _oversees(request.user):
        return ContractAward.objects.all(), commissioner_choices()
    commissioners = list(commissioners_acted_for(request.user))
    if not commissioners:
        raise PermissionDenied
    return ContractAward.objects.filter(commissioner__in=commissioners), commissioners


def _refuse(form, error: AwardError) -> None:
    form.add_error(error.field if error.field in form.fields else None, str(error))


def _list_page(request, base, commissioners, *, csv_name: str, public_list: bool):
    form = AwardFilterForm(request.GET or None, commissioners=commissioners)
    filters = form.filters()
    awards = award_list(base, filters)
    if request.GET.get("format") == "csv":
        return streamed_csv(csv_name, CSV_HEADER, (_csv_row(award) for award in awards.iterator(chunk_size=2000)))
    page_obj = Paginator(awards, settings.COMMISSIONING_AWARDS_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page_obj": page_obj,
        "public_list": public_list,
        "query": request.GET.urlencode(),
        "oversees": _oversees(request.user),
        # An officer's list is of their own commissioners' awards: link each one's figures.
        "commissioners_acted_for": [] if public_list or _oversees(request.user) else commissioners,
    }
    return render(request, "commissioning/awards/list.html", context)


@signed_in
def award_list_page(request):
    base, commissioners = _managed_awards(request)
    return _list_page(request, base, commissioners, csv_name="commissioning-awards", public_list=False)


@public
def published_award_list(request):
    return _list_page(
        request, published_awards(), commissioner_choices(), csv_name="published-awards", public_list=True
    )


@public
def award_detail(request, award_id: int):
    try:
        award = award_for_page(award_id, awards_visible_to(request.user))
    except ContractAward.DoesNotExist as error:
        raise Http404 from error
    manages = commissions_for(request.user, award.commissioner.pk)
    context = {
        "award": award,
        "manages": manages,
        "history": history_of(award) if manages or can_see_history(request.user) else None,
    }
    return render(request, "commissioning/awards/detail.html", context)


@signed_in
def award_publish(request, award_id: int):
    award = get_object_or_404(ContractAward.objects.select_related("commissioner"), pk=award_id)
    if not commissions_for(request.user, award.commissioner.pk):
        raise PermissionDenied
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        publish_award(award=award, by=request.user)
    except AwardError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Award published")
    return redirect("commissioning:award", award_id=award.pk)


def _form_page(request, form, *, heading: str, caption: str, back_url: str, button: str = "Save"):
    context = {"form": form, "heading": heading, "caption": caption, "back_url": back_url, "button": button}
    return render(request, "commissioning/awards/form.html", context)


@signed_in
def award_create(request, commissioner_id: int):
    commissioner = _acted_for(request, commissioner_id)
    form = AwardForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        data = form.cleaned_data
        try:
            award = record_award(commissioner=commissioner, by=request.user, **data)
        except AwardError as error:
            _refuse(form, error)
        else:
            messages.success(request, "Award recorded")
            return redirect("commissioning:award", award_id=award.pk)
    return _form_page(
        request,
        form,
        heading="Record an award",
        caption=commissioner.name,
        back_url=reverse("commissioning:commissioner-figures", args=[commissioner.pk]),
    )


@signed_in
def lot_award(request, lot_id: int):
    """The award step: a closed opportunity's lot goes to its winning bid."""
    lot = get_object_or_404(Lot.objects.select_related("opportunity__commissioner"), pk=lot_id)
    opportunity = lot.opportunity
    if not commissions_for(request.user, opportunity.commissioner_id):
        raise PermissionDenied
    bids = (
        lot.bids.filter(status=BidStatus.SUBMITTED).select_related("organisation", "consortium").order_by("price", "pk")
    )
    today = datetime.date.today()
    form = LotAwardForm(
        request.POST if request.method == "POST" else None,
        bids=bids,
        initial={"value": lot.value, "awarded_on": today, "starts_on": today + datetime.timedelta(days=30)},
    )
    if form.is_valid():
        try:
            award = award_lot(lot=lot, by=request.user, **form.cleaned_data)
        except (AwardError, TransitionRefused) as error:
            _refuse(form, error if isinstance(error, AwardError) else AwardError(str(error)))
        else:
            messages.success(request, f"{lot} awarded to {award.supplier.name}")
            return redirect("commissioning:award", award_id=award.pk)
    return render(
        request,
        "commissioning/awards/lot_award.html",
        {
            "form": form,
            "lot": lot,
            "opportunity": opportunity,
            "has_bids": bids.exists(),
            "heading": f"Award {lot}",
            "caption": opportunity.title,
            "back_url": opportunity.get_absolute_url(),
            "button": "Award the lot",
        },
    )


# Decisions


def _decisions_for(request):
    """The decisions the person may see; someone who neither oversees nor commissions gets 403."""
    if not _oversees(request.user) and not commissioners_acted_for(request.user).exists():
        raise PermissionDenied
    return decisions_visible_to(request.user)


def _int_or_none(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@signed_in
def decision_list_page(request):
    base = _decisions_for(request)
    commissioner = _int_or_none(request.GET.get("commissioner"))
    year = _int_or_none(request.GET.get("year"))
    involved = request.GET.get("involved", "")
    decisions = decision_list(base, commissioner=commissioner, year=year, involved=involved)
    page_obj = Paginator(decisions, settings.COMMISSIONING_AWARDS_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page_obj": page_obj,
        "year": year,
        "involved": involved == YES,
        "commissioners": commissioners_acted_for(request.user) if not _oversees(request.user) else None,
    }
    return render(request, "commissioning/awards/decision_list.html", context)


@signed_in
def decision_create(request, commissioner_id: int):
    commissioner = _acted_for(request, commissioner_id)
    form = DecisionForm(
        request.POST if request.method == "POST" else None,
        opportunities=Opportunity.objects.filter(commissioner=commissioner).order_by("-closes_on", "-id"),
    )
    if form.is_valid():
        try:
            decision = record_decision(commissioner=commissioner, by=request.user, **form.cleaned_data)
        except AwardError as error:
            _refuse(form, error)
        else:
            messages.success(request, "Decision recorded")
            return redirect("commissioning:decision", decision_id=decision.pk)
    return _form_page(
        request,
        form,
        heading="Record a decision",
        caption=commissioner.name,
        back_url=f"{reverse('commissioning:decisions')}?commissioner={commissioner.pk}",
    )


def _decision_visible(request, decision_id: int) -> CommissioningDecision:
    try:
        return decision_for_page(decision_id, decisions_visible_to(request.user))
    except CommissioningDecision.DoesNotExist as error:
        raise Http404 from error


@signed_in
def decision_detail(request, decision_id: int):
    decision = _decision_visible(request, decision_id)
    context = {
        "decision": decision,
        "manages": commissions_for(request.user, decision.commissioner.pk),
        "history": history_of(decision),
    }
    return render(request, "commissioning/awards/decision_detail.html", context)


@signed_in
def involvement_add(request, decision_id: int):
    decision = _decision_visible(request, decision_id)
    if not commissions_for(request.user, decision.commissioner.pk):
        raise PermissionDenied
    form = InvolvementForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            record_involvement(decision=decision, by=request.user, **form.cleaned_data)
        except AwardError as error:
            _refuse(form, error)
        else:
            messages.success(request, "Involvement recorded")
            return redirect("commissioning:decision", decision_id=decision.pk)
    return _form_page(
        request,
        form,
        heading="Record who was involved",
        caption=decision.title,
        back_url=reverse("commissioning:decision", args=[decision.pk]),
    )
