"""The staff payment pages: the queue, one payment with the steps open to the person, and marking it paid."""

import csv

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from thirdsector.accounts.access import roles_required
from thirdsector.core.audit import history_of
from thirdsector.core.spreadsheets import safe_cell
from thirdsector.core.workflow import TransitionRefused, refusal

from ..errors import FundingError
from ..forms.payments import MarkPaidForm, PaymentQueueForm, PaymentStepForm
from ..models import Payment
from ..permissions import runs_programme
from ..selectors.payments import payment_for_page, payment_queue
from ..selectors.programmes import PROGRAMME_ROLES
from ..services.payments import approve_payment, cancel_payment, mark_payment_paid, raise_payment, release_payment

# The steps a person takes on this page with a reason, by the button pressed. "Mark as paid" has its own
# form (date and finance reference); holding and replacing are the system's.
STEPS = {
    "raise_for_approval": raise_payment,
    "approve": approve_payment,
    "release": release_payment,
    "cancel": cancel_payment,
}
BUTTON_CLASSES = {"cancel": "govuk-button govuk-button--warning", "release": "govuk-button govuk-button--secondary"}


@roles_required(*PROGRAMME_ROLES)
def payments(request):
    """The queue: payments due soon, awaiting approval or held, on the programmes the person runs."""
    today = timezone.localdate()
    due_within_days = settings.FUNDING_PAYMENTS_DUE_WITHIN_DAYS
    form = PaymentQueueForm(request.GET or None, user=request.user)
    page = None
    if not form.is_bound or form.is_valid():
        queue = payment_queue(request.user, form.filters(), today=today, due_within_days=due_within_days)
        page = Paginator(queue, settings.FUNDING_LIST_PAGE_SIZE).get_page(request.GET.get("page"))
        if request.GET.get("format") == "csv":
            return _csv(page)
    return render(
        request,
        "funding/payments/queue.html",
        {"form": form, "page_obj": page, "due_within_days": due_within_days, "today": today},
    )


def _csv(page) -> HttpResponse:
    """Exactly the rows the page shows, safe to open in a spreadsheet."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="payments-page-{page.number}.csv"'
    writer = csv.writer(response)
    writer.writerow(
        ["Award", "Organisation", "Programme", "Payment", "Due on", "Financial year", "Amount", "Status", "Raised by"]
    )
    for payment in page:
        writer.writerow(
            safe_cell(value)
            for value in [
                payment.award.reference,
                payment.award.organisation.name,
                payment.programme.name,
                payment.number,
                payment.due_on.isoformat(),
                payment.financial_year,
                f"{payment.amount:.2f}",
                payment.get_status_display(),
                str(payment.raised_by) if payment.raised_by else "",
            ]
        )
    return response


def _payment_run_by(request, pk: int) -> Payment:
    """The payment, if the person runs its programme; others are told it does not exist."""
    try:
        payment = payment_for_page(pk)
    except Payment.DoesNotExist as error:
        raise Http404 from error
    if not runs_programme(request.user, payment.programme):
        raise Http404
    return payment


def _steps(payment: Payment, user) -> tuple[list[dict], list[str]]:
    """The steps open to `user` now (as buttons) and why the others from this state are not."""
    offered, refused = [], []
    for transition in payment.get_all_status_transitions():
        if transition.name not in (*STEPS, "mark_paid") or transition.source not in (payment.status, "*"):
            continue
        problem = refusal(payment, transition.name, user)
        if problem:
            refused.append(problem)
        else:
            offered.append(
                {
                    "name": transition.name,
                    "label": transition.custom.get("label", transition.name).capitalize(),
                    "classes": BUTTON_CLASSES.get(transition.name, "govuk-button"),
                }
            )
    return offered, list(dict.fromkeys(refused))


@roles_required(*PROGRAMME_ROLES)
def payment(request, pk: int):
    """One payment: its schedule, who raised and approved it, the steps open now, and its history."""
    payment = _payment_run_by(request, pk)
    form = PaymentStepForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        step = request.POST.get("step", "")
        if step not in STEPS:
            form.add_error(None, "Choose a step to take on this payment.")
        elif form.is_valid():
            try:
                STEPS[step](payment=payment, by=request.user, reason=form.cleaned_data["reason"])
            except (FundingError, TransitionRefused) as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, f"Payment {payment.number} on {payment.award.reference}: {step_done(step)}")
                return redirect("funding:payment", pk=pk)
    offered, refused = _steps(payment, request.user)
    return render(
        request,
        "funding/payments/payment.html",
        {
            "payment": payment,
            "form": form,
            "offered": [step for step in offered if step["name"] != "mark_paid"],
            "can_mark_paid": any(step["name"] == "mark_paid" for step in offered),
            "refused": refused,
            "overdue_returns": payment.award.returns.overdue(),
            "entries": history_of(payment),
        },
    )


def step_done(step: str) -> str:
    return {
        "raise_for_approval": "raised for approval",
        "approve": "approved",
        "release": "released back to the schedule",
        "cancel": "cancelled",
    }[step]


@roles_required(*PROGRAMME_ROLES)
def payment_mark_paid(request, pk: int):
    """Records that finance made an approved payment: the date and the finance system's reference."""
    payment = _payment_run_by(request, pk)
    form = MarkPaidForm(request.POST if request.method == "POST" else None, initial={"paid_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            mark_payment_paid(
                payment=payment,
                by=request.user,
                paid_on=form.cleaned_data["paid_on"],
                payment_reference=form.cleaned_data["payment_reference"],
            )
        except (FundingError, TransitionRefused) as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Payment {payment.number} on {payment.award.reference} is recorded as paid")
            return redirect("funding:payment", pk=pk)
    return render(
        request,
        "funding/payments/mark_paid.html",
        {"payment": payment, "form": form, "refused": refusal(payment, "mark_paid", request.user)},
    )
