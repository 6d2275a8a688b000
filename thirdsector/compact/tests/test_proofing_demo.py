"""The proofing and awareness demo loaders run on the register's public bodies and give varied figures."""

import pytest
from django.utils import timezone

from thirdsector.compact.demo.awareness import load_awareness
from thirdsector.compact.demo.consultations import load_consultations
from thirdsector.compact.demo.proofing import CONSULTED_ON, load_proofing
from thirdsector.compact.models import (
    AssessmentStatus,
    Consultation,
    Policy,
    ProofingAssessment,
    ProofingComment,
    TeamMembership,
)
from thirdsector.compact.selectors.awareness import training_completion_by_team
from thirdsector.compact.selectors.indicators import training_coverage
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


def test_the_demo_teams_differ_by_year_as_people_join_and_leave(department, ndpb):
    load_awareness()
    this_year = timezone.localdate().year
    assert TeamMembership.objects.filter(left_on__year=this_year - 1).count() == 1
    assert TeamMembership.objects.filter(joined_on__year=this_year).count() == 2
    last, now = training_coverage(year=this_year - 1)[0], training_coverage(year=this_year)[0]
    assert now.denominator - last.denominator == 2  # the two who joined this year


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
