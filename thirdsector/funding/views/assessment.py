"""Assessment pages: the assessor's list, declaration and scoring; staff's assigning, moderation and decision.

Assessors reach an application only through `selectors.assessment` (the conflict-of-interest wall).
Staff pages are for the staff who run the programme: department staff, or fund administrators of the
body that administers it; anyone else is refused with 403.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render

from thirdsector.accounts.access import STAFF_ROLES, roles_required
from thirdsector.accounts.roles import Role
from thirdsector.core.workflow import TransitionRefused

from ..errors import FundingError
from ..forms.assessment import AssignAssessorForm, DecisionForm, DeclarationForm, RemoveAssessorForm, ScoreForm
from ..models import Application, ApplicationStatus, AssessorAssignment, AssignmentStatus
from ..permissions import runs_programme
from ..selectors import assessment as selectors
from ..services import assessment as services

# Those who may run a programme; `runs_programme` then checks this programme.
PROGRAMME_ROLES = (*STAFF_ROLES, Role.FUND_ADMINISTRATOR)
# The panel decides on a submitted application (decline only: approval needs a completed assessment)
# or one in assessment.
DECIDABLE_STATUSES = (ApplicationStatus.SUBMITTED, ApplicationStatus.IN_ASSESSMENT)


def _page_size() -> int:
    return getattr(settings, "FUNDING_LIST_PAGE_SIZE", 25)


def _application_for_staff(request, reference: str) -> Application:
    try:
        application = selectors.application_for_staff(reference)
    except Application.DoesNotExist as error:
        raise Http404 from error
    if not runs_programme(request.user, application.programme):
        raise PermissionDenied
    return application


def _own_assignment(request, pk: int) -> AssessorAssignment:
    try:
        return selectors.assignment_of(pk=pk, user=request.user)
    except AssessorAssignment.DoesNotExist as error:
        raise Http404 from error


@roles_required(Role.ASSESSOR)
def my_assessments(request):
    paginator = Paginator(selectors.assignments_for_assessor(request.user), _page_size())
    page = paginator.get_page(request.GET.get("page"))
    return render(request, "funding/assessment/my_assessments.html", {"page_obj": page, "assignments": page})


@roles_required(Role.ASSESSOR)
def assessment_declare(request, pk: int):
    """Asked before anything of the application is shown: only the applicant's name and the question."""
    assignment = _own_assignment(request, pk)
    if assignment.status in selectors.OPEN_TO_THE_ASSESSOR:
        return redirect("funding:assessment-score", pk=assignment.pk)
    if assignment.status == AssignmentStatus.CONFLICTED:
        return render(request, "funding/assessment/declared_conflict.html", {"assignment": assignment})
    form = DeclarationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        has_conflict = form.cleaned_data["has_conflict"]
        try:
            services.declare_interests(
                assignment=assignment, by=request.user, has_conflict=has_conflict, details=form.cleaned_data["details"]
            )
        except TransitionRefused as error:
            form.add_error(None, str(error))
        else:
            if has_conflict:
                messages.success(request, "Your conflict of interest has been recorded")
                return redirect("funding:assessment-declare", pk=assignment.pk)
            messages.success(request, "You declared no conflict of interest")
            return redirect("funding:assessment-score", pk=assignment.pk)
    return render(request, "funding/assessment/declare.html", {"assignment": assignment, "form": form})


