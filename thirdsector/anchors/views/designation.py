"""Proposing an organisation as an anchor (its editors or staff), and staff's decisions and queue."""

import datetime

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from thirdsector.accounts.access import can_edit_organisation, signed_in, staff_only
from thirdsector.register.models import Organisation

from ..forms.designation import ProposalForm, ReasonForm
from ..models import Anchor, Criterion
from ..selectors.anchors import designation_queue, reviews_due
from ..services import AnchorsError
from ..services.designation import designate, propose, refuse, renew

# The queue lists designations whose review falls due within this many days (about three months).
REVIEW_NOTICE_DAYS = 91


def refuse_on(form, error: AnchorsError) -> None:
    """Shows a domain error on the form, on its field where it names one the form has."""
    form.add_error(error.field if error.field in form.fields else None, str(error))


@signed_in
def propose_page(request, organisation_id: int):
    organisation = get_object_or_404(Organisation, pk=organisation_id)
    if not can_edit_organisation(request.user, organisation):
        raise PermissionDenied
    anchor = Anchor.objects.filter(organisation=organisation).first()
    form = ProposalForm(request.POST if request.method == "POST" else None, request.FILES or None, instance=anchor)
    if form.is_valid():
        evidence = {name: form.cleaned_data.get(name) for name in form.Meta.fields}
        try:
            anchor = propose(organisation=organisation, by=request.user, evidence=evidence)
        except AnchorsError as error:
            refuse_on(form, error)
        else:
            messages.success(request, "Proposal sent: department staff will decide on it")
            return redirect("anchors:anchor", anchor_id=anchor.pk)
    return render(
        request,
        "anchors/propose.html",
        {"form": form, "organisation": organisation, "criteria": list(Criterion), "anchor": anchor},
    )


def _decision(request, anchor_id: int, decide, success: str, *, needs_reason: bool):
    anchor = get_object_or_404(Anchor.objects.select_related("organisation"), pk=anchor_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = ReasonForm(request.POST)
    reason = request.POST.get("reason", "")
    try:
        if needs_reason:
            decide(anchor=anchor, by=request.user, reason=reason)
        else:
            decide(anchor=anchor, by=request.user)
    except AnchorsError as error:
        form.is_valid()
        refuse_on(form, error)
        return render(request, "anchors/decision_refused.html", {"anchor": anchor, "form": form}, status=400)
    messages.success(request, success)
    return redirect("anchors:anchor", anchor_id=anchor.pk)


@staff_only
def designate_view(request, anchor_id: int):
    return _decision(request, anchor_id, designate, "Designated as a community anchor", needs_reason=False)


@staff_only
def refuse_view(request, anchor_id: int):
    return _decision(request, anchor_id, refuse, "Designation refused", needs_reason=True)


@staff_only
def renew_view(request, anchor_id: int):
    return _decision(request, anchor_id, renew, "Designation renewed with a new review date", needs_reason=True)


@staff_only
def queue(request):
    """Proposals waiting for a decision, and designations whose review falls due within REVIEW_NOTICE_DAYS."""
    page_obj = Paginator(designation_queue(), settings.ANCHORS_PAGE_SIZE).get_page(request.GET.get("page"))
    due = reviews_due(timezone.localdate() + datetime.timedelta(days=REVIEW_NOTICE_DAYS))
    return render(
        request,
        "anchors/designation_queue.html",
        {"page_obj": page_obj, "reviews": due[: settings.ANCHORS_PAGE_SIZE], "back": reverse("anchors:network")},
    )
