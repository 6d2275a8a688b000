"""Commissioning plan pages and the commissioners' portal.

Who sees what: anyone reads a published plan (with its involvement record and what changed); a draft or
withdrawn plan is seen only by its commissioner's officers (404 for everyone else, as if it did not
exist). Officers of the commissioner (`commissions_for`) change its plans; another council's officer gets
403 on a published plan's edit pages and 404 on a draft's. History is for the commissioner's officers
and oversight (department staff, the Compact Commissioner).
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from thirdsector.accounts.access import can_see_history, public, roles_required, signed_in
from thirdsector.core.audit import history_of
from thirdsector.core.tables import streamed_csv
from thirdsector.core.workflow import TransitionRefused, available_steps, take
from thirdsector.funding.selectors.lists import list_page

from ..forms.plans import ActivityForm, PlanForm, StepForm
from ..models import CommissioningPlan, InvolvementActivity, commissions_for
from ..models.plans import COMMISSIONING_ROLES
from ..selectors.opportunities import opportunities_of
from ..selectors.plans import commissioners_acted_for, plan_for_page, plans_of, published_plans
from ..services.involvement import record_activity, update_activity
from ..services.plans import CommissioningError, create_plan, update_plan

commissioning_officers = roles_required(*COMMISSIONING_ROLES)

PLAN_STEPS = {
    "publish": "Publish the plan",
    "fix_specification": "Fix the specification",
    "withdraw": "Withdraw the plan",
}


def refuse(form, error: CommissioningError) -> None:
    """Puts a service's refusal on the form, against its field when the form has one."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, str(error))


def form_page(request, form, *, heading: str, back_url: str, caption: str = "", button: str = "Save", extra=None):
    context = {
        "form": form,
        "heading": heading,
        "back_url": back_url,
        "caption": caption,
        "button": button,
        **(extra or {}),
    }
    return render(request, "commissioning/plans/form.html", context)


def visible_plan(request, pk: int) -> CommissioningPlan:
    plan = plan_for_page(pk)
    if plan is None:
        raise Http404
    if not plan.is_public and not commissions_for(request.user, plan.commissioner_id):
        raise Http404
    return plan


def editable_plan(request, pk: int) -> CommissioningPlan:
    """The plan, if this person commissions for its body: 403 if they may see it, 404 if not."""
    plan = CommissioningPlan.objects.select_related("commissioner").filter(pk=pk).first()
    if plan is None:
        raise Http404
    if not commissions_for(request.user, plan.commissioner_id):
        if plan.is_public:
            raise PermissionDenied
        raise Http404
    return plan


@public
def plan_list(request):
    """Published plans: what public bodies intend to commission, while the sector can still shape it."""
    plans = published_plans()
    if request.GET.get("format") == "csv":
        rows = (
            (
                p.commissioner.name,
                p.title,
                p.service_area.name,
                p.estimated_value,
                p.duration_months,
                p.involvement_closes_on,
                p.get_status_display(),
                p.activity_count,
                request.build_absolute_uri(p.get_absolute_url()),
            )
            for p in plans.iterator()
        )
        header = [
            "Commissioner",
            "Plan",
            "Service area",
            "Estimated value (£)",
            "Length (months)",
            "Involvement closes on",
            "Status",
            "Involvement activities",
            "Link",
        ]
        return streamed_csv("commissioning-plans", header, rows)
    page_obj = list_page(plans, request.GET.get("page"), per_page=settings.COMMISSIONING_LIST_PAGE_SIZE)
    return render(request, "commissioning/plans/list.html", {"page_obj": page_obj})


@public
def plan_detail(request, pk: int):
    plan = visible_plan(request, pk)
    officer = commissions_for(request.user, plan.commissioner_id)
    return render(
        request,
        "commissioning/plans/detail.html",
        {
            "plan": plan,
            "officer": officer,
            "steps": available_steps(plan, request.user) if officer else [],
            "can_see_history": officer or can_see_history(request.user),
        },
    )


@commissioning_officers
def plan_create(request):
    commissioners = list(commissioners_acted_for(request.user))
    if not commissioners:
        raise PermissionDenied
    form = PlanForm(request.POST or None, commissioners=commissioners)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            plan = create_plan(**data, by=request.user)
        except CommissioningError as error:
            refuse(form, error)
        else:
            messages.success(request, "Plan drafted. Publish it so the sector and service users can shape it.")
            return redirect(plan)
    return form_page(request, form, heading="Draft a commissioning plan", back_url=reverse("commissioning:portal"))


