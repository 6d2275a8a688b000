"""Reads for the proofing pages and the Compact dashboard's proofing coverage."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.urls import reverse

from thirdsector.accounts.access import OVERSIGHT_ROLES

from ..models import AssessmentStatus, CompactBody, Policy, ProofingAssessment, ProofingComment, ProofingRisk
from ..models.consultations import PUBLIC_STATUSES


def sees_proofing(user) -> bool:
    """Staff and the Commissioner see every body's proofing; a Compact lead sees their own bodies'."""
    if not user.is_authenticated:
        return False
    return user.has_role(*OVERSIGHT_ROLES) or user.compact_bodies.exists()


def sees_policy(user, policy: Policy) -> bool:
    if not user.is_authenticated:
        return False
    return user.has_role(*OVERSIGHT_ROLES) or policy.body.compact_lead_id == user.pk


def _signed_off(policy_ref: str = "pk") -> Exists:
    return Exists(ProofingAssessment.objects.filter(policy=OuterRef(policy_ref), status=AssessmentStatus.SIGNED_OFF))


def policies_for_list(*, user, body: CompactBody | None = None, proofed: bool | None = None) -> QuerySet[Policy]:
    """Policies with their body, area and whether they are proofed, the latest assessment's status."""
    latest = ProofingAssessment.objects.filter(policy=OuterRef("pk")).order_by("-created_at", "-id")
    policies = (
        Policy.objects.select_related("body__organisation", "policy_area", "owner")
        .annotate(is_proofed=_signed_off(), latest_status=Subquery(latest.values("status")[:1]))
        .order_by("decision_date", "id")
    )
    if not user.has_role(*OVERSIGHT_ROLES):
        policies = policies.filter(body__compact_lead=user)
    if body is not None:
        policies = policies.filter(body=body)
    if proofed is not None:
        policies = policies.filter(is_proofed=proofed)
    return policies


def bodies_seen_by(user) -> QuerySet[CompactBody]:
    bodies = CompactBody.objects.select_related("organisation")
    if not user.has_role(*OVERSIGHT_ROLES):
        bodies = bodies.filter(compact_lead=user)
    return bodies


def policy_for_page(pk: int) -> Policy:
    return (
        Policy.objects.select_related("body__organisation", "body__compact_lead", "policy_area", "owner")
        .annotate(is_proofed=_signed_off())
        .prefetch_related(
            Prefetch(
                "assessments",
                queryset=ProofingAssessment.objects.select_related("assessor", "decided_by").annotate(
                    risk_count=Count("risks", distinct=True), comment_count=Count("comments", distinct=True)
                ),
            )
        )
        .get(pk=pk)
    )


def assessment_for_page(pk: int) -> ProofingAssessment:
    return (
        ProofingAssessment.objects.select_related(
            "policy__body__organisation",
            "policy__body__compact_lead",
            "policy__policy_area",
            "assessor",
            "decided_by",
            "consultation",
        )
        .prefetch_related(
            "commitments",
            Prefetch("risks", queryset=ProofingRisk.objects.order_by("position", "id")),
            Prefetch("comments", queryset=ProofingComment.objects.select_related("author")),
        )
        .get(pk=pk)
    )


def consultation_url_for(user, consultation) -> str | None:
    """Where a proofing page links its consultation for `user`: the staff page for staff and the
    Commissioner, the public page for others once it is published, and nowhere while it is a draft."""
    if consultation is None:
        return None
    if user.has_role(*OVERSIGHT_ROLES):
        return reverse("compact:consultation-manage", args=[consultation.pk])
    if consultation.status in PUBLIC_STATUSES:
        return consultation.get_absolute_url()
    return None


def _share(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class ProofingCoverage:
    """One body's policies in a year, how many are proofed (signed off) and the share, as a percentage."""

    body: CompactBody
    policies: int
    proofed: int
    share: Decimal | None

    @property
    def unproofed(self) -> int:
        return self.policies - self.proofed


def proofing_coverage(year: int | None = None) -> list[ProofingCoverage]:
    """Per body: policies (decided in `year`, or all), those with a signed-off assessment, the share.

    Counted in the database in one query; bodies with no policies are listed with a share of None.
    """
    in_year = Q(policies__decision_date__year=year) if year is not None else Q()
    bodies = CompactBody.objects.select_related("organisation").annotate(
        policy_count=Count("policies", filter=in_year, distinct=True),
        proofed_count=Count(
            "policies", filter=in_year & Q(policies__assessments__status=AssessmentStatus.SIGNED_OFF), distinct=True
        ),
    )
    return [
        ProofingCoverage(
            body=body,
            policies=body.policy_count,
            proofed=body.proofed_count,
            share=_share(body.proofed_count, body.policy_count),
        )
        for body in bodies
    ]
