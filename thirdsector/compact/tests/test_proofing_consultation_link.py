"""A proofing assessment links the body's consultation on the policy: chosen from the body's own in the
form, linked both ways between the pages, and existing free text linked by the data migration."""

import datetime
import importlib

import pytest
from django.urls import reverse

from thirdsector.accounts.roles import Role
from thirdsector.accounts.tests.factories import UserFactory
from thirdsector.conftest import ALL_ROLES, signed_in_client

from ..forms.proofing import AssessmentForm
from ..models import AssessmentStatus, ConsultationStatus
from ..services.proofing import ProofingError, save_assessment
from .factories import ConsultationFactory, PolicyFactory, ProofingAssessmentFactory

pytestmark = pytest.mark.django_db

migration = importlib.import_module("thirdsector.compact.migrations.0010_proofing_consultations_linked_by_title")


# Session, person, second factor, roles, navigation's memberships; the consultation; its questions, documents,
# themes, early engagement and proofing assessments (with their policies); its format requests.
CONSULTATION_PAGE_QUERIES = 12


@pytest.fixture
def policy(department):
    return PolicyFactory(body=department, title="Volunteering strategy refresh")


@pytest.fixture
def consultation(department):
    return ConsultationFactory(body=department, title="Volunteering: the next ten years", status="published")


@pytest.fixture
def draft(policy, staff_user):
    return ProofingAssessmentFactory(policy=policy, assessor=staff_user)


def _edit(client, assessment, **data):
    form = {"risks-TOTAL_FORMS": "0", "risks-INITIAL_FORMS": "0", "save": "1", **data}
    return client.post(reverse("compact:assessment-edit", args=[assessment.pk]), form)


# ---- The form and the rule -------------------------------------------------------------------------


def test_the_form_offers_only_the_policys_bodys_consultations_in_a_govuk_select(department, ndpb, consultation):
    ConsultationFactory(body=ndpb, title="Another body's consultation")
    form = AssessmentForm(body=department)
    assert list(form.fields["consultation"].queryset) == [consultation]
    html = str(form)
    assert 'class="govuk-select"' in html
    assert "Volunteering: the next ten years (Published)" in html
    assert "Another body" not in html


def test_staff_link_the_consultation_through_the_form(staff_client, draft, consultation, staff_user):
    response = _edit(staff_client, draft, consultation=consultation.pk)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.consultation == consultation
    entry = draft.history.latest()
    assert (entry.history_user, entry.history_change_reason, entry.consultation_id) == (
        staff_user, "Assessment saved", consultation.pk,
    )  # fmt: skip
    page = staff_client.get(reverse("compact:assessment-edit", args=[draft.pk]))
    assert page.context["form"].initial["consultation"] == consultation.pk


def test_another_bodys_consultation_is_not_a_choice(staff_client, draft, ndpb):
    elsewhere = ConsultationFactory(body=ndpb)
    response = _edit(staff_client, draft, consultation=elsewhere.pk)
    assert response.status_code == 200
    assert response.context["form"].errors["consultation"]
    assert "There is a problem" in response.content.decode()
    draft.refresh_from_db()
    assert draft.consultation is None


def test_the_service_refuses_another_bodys_consultation(draft, ndpb, staff_user):
    with pytest.raises(ProofingError, match="consultations of the policy's body") as refused:
        save_assessment(assessment=draft, by=staff_user, consultation=ConsultationFactory(body=ndpb))
    assert refused.value.field == "consultation"


def test_a_linked_consultation_and_one_run_elsewhere_are_not_both_given(staff_client, draft, consultation):
    response = _edit(staff_client, draft, consultation=consultation.pk, consultation_reference="A partner's survey")
    assert response.status_code == 200
    assert response.context["form"].errors["consultation_reference"] == [
        "Choose the consultation run on this service or name one run elsewhere, not both."
    ]
    draft.refresh_from_db()
    assert (draft.consultation, draft.consultation_reference) == (None, "")


def test_a_consultation_run_elsewhere_is_named_in_words(staff_client, draft):
    assert _edit(staff_client, draft, consultation_reference="Local Government Association survey").status_code == 302
    draft.refresh_from_db()
    assert (draft.consultation, draft.consultation_reference) == (None, "Local Government Association survey")
    html = staff_client.get(draft.get_absolute_url()).content.decode()
    assert "Local Government Association survey (run elsewhere)" in html


def test_the_linked_consultations_dates_answer_the_twelve_week_question(staff_client, draft, department):
    short = ConsultationFactory(
        body=department, status="published", shorter_than_minimum=True,
        opens_on=datetime.date(2026, 3, 2), closes_on=datetime.date(2026, 4, 13),
    )  # fmt: skip
    response = _edit(staff_client, draft, consultation=short.pk, consulted_for_twelve_weeks="yes")
    assert response.status_code == 200
    assert response.context["form"].errors["consulted_for_twelve_weeks"] == [
        "The consultation chosen ran for 6 weeks, 2 March 2026 to 13 April 2026: answer No, or choose another "
        "consultation."
    ]
    draft.refresh_from_db()
    assert (draft.consultation, draft.consulted_for_twelve_weeks) == (None, None)
    assert _edit(staff_client, draft, consultation=short.pk, consulted_for_twelve_weeks="no").status_code == 302


def test_a_full_length_consultation_cannot_be_answered_as_short(draft, consultation, staff_user):
    with pytest.raises(ProofingError, match="ran for 12 weeks, .*: answer Yes") as refused:
        save_assessment(assessment=draft, by=staff_user, consultation=consultation, consulted_for_twelve_weeks=False)
    assert refused.value.field == "consulted_for_twelve_weeks"
    # Without a linked consultation, or without an answer, there is nothing to compare.
    save_assessment(assessment=draft, by=staff_user, consultation=None, consulted_for_twelve_weeks=False)
    save_assessment(assessment=draft, by=staff_user, consultation=consultation, consulted_for_twelve_weeks=None)


