"""Policy proofing pages: the policies list, a policy, its assessment (with risks), sign-off, comments.

Who: department staff and platform admins record policies and write assessments; the Compact
Commissioner reads everything and comments; a body's Compact lead reads their body's policies and
signs off or returns its assessments. Everyone else signed in gets 403; the public is asked to sign in.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from thirdsector.accounts.access import roles_required, signed_in, staff_only
from thirdsector.accounts.roles import Role
from thirdsector.core.audit import history_of
from thirdsector.core.workflow import TransitionRefused, refusal

from ..forms.proofing import (
    AssessmentForm,
    CommentForm,
    ConfirmForm,
    PolicyFilterForm,
    PolicyForm,
    RiskFormSet,
    SignOffForm,
)
from ..models import AssessmentStatus, Policy, ProofingAssessment
from ..models.proofing import edits_proofing, is_compact_lead_of
from ..selectors.proofing import (
    assessment_for_page,
    bodies_seen_by,
    consultation_url_for,
    policies_for_list,
    policy_for_page,
    sees_policy,
    sees_proofing,
)
from ..services.proofing import (
    ProofingError,
    RiskRow,
    add_comment,
    record_policy,
    return_assessment,
    save_assessment,
    sign_off_assessment,
    sign_off_refusal,
    start_assessment,
    submit_assessment,
    update_policy,
)

STATUS_COLOURS = {
    AssessmentStatus.DRAFT: "grey",
    AssessmentStatus.SUBMITTED: "blue",
    AssessmentStatus.SIGNED_OFF: "green",
    AssessmentStatus.RETURNED: "orange",
}
RISK_PREFIX = "risks"


def _policy_or_404(request, pk: int) -> Policy:
    try:
        policy = policy_for_page(pk)
    except Policy.DoesNotExist as error:
        raise Http404 from error
    if not sees_policy(request.user, policy):
        raise PermissionDenied
    return policy


def _assessment_or_404(request, pk: int) -> ProofingAssessment:
    try:
        assessment = assessment_for_page(pk)
    except ProofingAssessment.DoesNotExist as error:
        raise Http404 from error
    if not sees_policy(request.user, assessment.policy):
        raise PermissionDenied
    return assessment


# --- Policies ---------------------------------------------------------------------------------


@signed_in
def policy_list(request):
    """Every policy the person may see, filterable by body and by whether it is proofed."""
    if not sees_proofing(request.user):
        raise PermissionDenied
    bodies = bodies_seen_by(request.user)
    form = PolicyFilterForm(request.GET or None, bodies=bodies)
    body, proofed = None, None
    if form.is_bound and form.is_valid():
        body = form.cleaned_data["body"]
        proofed = {"yes": True, "no": False}.get(form.cleaned_data["proofed"])
    policies = policies_for_list(user=request.user, body=body, proofed=proofed)
    page_obj = Paginator(policies, settings.COMPACT_POLICY_LIST_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "compact/proofing/policy_list.html",
        {
            "form": form,
            "page_obj": page_obj,
            "policies": list(page_obj),
            "colours": STATUS_COLOURS,
            "statuses": dict(AssessmentStatus.choices),
            "can_edit": edits_proofing(request.user),
        },
    )


@staff_only
def policy_new(request):
    form = PolicyForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            policy = record_policy(by=request.user, **form.cleaned_data)
        except ProofingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"{policy.title} has been recorded: unproofed until an assessment is signed off")
            return redirect(policy)
    return render(request, "compact/proofing/policy_form.html", {"form": form, "heading": "Record a policy"})


@staff_only
def policy_edit(request, pk: int):
    policy = get_object_or_404(Policy, pk=pk)
    form = PolicyForm(request.POST if request.method == "POST" else None, instance=policy)
    if request.method == "POST" and form.is_valid():
        try:
            update_policy(policy=policy, by=request.user, reason="Policy details changed", **form.cleaned_data)
        except ProofingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "The policy's details have been saved")
            return redirect(policy)
    return render(
        request, "compact/proofing/policy_form.html", {"form": form, "heading": "Change the policy", "policy": policy}
    )


@signed_in
def policy_detail(request, pk: int):
    policy = _policy_or_404(request, pk)
    assessments = list(policy.assessments.all())
    in_progress = any(a.status != AssessmentStatus.SIGNED_OFF for a in assessments)
    return render(
        request,
        "compact/proofing/policy_detail.html",
        {
            "policy": policy,
            "assessments": assessments,
            "colours": STATUS_COLOURS,
            "can_edit": edits_proofing(request.user),
            "can_start": edits_proofing(request.user) and not in_progress,
            "history": history_of(policy),
        },
    )


# --- Assessments ------------------------------------------------------------------------------


@staff_only
@require_POST
def assessment_new(request, pk: int):
    policy = get_object_or_404(Policy, pk=pk)
    try:
        assessment = start_assessment(policy=policy, by=request.user)
    except ProofingError as error:
        messages.error(request, str(error))
        return redirect(policy)
    return redirect("compact:assessment-edit", assessment.pk)


def _steps(assessment: ProofingAssessment, user) -> dict:
    """Which step links this person is offered, by the same rules the workflow enforces."""
    return {
        "edit": edits_proofing(user) and assessment.is_editable,
        "submit": edits_proofing(user) and assessment.is_editable,
        "decide": assessment.status == AssessmentStatus.SUBMITTED and is_compact_lead_of(user, assessment.policy.body),
        "comment": user.has_role(Role.COMMISSIONER),
    }


@signed_in
def assessment_detail(request, pk: int):
    assessment = _assessment_or_404(request, pk)
    return render(
        request,
        "compact/proofing/assessment_detail.html",
        {
            "assessment": assessment,
            "policy": assessment.policy,
            "risks": list(assessment.risks.all()),
            "comments": list(assessment.comments.all()),
            "colour": STATUS_COLOURS[assessment.status],
            "steps": _steps(assessment, request.user),
            "consultation_url": consultation_url_for(request.user, assessment.consultation),
            "history": history_of(assessment),
        },
    )


def _risk_rows(data) -> list[tuple[str, str]]:
    try:
        total = min(int(data.get(f"{RISK_PREFIX}-TOTAL_FORMS", 0)), 50)
    except ValueError:
        total = 0
    return [
        (data.get(f"{RISK_PREFIX}-{i}-description", ""), data.get(f"{RISK_PREFIX}-{i}-mitigation", ""))
        for i in range(total)
    ]


def _risk_formset(rows: list[tuple[str, str]]) -> RiskFormSet:
    """A bound formset of `rows`: the page keeps what was typed when a risk is added or removed."""
    data = {f"{RISK_PREFIX}-TOTAL_FORMS": str(len(rows)), f"{RISK_PREFIX}-INITIAL_FORMS": "0"}
    for i, (description, mitigation) in enumerate(rows):
        data[f"{RISK_PREFIX}-{i}-description"] = description
        data[f"{RISK_PREFIX}-{i}-mitigation"] = mitigation
    return RiskFormSet(data, prefix=RISK_PREFIX)


@staff_only
def assessment_edit(request, pk: int):
    """The assessment's questions and its risks, added and removed one at a time (no JavaScript needed)."""
    assessment = _assessment_or_404(request, pk)
    if not assessment.is_editable:
        messages.info(request, f"This assessment is {assessment.get_status_display().lower()}, so it cannot be changed")
        return redirect(assessment)
    if request.method != "POST":
        form = AssessmentForm(initial=AssessmentForm.initial_from(assessment), body=assessment.policy.body)
        rows = [(risk.description, risk.mitigation) for risk in assessment.risks.all()]
        return _render_edit(request, assessment, form, rows)

    form = AssessmentForm(request.POST, body=assessment.policy.body)
    rows = _risk_rows(request.POST)
    if "add_risk" in request.POST:
        return _render_edit(request, assessment, form, [*rows, ("", "")], focus=len(rows))
    if "remove_risk" in request.POST:
        try:
            index = int(request.POST["remove_risk"])
        except ValueError:
            index = -1
        return _render_edit(request, assessment, form, [row for i, row in enumerate(rows) if i != index])
    valid = form.is_valid()
    for number, (description, mitigation) in enumerate(rows, start=1):
        if mitigation.strip() and not description.strip():
            form.add_error(None, f"Describe risk {number}, or remove it")
    if valid and not form.errors:
        try:
            save_assessment(
                assessment=assessment,
                by=request.user,
                commitments=form.cleaned_data["commitments"],
                risks=[RiskRow(description, mitigation) for description, mitigation in rows],
                **form.answers(),
            )
        except ProofingError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error))
        else:
            messages.success(request, "The assessment has been saved")
            return redirect(assessment)
    return _render_edit(request, assessment, form, rows)


