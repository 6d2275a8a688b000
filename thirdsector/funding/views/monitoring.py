"""Monitoring return pages: the staff list and review, and the organisation's own return form."""

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from thirdsector.accounts.access import roles_required, signed_in
from thirdsector.core.workflow import TransitionRefused, refusal

from ..errors import FundingError
from ..forms.monitoring import ReturnFilterForm, ReturnForm, ReturnReviewForm
from ..models import MonitoringReturn, ReturnStatus
from ..permissions import acts_for, runs_programme
from ..selectors.monitoring import return_for_page, returns_for_staff
from ..selectors.programmes import PROGRAMME_ROLES
from ..services.monitoring import accept_return, light_touch_maximum, request_follow_up, submit_return


@roles_required(*PROGRAMME_ROLES)
def returns(request):
    """Returns that need staff: submitted and awaiting review, overdue, or waiting on more information."""
    today = timezone.localdate()
    form = ReturnFilterForm(request.GET or None, user=request.user)
    page = None
    if not form.is_bound or form.is_valid():
        queryset = returns_for_staff(request.user, form.filters(), today=today)
        page = Paginator(queryset, settings.FUNDING_LIST_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "funding/monitoring/returns.html",
        {"form": form, "page_obj": page, "today": today, "light_touch_maximum": light_touch_maximum()},
    )


def _get_return(pk: int) -> MonitoringReturn:
    try:
        return return_for_page(pk)
    except MonitoringReturn.DoesNotExist as error:
        raise Http404 from error


@roles_required(*PROGRAMME_ROLES)
def monitoring_return(request, pk: int):
    """One return for staff: its answers, and accepting it or asking for more information."""
    monitoring_return = _get_return(pk)
    if not runs_programme(request.user, monitoring_return.award.programme):
        raise Http404
    form = ReturnReviewForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        decision = request.POST.get("decision", "")
        notes = form.cleaned_data["notes"]
        try:
            if decision == "accept":
                accept_return(monitoring_return=monitoring_return, by=request.user, notes=notes)
                done = "accepted"
            elif decision == "follow_up":
                if not notes.strip():
                    raise FundingError("Say what more information is needed.")
                request_follow_up(monitoring_return=monitoring_return, by=request.user, notes=notes)
                done = "sent back to the organisation for more information"
            else:
                raise FundingError("Choose whether to accept the return or ask for more information.")
        except FundingError as error:
            form.add_error("notes", str(error))
        except TransitionRefused as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"The return on {monitoring_return.award.reference} has been {done}")
            return redirect("funding:return", pk=pk)
    return render(
        request,
        "funding/monitoring/return.html",
        {
            "monitoring_return": monitoring_return,
            "form": form,
            "can_review": refusal(monitoring_return, "accept", request.user) is None,
            "held_payments": monitoring_return.award.payments.filter(status="held").count(),
        },
    )


@signed_in
def return_submit(request, pk: int):
    """The organisation's return: what it delivered, what changed, and what it spent in the period.

    Only members who may edit the organisation's record see it; to anyone else it does not exist.
    """
    monitoring_return = _get_return(pk)
    if not acts_for(request.user, monitoring_return.award.organisation_id):
        raise Http404
    open_for_answers = monitoring_return.status in (ReturnStatus.DUE, ReturnStatus.FOLLOW_UP)
    initial = {
        "outputs": monitoring_return.outputs,
        "outcomes": monitoring_return.outcomes,
        "spend": monitoring_return.spend,
    }
    form = ReturnForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and open_for_answers and form.is_valid():
        try:
            submit_return(monitoring_return=monitoring_return, by=request.user, **form.cleaned_data)
        except (FundingError, TransitionRefused) as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Your monitoring return has been sent. We will tell you if we need more.")
            return redirect(monitoring_return.award)
    return render(
        request,
        "funding/monitoring/return_submit.html",
        {"monitoring_return": monitoring_return, "form": form, "open_for_answers": open_for_answers},
    )
