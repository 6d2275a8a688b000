"""Policy proofing: recording policies, writing assessments and their risks, the sign-off steps and
the Commissioner's comments. The only place that changes proofing data.

Staff (department staff, platform admins) write; the body's Compact lead signs off or returns an
assessment, never one they wrote themselves; only the Compact Commissioner comments.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from thirdsector.accounts.roles import Role
from thirdsector.core.audit import attribute
from thirdsector.core.workflow import TransitionRefused, refusal, take

from ..models import CompactBody, Policy, ProofingAssessment, ProofingComment, ProofingRisk
from ..models.proofing import UNMITIGATED_RISKS, edits_proofing


class ProofingError(Exception):
    """A proofing change that may not be made, with the reason in plain English.

    `field` names the form field it is about, if one, so the page shows it there.
    """

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class RiskRow:
    description: str
    mitigation: str = ""


# The answers `save_assessment` accepts besides the commitments and risks.
ASSESSMENT_FIELDS = (
    "effect_on_sector",
    "effect_on_small_and_bme_groups",
    "sector_involvement",
    "consulted",
    "consulted_for_twelve_weeks",
    "consultation",
    "consultation_reference",
    "funding_terms_compliant",
    "accessible_formats_offered",
    "conclusion",
)


def _require_staff(by) -> None:
    if not edits_proofing(by):
        raise ProofingError("Only department staff can change policies and their proofing.")


@transaction.atomic
def record_policy(
    *, body: CompactBody, title: str, summary: str, decision_date: date, by, policy_area=None, owner=None
) -> Policy:
    """Records a policy in development so it can be proofed."""
    _require_staff(by)
    policy = Policy(
        body=body, title=title, summary=summary, decision_date=decision_date, policy_area=policy_area, owner=owner
    )
    attribute(policy, by=by, reason="Policy recorded")
    policy.save()
    return policy


@transaction.atomic
def update_policy(*, policy: Policy, by, reason: str, **changes) -> Policy:
    _require_staff(by)
    allowed = {"body", "title", "summary", "decision_date", "policy_area", "owner"}
    unknown = set(changes) - allowed
    if unknown:
        raise ValueError(f"Not fields of a policy: {', '.join(sorted(unknown))}")
    for name, value in changes.items():
        setattr(policy, name, value)
    attribute(policy, by=by, reason=reason)
    policy.save()
    return policy


@transaction.atomic
def start_assessment(*, policy: Policy, by) -> ProofingAssessment:
    """Starts a draft assessment; a policy may be proofed again (a changed policy, a returned one)."""
    _require_staff(by)
    if policy.assessments.filter(status__in=["draft", "submitted", "returned"]).exists():
        raise ProofingError("This policy already has an assessment in progress: continue that one.")
    assessment = ProofingAssessment(policy=policy, assessor=by)
    attribute(assessment, by=by, reason="Assessment started")
    assessment.save()
    return assessment


@transaction.atomic
def save_assessment(
    *,
    assessment: ProofingAssessment,
    by,
    commitments: Iterable | None = None,
    risks: Iterable[RiskRow] | None = None,
    **answers,
) -> ProofingAssessment:
    """Saves answers, the commitments that apply and the risks (replacing the list, in order)."""
    _require_staff(by)
    unknown = set(answers) - set(ASSESSMENT_FIELDS)
    if unknown:
        raise ValueError(f"Not questions on a proofing assessment: {', '.join(sorted(unknown))}")
    assessment = ProofingAssessment.objects.select_for_update().get(pk=assessment.pk)
    if not assessment.is_editable:
        raise ProofingError(
            f"This assessment is {assessment.get_status_display().lower()}, so it can no longer be changed."
        )
    for name, value in answers.items():
        setattr(assessment, name, value)
    _check_consultation(assessment)
    attribute(assessment, by=by, reason="Assessment saved")
    assessment.save()
    if commitments is not None:
        assessment.commitments.set(commitments)
    if risks is not None:
        _replace_risks(assessment, [row for row in risks if row.description.strip()], by=by)
    return assessment


def _check_consultation(assessment: ProofingAssessment) -> None:
    """A linked consultation is the policy's body's own; one run elsewhere is named instead, not as well."""
    consultation = assessment.consultation
    if consultation is None:
        return
    if consultation.body_id != assessment.policy.body_id:
        raise ProofingError("Choose one of the consultations of the policy's body.", field="consultation")
    if assessment.consultation_reference.strip():
        raise ProofingError(
            "Choose the consultation run on this service or name one run elsewhere, not both.",
            field="consultation_reference",
        )
    _check_period_answer(assessment, consultation)


def _check_period_answer(assessment: ProofingAssessment, consultation) -> None:
    """The linked consultation's own dates answer "did it run for 12 weeks?": the assessor may not say otherwise."""
    answer, days = assessment.consulted_for_twelve_weeks, consultation.period_days
    if answer is None or days is None:
        return
    ran_long_enough = not consultation.is_shorter_than_minimum
    if answer != ran_long_enough:
        opens, closes = (day.strftime("%-d %B %Y") for day in (consultation.opens_on, consultation.closes_on))
        raise ProofingError(
            f"The consultation chosen ran for {consultation.period_weeks_text}, {opens} to {closes}: "
            f"answer {'Yes' if ran_long_enough else 'No'}, or choose another consultation.",
            field="consulted_for_twelve_weeks",
        )