def _render_edit(request, assessment, form, rows, focus=None):
    return render(
        request,
        "compact/proofing/assessment_form.html",
        {
            "assessment": assessment,
            "policy": assessment.policy,
            "form": form,
            "formset": _risk_formset(rows),
            "focus": focus,
        },
    )


@staff_only
def assessment_submit(request, pk: int):
    assessment = _assessment_or_404(request, pk)
    form = ConfirmForm(request.POST if request.method == "POST" else None)
    problem = refusal(assessment, "submit", request.user)
    if request.method == "POST" and form.is_valid():
        try:
            submit_assessment(assessment=assessment, by=request.user)
        except TransitionRefused as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Submitted for sign-off by {assessment.policy.body.lead_name}")
            return redirect(assessment)
    return render(
        request,
        "compact/proofing/assessment_step.html",
        {
            "assessment": assessment,
            "form": form,
            "problem": problem,
            "heading": "Submit for sign-off",
            "button": "Submit for sign-off",
        },
    )


@signed_in
def assessment_sign_off(request, pk: int):
    """The Compact lead's page: sign the assessment off or return it with what must change."""
    assessment = _assessment_or_404(request, pk)
    form = SignOffForm(request.POST if request.method == "POST" else None)
    problem = None
    if refusal(assessment, "return_for_changes", request.user) is not None:
        # Not the lead, or not awaiting sign-off: say why and offer no form.
        problem = sign_off_refusal(assessment, request.user)
    if request.method == "POST" and problem is None and form.is_valid():
        decision, note = form.cleaned_data["decision"], form.cleaned_data["note"]
        try:
            if decision == "sign_off":
                sign_off_assessment(assessment=assessment, by=request.user, note=note)
                messages.success(request, "Signed off: the policy is proofed")
            else:
                return_assessment(assessment=assessment, by=request.user, note=note)
                messages.success(request, "Returned to the assessor for changes")
        except (TransitionRefused, ProofingError) as error:
            form.add_error("note" if decision == "return" else None, str(error))
        else:
            return redirect(assessment)
    if request.method == "POST" and problem is not None:
        raise PermissionDenied
    return render(
        request,
        "compact/proofing/assessment_sign_off.html",
        {
            "assessment": assessment,
            "risks": list(assessment.risks.all()),
            "form": form,
            "problem": problem,
            "sign_off_problem": sign_off_refusal(assessment, request.user) if problem is None else None,
        },
    )


@roles_required(Role.COMMISSIONER)
def assessment_comment(request, pk: int):
    """The Commissioner's review comment on any assessment."""
    assessment = _assessment_or_404(request, pk)
    form = CommentForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            add_comment(assessment=assessment, by=request.user, body=form.cleaned_data["body"])
        except ProofingError as error:
            form.add_error("body", str(error))
        else:
            messages.success(request, "Your comment has been added")
            return redirect(reverse("compact:assessment", args=[assessment.pk]) + "#comments")
    return render(
        request,
        "compact/proofing/assessment_comment.html",
        {"assessment": assessment, "comments": list(assessment.comments.all()), "form": form},
    )