# ---- The link both ways -----------------------------------------------------------------------------


def test_the_assessment_page_links_the_consultation_for_staff_and_the_commissioner(
    staff_client, commissioner_client, draft, consultation
):
    draft.consultation = consultation
    draft.save()
    staff_page = reverse("compact:consultation-manage", args=[consultation.pk])
    for client in (staff_client, commissioner_client):
        html = client.get(draft.get_absolute_url()).content.decode()
        assert f'href="{staff_page}">Volunteering: the next ten years</a>' in html


def test_a_compact_lead_outside_staff_gets_the_public_page_or_no_link_for_a_draft(policy, draft, consultation):
    lead = UserFactory(roles=[Role.ASSESSOR])
    policy.body.compact_lead = lead
    policy.body.save()
    draft.consultation = consultation
    draft.save()
    client = signed_in_client(lead)
    html = client.get(draft.get_absolute_url()).content.decode()
    assert f'href="{consultation.get_absolute_url()}">Volunteering: the next ten years</a>' in html
    assert reverse("compact:consultation-manage", args=[consultation.pk]) not in html
    consultation.status = ConsultationStatus.DRAFT
    consultation.save()
    html = client.get(draft.get_absolute_url()).content.decode()
    assert "Volunteering: the next ten years (draft)" in html
    assert consultation.get_absolute_url() not in html


def test_the_consultation_page_lists_the_assessments_of_it(staff_client, commissioner_client, policy, consultation):
    signed_off = ProofingAssessmentFactory(policy=policy, consultation=consultation, status=AssessmentStatus.SIGNED_OFF)
    other = ProofingAssessmentFactory(policy=PolicyFactory(body=policy.body, title="Unrelated policy"))
    for client in (staff_client, commissioner_client):
        html = client.get(reverse("compact:consultation-manage", args=[consultation.pk])).content.decode()
        assert f'href="{signed_off.get_absolute_url()}">Volunteering strategy refresh' in html
        assert "Signed off" in html
        assert other.get_absolute_url() not in html


def test_the_consultation_page_says_when_no_assessment_cites_it(staff_client, consultation):
    html = staff_client.get(reverse("compact:consultation-manage", args=[consultation.pk])).content.decode()
    assert "No proofing assessment cites this consultation." in html


def test_the_consultation_pages_queries_do_not_grow_with_its_assessments(
    staff_client, policy, consultation, django_assert_num_queries
):
    url = reverse("compact:consultation-manage", args=[consultation.pk])
    ProofingAssessmentFactory(policy=policy, consultation=consultation)
    staff_client.get(url)
    with django_assert_num_queries(CONSULTATION_PAGE_QUERIES):
        staff_client.get(url)
    for _ in range(4):
        ProofingAssessmentFactory(policy=PolicyFactory(body=policy.body), consultation=consultation)
    with django_assert_num_queries(CONSULTATION_PAGE_QUERIES):
        staff_client.get(url)


@pytest.mark.parametrize("role", ALL_ROLES)
def test_who_reads_the_pages_is_unchanged_by_the_link(clients_by_role, role, draft, consultation):
    draft.consultation = consultation
    draft.save()
    readers = {"department_staff", "platform_admin", "commissioner"}
    for url in (draft.get_absolute_url(), reverse("compact:consultation-manage", args=[consultation.pk])):
        response = clients_by_role[role].get(url)
        assert response.status_code == (200 if role in readers else 302 if role == "public" else 403)
    public = clients_by_role[role].get(consultation.get_absolute_url()).content.decode()
    assert draft.get_absolute_url() not in public
    assert "Volunteering strategy refresh" not in public


# ---- The data migration's matching ------------------------------------------------------------------


def test_the_migration_links_an_exact_title_of_the_body_only_when_one_matches():
    match = migration.matching_consultation
    candidates = [(1, "Volunteering: the next ten years"), (2, "Full cost recovery")]
    assert match("Volunteering: the next ten years", candidates) == 1
    assert match("  Full cost recovery ", candidates) == 2
    assert match("volunteering: the next ten years", candidates) is None
    assert match("Volunteering", candidates) is None
    assert match("CONS-2008-14", candidates) is None
    assert match("", candidates) is None
    assert match("Full cost recovery", []) is None
    assert match("Full cost recovery", [*candidates, (3, "Full cost recovery")]) is None


def test_the_migration_links_matching_text_and_keeps_the_rest(department, ndpb, consultation):
    from django.apps import apps

    same_title_elsewhere = ConsultationFactory(body=ndpb, title="Community asset transfer")
    matching = ProofingAssessmentFactory(
        policy=PolicyFactory(body=department), consultation_reference="Volunteering: the next ten years"
    )
    other_body = ProofingAssessmentFactory(
        policy=PolicyFactory(body=department), consultation_reference="Community asset transfer"
    )
    in_words = ProofingAssessmentFactory(policy=PolicyFactory(body=department), consultation_reference="LGA survey")
    migration.link(apps, None)
    for assessment in (matching, other_body, in_words):
        assessment.refresh_from_db()
    assert (matching.consultation, matching.consultation_reference) == (consultation, "")
    assert (other_body.consultation, other_body.consultation_reference) == (None, "Community asset transfer")
    assert (in_words.consultation, in_words.consultation_reference) == (None, "LGA survey")
    assert same_title_elsewhere.proofing_assessments.count() == 0
    migration.unlink(apps, None)
    matching.refresh_from_db()
    assert matching.consultation_reference == "Volunteering: the next ten years"
