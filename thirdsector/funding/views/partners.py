"""Strategic partner status pages: the published criteria, registering interest, the record, the staff list."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from thirdsector.accounts.access import is_staff, public, signed_in, staff_only
from thirdsector.core.workflow import refusal
from thirdsector.register.models import Organisation

from ..errors import FundingError, TransitionRefused
from ..forms.partners import DeclineForm, GrantForm, PartnerFilterForm, RegisterInterestForm, StepReasonForm
from ..models.partners import StrategicPartner
from ..permissions import acts_for
from ..selectors.partners import (
    PAGE_STEPS,
    STATUS_TAG_COLOURS,
    may_ever_take,
    may_see_partner,
    partner_for_page,
    partner_rows,
    partners_for_staff,
    review_due_soon,
    steps_for,
    steps_taken,
)
from ..services import partners as services

PAGE_SIZE = 25

# Each step's page: its heading, button, form and the message once it is taken.
STEP_PAGES = {
    "start_review": ("Start the review", "Start the review", StepReasonForm, "The review has started"),
    "grant": ("Grant strategic partner status", "Grant status", GrantForm, "Strategic partner status has been granted"),
    "decline": ("Decline the interest", "Decline", DeclineForm, "The interest has been declined"),
    "withdraw_status": (
        "Withdraw strategic partner status",
        "Withdraw status",
        StepReasonForm,
        "Strategic partner status has been withdrawn",
    ),
    "withdraw_interest": (
        "Withdraw your interest",
        "Withdraw interest",
        StepReasonForm,
        "Your interest has been withdrawn",
    ),
}


@public
def partner_criteria(request):
    return render(request, "funding/partners/criteria.html", {"status_years": settings.FUNDING_PARTNER_STATUS_YEARS})


@signed_in
def partner_register(request, pk: int):
    """Editors and administrators of the organisation register its interest; others are refused."""
    organisation = get_object_or_404(Organisation, pk=pk, merged_into__isnull=True)
    if not acts_for(request.user, organisation.pk):
        raise PermissionDenied
    existing = services.live_record_of(organisation)
    if existing is not None:
        messages.info(request, services.ALREADY_LIVE)
        return redirect(existing)
    form = RegisterInterestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            partner = services.register_interest(organisation=organisation, by=request.user, **form.cleaned_data)
        except FundingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Your interest in strategic partner status has been registered")
            return redirect(partner)
    return render(request, "funding/partners/register.html", {"organisation": organisation, "form": form})


def _visible_partner(request, pk: int) -> StrategicPartner:
    try:
        partner = partner_for_page(pk)
    except StrategicPartner.DoesNotExist as error:
        raise Http404 from error
    if not may_see_partner(request.user, partner):
        raise Http404
    return partner


@signed_in
def partner_detail(request, pk: int):
    """The record, its decision and its history; the steps the person may take are offered as buttons."""
    partner = _visible_partner(request, pk)
    staff = is_staff(request.user)
    return render(
        request,
        "funding/partners/detail.html",
        {
            "partner": partner,
            "colour": STATUS_TAG_COLOURS.get(partner.status, "grey"),
            "steps": steps_for(partner, request.user),
            "steps_taken": steps_taken(partner, names_of_staff=staff),
            "is_staff": staff,
            "due_soon": partner.is_current and review_due_soon(partner),
            "warning_days": settings.FUNDING_PARTNER_REVIEW_WARNING_DAYS,
        },
    )


def _take_step(step: str, partner: StrategicPartner, user, data: dict) -> StrategicPartner:
    if step == "grant":
        return services.grant_status(partner=partner, by=user, **data)
    if step == "decline":
        return services.decline_interest(partner=partner, by=user, reasons=data["reasons"])
    action = {
        "start_review": services.start_review,
        "withdraw_status": services.withdraw_status,
        "withdraw_interest": services.withdraw_interest,
    }[step]
    return action(partner=partner, by=user, reason=data["reason"])


@signed_in
def partner_step(request, pk: int, step: str):
    """One step's form. A step the person's role never allows is 403; one the record's state refuses is explained."""
    partner = _visible_partner(request, pk)
    if step not in PAGE_STEPS:
        raise Http404
    if not may_ever_take(partner, step, request.user):
        raise PermissionDenied
    heading, button, form_class, done = STEP_PAGES[step]
    form = form_class(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            partner = _take_step(step, partner, request.user, form.cleaned_data)
        except (FundingError, TransitionRefused) as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, done)
            return redirect(partner)
    problem = None
    if request.method != "POST" and step not in {offered.name for offered in steps_for(partner, request.user)}:
        # Say at once that the record's state rules the step out (someone may have acted first).
        problem = refusal(partner, step, request.user) or "This step is not possible now."
    return render(
        request,
        "funding/partners/step.html",
        {
            "partner": partner,
            "step": step,
            "heading": heading,
            "button": button,
            "form": form,
            "problem": problem,
            "warning": step in ("decline", "withdraw_status", "withdraw_interest"),
        },
    )


@staff_only
def partner_list(request):
    """Every registration for staff, filterable by status; granted ones show their review dates."""
    form = PartnerFilterForm(request.GET or None)
    status = form.cleaned_data["status"] if form.is_bound and form.is_valid() else ""
    page_obj = Paginator(partners_for_staff(status=status), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "funding/partners/list.html",
        {
            "form": form,
            "status": status,
            "page_obj": page_obj,
            "rows": partner_rows(page_obj),
            "warning_days": settings.FUNDING_PARTNER_REVIEW_WARNING_DAYS,
            "status_years": settings.FUNDING_PARTNER_STATUS_YEARS,
        },
    )
