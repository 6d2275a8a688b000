"""The Compact scale data with tiny numbers: what it writes, every state the dashboard counts, the same rows
every run, and a command that writes once."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from thirdsector.register.scale_data import load_scale_organisations

from ..models import CompactBody
from ..models.awareness import TeamMembership
from ..models.breaches import BreachCase, BreachStatus
from ..models.consultations import Answer, Consultation, ConsultationResponse, ConsultationStatus, Question
from ..models.proofing import AssessmentStatus, Policy, ProofingAssessment
from ..scale_data import (
    LARGEST_CONSULTATION_TITLE,
    REFERENCE_DATE,
    SECOND_CONSULTATION_TITLE,
    CompactScaleDataError,
    load_compact_scale_data,
)
from ..selectors.dashboard import dashboard_figures

pytestmark = pytest.mark.django_db

TINY = {"responses": 200, "consultations": 30, "breaches": 300, "policies": 40}


@pytest.fixture
def scale_organisations():
    load_scale_organisations(count=50)


def test_it_writes_bodies_consultations_responses_breaches_and_policies(scale_organisations):
    loaded = load_compact_scale_data(**TINY)
    assert (loaded.bodies, loaded.consultations, loaded.responses, loaded.breaches, loaded.policies) == (
        12,
        30,
        200,
        300,
        40,
    )
    assert CompactBody.objects.count() == 12
    assert Consultation.objects.count() == 30
    assert Question.objects.count() == 30 * 4 == loaded.questions
    assert ConsultationResponse.objects.count() == 200
    assert Answer.objects.count() == loaded.answers
    assert BreachCase.objects.count() == 300
    assert BreachCase.commitments.through.objects.count() >= 300
    assert Policy.objects.count() == 40 and ProofingAssessment.objects.count() == loaded.assessments
    assert TeamMembership.objects.count() == loaded.staff


def test_half_the_responses_go_to_the_largest_consultation_and_a_tenth_to_the_second(scale_organisations):
    load_compact_scale_data(**TINY)
    largest = Consultation.objects.get(title=LARGEST_CONSULTATION_TITLE)
    assert largest.responses.count() == 100
    assert Consultation.objects.get(title=SECOND_CONSULTATION_TITLE).responses.count() == 20
    assert largest.status == ConsultationStatus.OUTCOME_PUBLISHED
    # Every submitted response answers every question; organisations respond as scale organisations.
    submitted = largest.responses.filter(status="submitted").first()
    assert submitted.answers.count() == 4
    assert ConsultationResponse.objects.filter(organisation__isnull=False).exists()


def test_every_state_the_dashboard_counts_is_there(scale_organisations):
    load_compact_scale_data(**TINY)
    assert set(BreachCase.objects.values_list("status", flat=True)) == set(BreachStatus.values)
    closed = BreachCase.objects.filter(status=BreachStatus.CLOSED)
    assert not closed.filter(outcome="").exists() and not closed.filter(closed_on__isnull=True).exists()
    assert all(case.closed_on <= REFERENCE_DATE for case in closed)
    assert set(Consultation.objects.values_list("status", flat=True)) == set(ConsultationStatus.values)
    assert Consultation.objects.filter(shorter_than_minimum=True).exclude(short_period_reason="").exists()
    assert not Consultation.objects.filter(shorter_than_minimum=True, short_period_reason="").exists()
    assert set(ProofingAssessment.objects.values_list("status", flat=True)) == set(AssessmentStatus.values)
    figures = dashboard_figures(year=2025, today=REFERENCE_DATE)
    assert figures.breach_totals.reported > 0 and figures.breach_totals.resolved > 0
    assert figures.median_days is not None
    assert any(counts.published for counts in figures.consultations_by_body.values())
    assert figures.training_by_team


def test_the_same_rows_come_out_every_time(scale_organisations):
    def snapshot():
        return (
            list(BreachCase.objects.order_by("pk").values_list("reported_on", "status", "outcome", "closed_on")),
            list(ConsultationResponse.objects.order_by("pk").values_list("token", "status", "created_at")),
        )

    with transaction.atomic():
        load_compact_scale_data(**TINY)
        first = snapshot()
        transaction.set_rollback(True)
    assert not BreachCase.objects.exists()
    load_compact_scale_data(**TINY)
    assert snapshot() == first
    assert len({token for token, _, _ in first[1]}) == 200  # each response has its own private link


def test_it_is_written_once(scale_organisations):
    load_compact_scale_data(**TINY)
    with pytest.raises(CompactScaleDataError, match="already loaded"):
        load_compact_scale_data(**TINY)


def test_the_command_loads_and_then_says_it_is_there(scale_organisations):
    output = StringIO()
    call_command("generate_compact_scale_data", "--responses", "50", "--consultations", "10", "--breaches", "40",
                 "--policies", "5", stdout=output)  # fmt: skip
    assert "Added 12 bodies, 10 consultations" in output.getvalue() and "50 responses" in output.getvalue()
    again = StringIO()
    call_command("generate_compact_scale_data", "--responses", "50", stdout=again)
    assert "already loaded: 50 responses" in again.getvalue()
    with pytest.raises(CommandError, match="already loaded"):
        call_command("generate_compact_scale_data", "--responses", "70", stdout=StringIO())
