"""Policy proofing rules: the sign-off workflow by role, the risk guard, comments and coverage figures."""

import datetime

import pytest

from thirdsector.accounts.roles import Role
from thirdsector.accounts.tests.factories import UserFactory
from thirdsector.compact.models import AssessmentStatus, Commitment
from thirdsector.compact.selectors.proofing import proofing_coverage
from thirdsector.compact.services.proofing import (
    ProofingError,
    RiskRow,
    add_comment,
    record_policy,
    return_assessment,
    save_assessment,
    sign_off_assessment,
    start_assessment,
    submit_assessment,
)
from thirdsector.core.workflow import TransitionRefused

from .factories import CompactBodyFactory, PolicyFactory, ProofingAssessmentFactory, ProofingRiskFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def policy(department):
    return PolicyFactory(body=department, title="Community buildings fund")


@pytest.fixture
def submitted(policy, staff_user):
    return ProofingAssessmentFactory(policy=policy, assessor=staff_user, status=AssessmentStatus.SUBMITTED)


def last_reason(record):
    return record.history.first().history_change_reason


def test_staff_record_a_policy_and_start_an_assessment(department, staff_user):
    policy = record_policy(
        body=department, title="Volunteering strategy", summary="More volunteering.",
        decision_date=datetime.date(2026, 9, 1), by=staff_user,
    )  # fmt: skip
    assessment = start_assessment(policy=policy, by=staff_user)
    assert assessment.status == AssessmentStatus.DRAFT
    assert assessment.assessor == staff_user
    assert last_reason(policy) == "Policy recorded"


@pytest.mark.parametrize("role", [Role.COMMISSIONER, Role.ASSESSOR, Role.BOARD_MEMBER])
def test_only_staff_record_policies(department, role):
    with pytest.raises(ProofingError):
        record_policy(
            body=department, title="A policy", summary="x", decision_date=datetime.date(2026, 9, 1),
            by=UserFactory(roles=[role]),
        )  # fmt: skip


def test_a_second_assessment_waits_for_the_first_to_finish(policy, staff_user):
    start_assessment(policy=policy, by=staff_user)
    with pytest.raises(ProofingError, match="already has an assessment in progress"):
        start_assessment(policy=policy, by=staff_user)


def test_saving_answers_commitments_and_risks_in_order(policy, staff_user):
    assessment = start_assessment(policy=policy, by=staff_user)
    commitments = list(Commitment.objects.all()[:2])
    save_assessment(
        assessment=assessment, by=staff_user, commitments=commitments, consulted=True,
        consulted_for_twelve_weeks=False, conclusion="Needs a longer consultation.",
        risks=[RiskRow("Short consultation", "Extra events"), RiskRow("  "), RiskRow("Small groups miss out")],
    )  # fmt: skip
    assessment.refresh_from_db()
    assert list(assessment.commitments.all()) == commitments
    assert [(risk.position, risk.description, risk.mitigation) for risk in assessment.risks.all()] == [
        (0, "Short consultation", "Extra events"),
        (1, "Small groups miss out", ""),
    ]
    save_assessment(assessment=assessment, by=staff_user, risks=[RiskRow("Short consultation", "Extra events")])
    assert assessment.risks.count() == 1


def test_a_submitted_assessment_cannot_be_changed(submitted, staff_user):
    with pytest.raises(ProofingError, match="can no longer be changed"):
        save_assessment(assessment=submitted, by=staff_user, conclusion="Changed")


def test_staff_submit_a_concluded_draft_with_an_audit_record(policy, staff_user):
    assessment = ProofingAssessmentFactory(policy=policy, assessor=staff_user)
    submit_assessment(assessment=assessment, by=staff_user)
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.SUBMITTED
    assert assessment.submitted_at is not None
    record = assessment.history.first()
    assert record.history_user == staff_user
    assert record.history_change_reason == "Submitted for sign-off"


def test_a_draft_without_a_conclusion_cannot_be_submitted(policy, staff_user):
    assessment = ProofingAssessmentFactory(policy=policy, assessor=staff_user, conclusion="")
    with pytest.raises(TransitionRefused, match="conclusion"):
        submit_assessment(assessment=assessment, by=staff_user)


@pytest.mark.parametrize("role", [Role.COMMISSIONER, Role.ASSESSOR, Role.COUNCIL_OFFICER])
def test_only_staff_submit(policy, role):
    assessment = ProofingAssessmentFactory(policy=policy)
    with pytest.raises(TransitionRefused, match="only department staff"):
        submit_assessment(assessment=assessment, by=UserFactory(roles=[role]))


def test_the_compact_lead_signs_off_with_an_audit_record(submitted, compact_lead):
    sign_off_assessment(assessment=submitted, by=compact_lead, note="Agreed")
    submitted.refresh_from_db()
    assert submitted.status == AssessmentStatus.SIGNED_OFF
    assert submitted.decided_by == compact_lead
    assert submitted.decision_note == "Agreed"
    record = submitted.history.first()
    assert record.history_user == compact_lead
    assert record.history_change_reason == "Signed off"


@pytest.mark.parametrize("role", [Role.DEPARTMENT_STAFF, Role.PLATFORM_ADMIN, Role.COMMISSIONER])
def test_nobody_but_the_bodys_compact_lead_signs_off(submitted, role):
    with pytest.raises(TransitionRefused, match="only the body's Compact lead"):
        sign_off_assessment(assessment=submitted, by=UserFactory(roles=[role]))
    submitted.refresh_from_db()
    assert submitted.status == AssessmentStatus.SUBMITTED