@roles_required(Role.ASSESSOR)
def assessment_score(request, pk: int):
    assignment = _own_assignment(request, pk)
    try:
        selectors.check_the_wall(assignment)
    except selectors.InterestsNotDeclared:
        return redirect("funding:assessment-declare", pk=assignment.pk)
    application = assignment.application
    criteria = selectors.criteria_of(application)
    saved = {score.criterion_id: score for score in assignment.scores.all()}
    can_score = assignment.status == AssignmentStatus.CLEAR and application.status == ApplicationStatus.IN_ASSESSMENT
    submitting = request.POST.get("action") == ScoreForm.SUBMIT
    form = ScoreForm(
        request.POST if request.method == "POST" and can_score else None,
        criteria=criteria,
        scores=saved,
        submitting=submitting,
    )
    if request.method == "POST" and not can_score:
        raise PermissionDenied
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                services.save_scores(assignment=assignment, by=request.user, scores=form.scores())
                if submitting:
                    services.submit_scores(assignment=assignment, by=request.user)
        except services.InvalidScores as error:
            for criterion_pk, message in error.errors.items():
                field = f"score_{criterion_pk}"
                form.add_error(field if field in form.fields else None, message)
        except (FundingError, TransitionRefused) as error:
            form.add_error(None, str(error))
        else:
            if submitting:
                messages.success(request, f"Your scores for {application.reference} have been submitted")
                return redirect("funding:my-assessments")
            messages.success(request, "Your scores have been saved as a draft")
            return redirect("funding:assessment-score", pk=assignment.pk)
    return render(
        request,
        "funding/assessment/score.html",
        {
            "assignment": assignment,
            "application": application,
            "documents": application.documents.all(),
            "form": form,
            "can_score": can_score,
            "saved": [(criterion, saved.get(criterion.pk)) for criterion in criteria],
        },
    )


@roles_required(*PROGRAMME_ROLES)
def assessment_assign(request, reference: str):
    application = _application_for_staff(request, reference)
    form = AssignAssessorForm(
        request.POST if request.method == "POST" else None, assessors=selectors.assessor_choices(application)
    )
    if request.method == "POST" and form.is_valid():
        try:
            assignment = services.assign_assessor(
                application=application, assessor=form.cleaned_data["assessor"], by=request.user
            )
        except (FundingError, TransitionRefused) as error:
            form.add_error("assessor", str(error))
        else:
            messages.success(request, f"{assignment.assessor} has been assigned")
            return redirect("funding:assessment-assign", reference=application.reference)
    return render(
        request,
        "funding/assessment/assign.html",
        {
            "application": application,
            "assignments": selectors.assignments_for_application(application),
            "form": form,
            "can_assign": application.status in services.ASSIGNABLE_STATUSES,
        },
    )


@roles_required(*PROGRAMME_ROLES)
def assessment_remove(request, pk: int):
    try:
        assignment = AssessorAssignment.objects.select_related(
            "assessor", "application__organisation", "application__round__programme"
        ).get(pk=pk)
    except AssessorAssignment.DoesNotExist as error:
        raise Http404 from error
    application = assignment.application
    if not runs_programme(request.user, application.programme):
        raise PermissionDenied
    form = RemoveAssessorForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.remove_assessor(assignment=assignment, by=request.user, reason=form.cleaned_data["reason"])
        except TransitionRefused as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"{assignment.assessor} has been removed from {application.reference}")
            return redirect("funding:assessment-assign", reference=application.reference)
    return render(
        request,
        "funding/assessment/remove.html",
        {"assignment": assignment, "application": application, "form": form},
    )


@roles_required(*PROGRAMME_ROLES)
def moderation(request, reference: str):
    application = _application_for_staff(request, reference)
    return render(
        request,
        "funding/assessment/moderation.html",
        {"application": application, "moderation": selectors.moderation(application)},
    )


@roles_required(*PROGRAMME_ROLES)
def decision(request, reference: str):
    application = _application_for_staff(request, reference)
    decided = application.status in (ApplicationStatus.APPROVED, ApplicationStatus.DECLINED)
    can_decide = application.status in DECIDABLE_STATUSES
    form = DecisionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and not can_decide:
        form.is_valid()
        form.add_error(
            None, f"The panel cannot decide now: the application is {application.get_status_display().lower()}."
        )
    elif request.method == "POST" and form.is_valid():
        try:
            application = services.record_decision(
                application=application,
                by=request.user,
                approve=form.cleaned_data["outcome"] == "approve",
                reasons=form.cleaned_data["reasons"],
                feedback=form.cleaned_data["feedback"],
            )
        except (FundingError, TransitionRefused) as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"The decision on {application.reference} has been recorded")
            return redirect("funding:decision", reference=application.reference)
    return render(
        request,
        "funding/assessment/decision.html",
        {
            "application": application,
            "form": form,
            "decided": decided,
            "can_decide": can_decide,
            "completed_count": application.assignments.filter(status=AssignmentStatus.COMPLETED).count(),
        },
    )