@commissioning_officers
def plan_edit(request, pk: int):
    plan = editable_plan(request, pk)
    form = PlanForm(request.POST or None, instance=plan, commissioners=[])
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        areas = data.pop("areas")
        plan.refresh_from_db()  # the form changed the instance; the service checks and saves it
        try:
            update_plan(plan=plan, areas=areas, by=request.user, reason="Plan changed", **data)
        except CommissioningError as error:
            refuse(form, error)
        else:
            messages.success(request, "Plan saved")
            return redirect(plan)
    return form_page(request, form, heading="Change the plan", caption=plan.title, back_url=plan.get_absolute_url())


@commissioning_officers
def plan_step(request, pk: int, step: str):
    plan = editable_plan(request, pk)
    if step not in PLAN_STEPS:
        raise Http404
    label = PLAN_STEPS[step]
    form = StepForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            take(plan, step, by=request.user, reason=form.cleaned_data["reason"])
        except TransitionRefused as error:
            plan.refresh_from_db()
            form.add_error(None, str(error))
        else:
            messages.success(request, f"{plan.title}: {plan.get_status_display().lower()}")
            return redirect(plan)
    return form_page(request, form, heading=label, caption=plan.title, back_url=plan.get_absolute_url(), button=label)


@commissioning_officers
def activity_add(request, pk: int):
    plan = editable_plan(request, pk)
    form = ActivityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            record_activity(plan=plan, **form.cleaned_data, by=request.user)
        except CommissioningError as error:
            refuse(form, error)
        else:
            messages.success(request, "Involvement recorded")
            return redirect(reverse("commissioning:plan", args=[plan.pk]) + "#involvement")
    return form_page(
        request,
        form,
        heading="Record involvement",
        caption=plan.title,
        back_url=plan.get_absolute_url(),
        extra={
            "hint": "An event, a co-design session, a survey or a Compact consultation: who took part, what "
            "was heard, and what changed in the plan because of it."
        },
    )


@commissioning_officers
def activity_edit(request, pk: int, activity_id: int):
    plan = editable_plan(request, pk)
    activity = InvolvementActivity.objects.filter(pk=activity_id, plan=plan).select_related("plan").first()
    if activity is None:
        raise Http404
    form = ActivityForm(request.POST or None, instance=activity)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        organisations = data.pop("organisations")
        activity.refresh_from_db()
        try:
            update_activity(activity=activity, organisations=organisations, by=request.user, **data)
        except CommissioningError as error:
            refuse(form, error)
        else:
            messages.success(request, "Involvement saved")
            return redirect(reverse("commissioning:plan", args=[plan.pk]) + "#involvement")
    return form_page(
        request, form, heading="Change the involvement record", caption=plan.title, back_url=plan.get_absolute_url()
    )


@signed_in
def plan_history(request, pk: int):
    plan = CommissioningPlan.objects.select_related("commissioner").filter(pk=pk).first()
    if plan is None:
        raise Http404
    if not (commissions_for(request.user, plan.commissioner_id) or can_see_history(request.user)):
        if plan.is_public:
            raise PermissionDenied
        raise Http404
    return render(
        request,
        "commissioning/plans/history.html",
        {"record": plan, "history": history_of(plan), "back_url": plan.get_absolute_url()},
    )


@commissioning_officers
def portal(request):
    """The commissioners' portal: my bodies' plans and opportunities, with interest and bids counted.

    Each list pages on its own (`plans_page`, `opportunities_page`), so a council with thousands of either
    reaches every one, and following one list's pages keeps the other on the page it was."""
    commissioners = commissioners_acted_for(request.user)
    size = settings.COMMISSIONING_LIST_PAGE_SIZE
    return render(
        request,
        "commissioning/plans/portal.html",
        {
            "commissioners": list(commissioners),
            "plans": list_page(plans_of(commissioners), request.GET.get("plans_page"), per_page=size),
            "opportunities": list_page(
                opportunities_of(commissioners), request.GET.get("opportunities_page"), per_page=size
            ),
        },
    )