def test_another_bodys_compact_lead_cannot_sign_off(submitted):
    other_lead = UserFactory(roles=[Role.DEPARTMENT_STAFF])
    CompactBodyFactory(compact_lead=other_lead)
    with pytest.raises(TransitionRefused, match="only the body's Compact lead"):
        sign_off_assessment(assessment=submitted, by=other_lead)


def test_the_compact_lead_cannot_sign_off_their_own_assessment(policy, compact_lead):
    own = ProofingAssessmentFactory(policy=policy, assessor=compact_lead, status=AssessmentStatus.SUBMITTED)
    with pytest.raises(TransitionRefused, match="who did not write the assessment"):
        sign_off_assessment(assessment=own, by=compact_lead)


def test_sign_off_is_refused_while_a_risk_has_no_mitigation_and_names_it(submitted, compact_lead):
    ProofingRiskFactory(assessment=submitted, position=0, description="Grants cut at short notice")
    ProofingRiskFactory(assessment=submitted, position=1, description="No Easy Read version", mitigation="")
    with pytest.raises(TransitionRefused) as refused:
        sign_off_assessment(assessment=submitted, by=compact_lead)
    message = str(refused.value)
    assert "No Easy Read version" in message
    assert "risk 2" in message
    assert "Grants cut at short notice" not in message
    submitted.refresh_from_db()
    assert submitted.status == AssessmentStatus.SUBMITTED


def test_sign_off_goes_ahead_once_every_risk_is_mitigated(submitted, compact_lead):
    ProofingRiskFactory(assessment=submitted, mitigation="Three months' notice")
    sign_off_assessment(assessment=submitted, by=compact_lead)
    assert submitted.status == AssessmentStatus.SIGNED_OFF


def test_the_compact_lead_returns_an_assessment_with_a_note_and_it_can_be_resubmitted(
    submitted, compact_lead, staff_user
):
    with pytest.raises(ProofingError):
        return_assessment(assessment=submitted, by=compact_lead, note=" ")
    return_assessment(assessment=submitted, by=compact_lead, note="Say how small groups were involved")
    submitted.refresh_from_db()
    assert submitted.status == AssessmentStatus.RETURNED
    assert submitted.history.first().history_change_reason == "Returned for changes"
    save_assessment(assessment=submitted, by=staff_user, sector_involvement="Two workshops with small groups")
    submit_assessment(assessment=submitted, by=staff_user)
    assert submitted.status == AssessmentStatus.SUBMITTED


@pytest.mark.parametrize("role", [Role.DEPARTMENT_STAFF, Role.COMMISSIONER])
def test_only_the_compact_lead_returns_an_assessment(submitted, role):
    with pytest.raises(TransitionRefused):
        return_assessment(assessment=submitted, by=UserFactory(roles=[role]), note="Not this")


def test_a_signed_off_assessment_cannot_be_signed_off_or_returned_again(submitted, compact_lead):
    sign_off_assessment(assessment=submitted, by=compact_lead)
    with pytest.raises(TransitionRefused, match="signed off"):
        return_assessment(assessment=submitted, by=compact_lead, note="Again")


def test_only_the_commissioner_comments(submitted, commissioner_user, staff_user, compact_lead):
    comment = add_comment(assessment=submitted, by=commissioner_user, body="Consult BME networks too.")
    assert comment.author == commissioner_user
    assert comment.history.first().history_change_reason == "Commissioner's comment"
    for person in (staff_user, compact_lead):
        with pytest.raises(ProofingError, match="Only the Compact Commissioner"):
            add_comment(assessment=submitted, by=person, body="Me too")
    assert submitted.comments.count() == 1


def test_proofing_coverage_counts_signed_off_policies_per_body(department, ndpb):
    def policy(body, on, *statuses):
        made = PolicyFactory(body=body, decision_date=on)
        for status in statuses:
            ProofingAssessmentFactory(policy=made, status=status)
        return made

    in_2026 = datetime.date(2026, 6, 1)
    # The department: four policies in 2026, two proofed (one proofed twice), one awaiting, one with nothing.
    policy(department, in_2026, "signed_off")
    policy(department, in_2026, "signed_off", "signed_off")
    policy(department, in_2026, "submitted")
    policy(department, in_2026)
    policy(department, datetime.date(2025, 12, 31), "signed_off")  # another year
    # The NDPB: one policy in 2026, returned, so unproofed.
    policy(ndpb, in_2026, "returned")

    figures = {row.body: row for row in proofing_coverage(year=2026)}
    assert (figures[department].policies, figures[department].proofed, figures[department].unproofed) == (4, 2, 2)
    assert str(figures[department].share) == "50.0"
    assert (figures[ndpb].policies, figures[ndpb].proofed, str(figures[ndpb].share)) == (1, 0, "0.0")

    every_year = {row.body: row for row in proofing_coverage()}
    assert (every_year[department].policies, every_year[department].proofed) == (5, 3)
    assert str(every_year[department].share) == "60.0"


def test_a_body_without_policies_has_no_share(department):
    (row,) = [row for row in proofing_coverage(year=2026) if row.body == department]
    assert (row.policies, row.proofed, row.share) == (0, 0, None)


def test_proofing_coverage_is_one_query(department, ndpb, django_assert_num_queries):
    for _ in range(3):
        ProofingAssessmentFactory(policy=PolicyFactory(body=ndpb), status="signed_off")
    with django_assert_num_queries(1):
        proofing_coverage(year=None)
