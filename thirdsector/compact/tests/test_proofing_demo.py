"""The proofing and awareness demo loaders run on the register's public bodies and give varied figures."""

import pytest

from thirdsector.compact.demo.awareness import load_awareness
from thirdsector.compact.demo.proofing import load_proofing
from thirdsector.compact.models import AssessmentStatus, Policy, ProofingAssessment, ProofingComment
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
