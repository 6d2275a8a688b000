"""The proofing and awareness demo loaders run on the register's public bodies and give varied figures."""

import pytest

from thirdsector.compact.demo.awareness import load_awareness
from thirdsector.compact.demo.consultations import load_consultations
from thirdsector.compact.demo.proofing import CONSULTED_ON, load_proofing
from thirdsector.compact.models import AssessmentStatus, Consultation, Policy, ProofingAssessment, ProofingComment
from thirdsector.compact.selectors.awareness import training_completion_by_team
from thirdsector.compact.selectors.proofing import proofing_coverage

pytestmark = pytest.mark.django_db


def test_the_demo_loaders_make_every_proofing_state_and_different_completion_shares(department, ndpb):
    load_proofing()
    load_awareness()
    assert Policy.objects.count() == 10
    statuses = set(ProofingAssessment.objects.values_list("status", flat=True))
    assert statuses == {s.value for s in AssessmentStatus}
    assert ProofingComment.objects.exists()
    assert any(row.proofed and row.proofed < row.policies for row in proofing_coverage())
    shares = {row.share for row in training_completion_by_team()}
    assert len(shares) > 3


def test_the_demo_proofing_links_the_demo_consultations_of_its_policies(department, ndpb):
    load_proofing()
    linked = ProofingAssessment.objects.filter(consultation__isnull=False).select_related("policy", "consultation")
    assert {(a.policy.title, a.consultation.title) for a in linked} == set(CONSULTED_ON.items())
    for assessment in linked:
        assert assessment.consultation.body_id == assessment.policy.body_id
        assert assessment.consultation_reference == ""
        assert assessment.consulted_for_twelve_weeks == (assessment.consultation.period_days >= 12 * 7)
    assert ProofingAssessment.objects.filter(consultation__isnull=True).exclude(consultation_reference="").exists()
    load_consultations()  # its own turn in the demo adds nothing more
    assert Consultation.objects.count() == 8
