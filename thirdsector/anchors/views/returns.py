"""Yearly financial returns: an anchor's editors (or staff) submit them, staff accept or send them back.

A return is seen by the anchor's members and oversight (staff, platform admins, the Commissioner); for
anyone else it is 404, since the figures are public only once accepted, on the anchor's page.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from thirdsector.accounts.access import can_edit_organisation, can_see_history, oversight_only, signed_in, staff_only
from thirdsector.core.audit import history_of

from ..forms.designation import ReasonForm
from ..forms.network import financial_year_now
from ..forms.returns import FinancialReturnForm
from ..models import Anchor, FinancialReturn
from ..selectors.anchors import return_queue
from ..services import AnchorsError
from ..services.returns import RETURN_FIELDS, accept_return, send_back_return, submit_return
from ..services.sustainability import thresholds_in_force
from .anchors import member_of
from .designation import refuse_on


@signed_in
def submit(request, anchor_id: int, year: int | None = None):
    anchor = get_object_or_404(Anchor.objects.select_related("organisation"), pk=anchor_id)
    if not can_edit_organisation(request.user, anchor.organisation):
        raise PermissionDenied
    existing = FinancialReturn.objects.filter(anchor=anchor, year=year).first() if year else None
    if year and existing is None:
        raise Http404
    form = FinancialReturnForm(
        request.POST if request.method == "POST" else None,
        instance=existing,
        initial={"year": financial_year_now() - 1},
    )
    if form.is_valid():
        try:
            financial_return = submit_return(
                anchor=anchor,
                year=form.cleaned_data["year"],
                by=request.user,
                figures={name: form.cleaned_data.get(name) for name in RETURN_FIELDS},
            )
        except AnchorsError as error:
            refuse_on(form, error)
        else:
            messages.success(request, f"Return for {financial_return.year_label} submitted")
            return redirect("anchors:return", return_id=financial_return.pk)
    return render(
        request,
        "anchors/return_form.html",
        {"form": form, "anchor": anchor, "existing": existing, "thresholds": thresholds_in_force()},
    )


def _visible_return(request, return_id: int) -> FinancialReturn:
    financial_return = get_object_or_404(
        FinancialReturn.objects.select_related("anchor__organisation", "submitted_by", "decided_by"), pk=return_id
    )
    if not (can_see_history(request.user) or member_of(request.user, financial_return.anchor)):
        raise Http404
    return financial_return


@signed_in
def return_page(request, return_id: int):
    financial_return = _visible_return(request, return_id)
    return render(
        request,
        "anchors/return.html",
        {
            "financial_return": financial_return,
            "anchor": financial_return.anchor,
            "may_edit": can_edit_organisation(request.user, financial_return.anchor.organisation),
            "staff": can_see_history(request.user) and request.user.has_role("department_staff", "platform_admin"),
            "thresholds": thresholds_in_force(),
            "reason_form": ReasonForm(),
        },
    )


def _step(request, return_id: int, *, accept: bool):
    financial_return = get_object_or_404(FinancialReturn.objects.select_related("anchor__organisation"), pk=return_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = ReasonForm(request.POST)
    try:
        if accept:
            accept_return(financial_return=financial_return, by=request.user)
        else:
            send_back_return(financial_return=financial_return, by=request.user, reason=request.POST.get("reason", ""))
    except AnchorsError as error:
        form.is_valid()
        refuse_on(form, error)
        return render(
            request, "anchors/decision_refused.html", {"anchor": financial_return.anchor, "form": form}, status=400
        )
    messages.success(request, "Return accepted" if accept else "Return sent back to the anchor")
    return redirect("anchors:return", return_id=financial_return.pk)


@staff_only
def accept(request, return_id: int):
    return _step(request, return_id, accept=True)


@staff_only
def send_back(request, return_id: int):
    return _step(request, return_id, accept=False)


@staff_only
def queue(request):
    page_obj = Paginator(return_queue(), settings.ANCHORS_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "anchors/return_queue.html", {"page_obj": page_obj})


@oversight_only
def return_history(request, return_id: int):
    financial_return = _visible_return(request, return_id)
    return render(
        request,
        "anchors/history.html",
        {
            "record": financial_return,
            "anchor": financial_return.anchor,
            "entries": history_of(financial_return),
            "caption": f"History of the return for {financial_return.year_label}",
            "back": reverse("anchors:return", args=[financial_return.pk]),
        },
    )