def _replace_risks(assessment: ProofingAssessment, rows: list[RiskRow], *, by) -> None:
    """Updates risks in place by position so each keeps its history; extra old rows are removed."""
    existing = list(assessment.risks.order_by("position", "id"))
    for position, row in enumerate(rows):
        risk = existing[position] if position < len(existing) else ProofingRisk(assessment=assessment)
        if risk.pk and (risk.description, risk.mitigation, risk.position) == (
            row.description.strip(),
            row.mitigation.strip(),
            position,
        ):
            continue
        risk.position = position
        risk.description = row.description.strip()
        risk.mitigation = row.mitigation.strip()
        attribute(risk, by=by, reason="Risk saved")
        risk.save()
    for risk in existing[len(rows) :]:
        attribute(risk, by=by, reason="Risk removed")
        risk.delete()


def submit_assessment(*, assessment: ProofingAssessment, by) -> ProofingAssessment:
    return take(assessment, "submit", by=by, reason="Submitted for sign-off", at=timezone.now())


def sign_off_refusal(assessment: ProofingAssessment, by) -> str | None:
    """Why `by` may not sign the assessment off now, naming each risk still without a mitigation."""
    problem = refusal(assessment, "sign_off", by)
    if problem == UNMITIGATED_RISKS:
        named = "; ".join(f"risk {risk.position + 1}, “{risk}”" for risk in assessment.unmitigated_risks())
        return f"Every risk needs a mitigation before the assessment can be signed off. Add a mitigation for {named}."
    return problem


def sign_off_assessment(*, assessment: ProofingAssessment, by, note: str = "") -> ProofingAssessment:
    """The body's Compact lead signs the assessment off: the policy counts as proofed."""
    problem = sign_off_refusal(assessment, by)
    if problem:
        raise TransitionRefused(problem)
    return take(assessment, "sign_off", by=by, reason="Signed off", at=timezone.now(), note=note.strip())


def return_assessment(*, assessment: ProofingAssessment, by, note: str) -> ProofingAssessment:
    """The Compact lead returns the assessment to its assessor with what to change."""
    if not note.strip():
        raise ProofingError("Say what needs to change before returning the assessment.")
    return take(
        assessment, "return_for_changes", by=by, reason="Returned for changes", at=timezone.now(), note=note.strip()
    )


@transaction.atomic
def add_comment(*, assessment: ProofingAssessment, by, body: str) -> ProofingComment:
    """The Compact Commissioner's review comment, which staff read on the assessment."""
    if by is None or not by.is_authenticated or not by.has_role(Role.COMMISSIONER):
        raise ProofingError("Only the Compact Commissioner can comment on a proofing assessment.")
    if not body.strip():
        raise ProofingError("Enter your comment.")
    comment = ProofingComment(assessment=assessment, author=by, body=body.strip())
    attribute(comment, by=by, reason="Commissioner's comment")
    comment.save()
    return comment
