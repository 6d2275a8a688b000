"""Assessment: assigning assessors, their declarations and scores, and the panel's decision.

Every status change is a workflow step (`core.workflow.take`), so who may take it and why it is
refused are declared once, on the models. The rules here are those the steps cannot express: who may
be assigned, which scores are valid, and what the applicant is told.
"""

from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse

from thirdsector.accounts.roles import Role
from thirdsector.core.audit import attribute
from thirdsector.core.links import absolute_url
from thirdsector.core.workflow import take

from ..errors import FundingError
from ..models import Application, ApplicationStatus, AssessorAssignment, AssignmentStatus, Score
from ..permissions import runs_programme

# An assessor may be assigned while the application waits for, or is in, assessment.
ASSIGNABLE_STATUSES = (ApplicationStatus.SUBMITTED, ApplicationStatus.IN_ASSESSMENT)


class InvalidScores(FundingError):
    """Some scores were refused; `errors` says why, keyed by criterion."""

    def __init__(self, errors: dict[int, str]):
        self.errors = errors
        super().__init__(" ".join(errors.values()))


def assign_assessor(*, application: Application, assessor, by) -> AssessorAssignment:
    """Assigns `assessor` to `application`; the first assignment starts the assessment."""
    if not runs_programme(by, application.programme):
        raise FundingError("Only the staff who run the programme can assign assessors.")
    if not assessor.has_role(Role.ASSESSOR):
        raise FundingError(f"{assessor} does not hold the assessor role.")
    if assessor.memberships.filter(organisation_id=application.organisation_id).exists():
        raise FundingError(f"{assessor} is a member of {application.organisation} and cannot assess its application.")
    with transaction.atomic():
        application = Application.objects.select_for_update().get(pk=application.pk)
        if application.status not in ASSIGNABLE_STATUSES:
            raise FundingError(
                f"Assessors can only be assigned to a submitted application; this one is "
                f"{application.get_status_display().lower()}."
            )
        existing = AssessorAssignment.objects.filter(application=application, assessor=assessor).first()
        if existing is not None:
            if existing.status == AssignmentStatus.REMOVED:
                raise FundingError(f"{assessor} was removed from this application and cannot be assigned again.")
            raise FundingError(f"{assessor} is already assigned to this application.")
        if application.status == ApplicationStatus.SUBMITTED:
            take(application, "start_assessment", by=by, reason=f"Assessment started: {assessor} assigned")
        assignment = AssessorAssignment(application=application, assessor=assessor, assigned_by=by)
        attribute(assignment, by=by, reason="Assessor assigned")
        assignment.save()
        transaction.on_commit(lambda: _tell_the_assessor(assignment))
    return assignment


def declare_interests(
    *, assignment: AssessorAssignment, by, has_conflict: bool, details: str = ""
) -> AssessorAssignment:
    """The assessor's declaration; a conflict of interest closes the application to them for good."""
    with transaction.atomic():
        if has_conflict:
            assignment.conflict_details = details.strip()
            return take(assignment, "declare_conflict", by=by, reason="Conflict of interest declared")
        return take(assignment, "declare_no_conflict", by=by, reason="No conflict of interest declared")


def _check_scorer(assignment: AssessorAssignment, by) -> None:
    if by is None or by.pk != assignment.assessor_id:
        raise FundingError("Only the assessor it is assigned to can score this application.")
    if assignment.status != AssignmentStatus.CLEAR:
        raise FundingError(f"Scores cannot be changed: this assessment is {assignment.get_status_display().lower()}.")
    if assignment.application.status != ApplicationStatus.IN_ASSESSMENT:
        raise FundingError(
            f"Scores cannot be changed: the application is {assignment.application.get_status_display().lower()}."
        )


def save_scores(*, assignment: AssessorAssignment, by, scores: dict[int, tuple[int, str]]) -> AssessorAssignment:
    """Saves a draft of the assessor's scores: criterion → (score from 0 to its maximum, comment)."""
    _check_scorer(assignment, by)
    criteria = {criterion.pk: criterion for criterion in assignment.programme.criteria.all()}
    errors = {}
    for pk, (score, _comment) in scores.items():
        criterion = criteria.get(pk)
        if criterion is None:
            errors[pk] = "That criterion is not one of this programme's."
        elif not isinstance(score, int) or not 0 <= score <= criterion.maximum_score:
            errors[pk] = f"Score {criterion.name} from 0 to {criterion.maximum_score}."
    if errors:
        raise InvalidScores(errors)
    with transaction.atomic():
        existing = {score.criterion_id: score for score in assignment.scores.select_for_update()}
        for pk, (value, comment) in scores.items():
            row = existing.get(pk) or Score(assignment=assignment, criterion=criteria[pk])
            comment = comment.strip()
            if row.pk is not None and row.score == value and row.comment == comment:
                continue
            row.score, row.comment = value, comment
            attribute(row, by=by, reason="Score saved")
            row.save()
    return assignment


def submit_scores(*, assignment: AssessorAssignment, by) -> AssessorAssignment:
    """Submits the scores for moderation; refused until every criterion has a score and a comment."""
    return take(assignment, "complete", by=by, reason="Scores submitted")


def remove_assessor(*, assignment: AssessorAssignment, by, reason: str) -> AssessorAssignment:
    """Takes the assessor off the application; their draft scores stay on the record, uncounted."""
    return take(assignment, "remove", by=by, reason=reason)


def record_decision(*, application: Application, by, approve: bool, reasons: str, feedback: str) -> Application:
    """Records the panel's reasons and feedback and approves or declines, in one transaction.

    The applicant organisation's members are emailed the outcome with the feedback once it is saved;
    the panel's reasons are internal and never leave the department.
    """
    with transaction.atomic():
        application = (
            Application.objects.select_for_update()
            .select_related("organisation", "round__programme")
            .get(pk=application.pk)
        )
        application.decision_reasons = reasons.strip()
        application.feedback = feedback.strip()
        step = "approve" if approve else "decline"
        take(application, step, by=by, reason=f"Panel decision: {'approved' if approve else 'declined'}")
        transaction.on_commit(lambda: _tell_the_applicant(application))
    return application


def _tell_the_applicant(application: Application) -> None:
    recipients = sorted(
        application.organisation.memberships.filter(user__is_active=True).values_list("user__email", flat=True)
    )
    if not recipients:
        return
    outcome = "has been approved" if application.status == ApplicationStatus.APPROVED else "has not been approved"
    body = (
        f"Your application {application.reference} to the {application.programme} "
        f"({application.project_title}) {outcome}.\n\n"
        f"Feedback from the panel:\n\n{application.feedback}\n\n"
        f"Sign in to thirdsector to see your application: {absolute_url(application.get_absolute_url())}\n"
    )
    send_mail(
        subject=f"Your application {application.reference} {outcome}",
        message=body,
        from_email=None,
        recipient_list=recipients,
    )


def _tell_the_assessor(assignment: AssessorAssignment) -> None:
    body = (
        f"You have been asked to assess an application from {assignment.application.organisation} "
        f"to the {assignment.programme}.\n\n"
        f"Sign in to thirdsector and open My assessments: {absolute_url(reverse('funding:my-assessments'))}\n"
        "Before you see the application you will be asked whether you have a conflict of interest.\n"
    )
    send_mail(
        subject="You have an application to assess",
        message=body,
        from_email=None,
        recipient_list=[assignment.assessor.email],
    )
