"""Proofing pages: who sees and does what, each step through HTTP, the list's filters and query count."""

import datetime

import pytest
from django.urls import reverse

from thirdsector.accounts.roles import Role
from thirdsector.accounts.tests.factories import UserFactory
from thirdsector.compact.models import AssessmentStatus, Commitment, Policy, ProofingComment
from thirdsector.conftest import ALL_ROLES, STAFF_ROLES, signed_in_client

from .factories import PolicyFactory, ProofingAssessmentFactory, ProofingRiskFactory

pytestmark = pytest.mark.django_db

# Staff edit; the Commissioner reads (and comments); everyone else is refused.
READERS = STAFF_ROLES | {"commissioner"}


@pytest.fixture
def policy(department):
    return PolicyFactory(body=department, title="Community buildings fund")


@pytest.fixture
def draft(policy, staff_user):
    return ProofingAssessmentFactory(policy=policy, assessor=staff_user)


@pytest.fixture
def submitted(policy, staff_user):
    return ProofingAssessmentFactory(policy=policy, assessor=staff_user, status=AssessmentStatus.SUBMITTED)


def expected(role, allowed):
    if role in allowed:
        return 200
    return 302 if role == "public" else 403


@pytest.mark.parametrize("role", ALL_ROLES)
@pytest.mark.parametrize("page", ["policies", "policy", "assessment"])
def test_staff_and_the_commissioner_read_proofing_and_others_are_refused(clients_by_role, role, page, draft):
    url = {
        "policies": reverse("compact:policies"),
        "policy": draft.policy.get_absolute_url(),
        "assessment": draft.get_absolute_url(),
    }[page]
    response = clients_by_role[role].get(url)
    assert response.status_code == expected(role, READERS)
    if response.status_code == 200:
        assert "Community buildings fund" in response.content.decode()


@pytest.mark.parametrize("role", ALL_ROLES)
@pytest.mark.parametrize("page", ["policy-new", "policy-edit", "assessment-edit", "assessment-submit"])
def test_only_staff_open_the_editing_pages(clients_by_role, role, page, draft):
    url = {
        "policy-new": reverse("compact:policy-new"),
        "policy-edit": reverse("compact:policy-edit", args=[draft.policy.pk]),
        "assessment-edit": reverse("compact:assessment-edit", args=[draft.pk]),
        "assessment-submit": reverse("compact:assessment-submit", args=[draft.pk]),
    }[page]
    assert clients_by_role[role].get(url).status_code == expected(role, STAFF_ROLES)


@pytest.mark.parametrize("role", ALL_ROLES)
def test_only_the_commissioner_opens_the_comment_page(clients_by_role, role, draft):
    response = clients_by_role[role].get(reverse("compact:assessment-comment", args=[draft.pk]))
    assert response.status_code == expected(role, {"commissioner"})


def test_a_compact_lead_without_a_staff_role_reads_their_bodys_policies_only(policy, ndpb):
    others = PolicyFactory(body=ndpb, title="Another body's policy")
    lead = UserFactory(roles=[Role.ASSESSOR])
    policy.body.compact_lead = lead
    policy.body.save()
    client = signed_in_client(lead)
    html = client.get(reverse("compact:policies")).content.decode()
    assert "Community buildings fund" in html
    assert "Another body&#x27;s policy" not in html and "Another body's policy" not in html
    assert client.get(policy.get_absolute_url()).status_code == 200
    assert client.get(others.get_absolute_url()).status_code == 403


def test_a_missing_policy_is_404(staff_client):
    assert staff_client.get(reverse("compact:policy", args=[999999])).status_code == 404


def test_staff_record_a_policy(staff_client, department):
    response = staff_client.post(
        reverse("compact:policy-new"),
        {"body": department.pk, "title": "Volunteering strategy", "summary": "More volunteers",
         "decision_date": "2026-09-01"},
    )  # fmt: skip
    policy = Policy.objects.get(title="Volunteering strategy")
    assert response.status_code == 302 and response.url == policy.get_absolute_url()
    assert policy.decision_date == datetime.date(2026, 9, 1)


def test_a_policy_without_a_title_shows_the_error_summary(staff_client, department):
    response = staff_client.post(reverse("compact:policy-new"), {"body": department.pk, "decision_date": "x"})
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()


def test_the_list_filters_proofed_and_unproofed_and_labels_them(staff_client, department, ndpb):
    proofed = PolicyFactory(body=department, title="Proofed policy")
    ProofingAssessmentFactory(policy=proofed, status=AssessmentStatus.SIGNED_OFF)
    PolicyFactory(body=department, title="Unproofed policy")
    PolicyFactory(body=ndpb, title="NDPB policy")
    html = staff_client.get(reverse("compact:policies"), {"proofed": "no"}).content.decode()
    assert "Unproofed policy" in html and "NDPB policy" in html and "Proofed policy" not in html
    assert "Unproofed</strong>" in html
    html = staff_client.get(reverse("compact:policies"), {"proofed": "yes"}).content.decode()
    assert "Proofed policy" in html and "Unproofed policy" not in html
    html = staff_client.get(reverse("compact:policies"), {"body": ndpb.pk}).content.decode()
    assert "NDPB policy" in html and "Unproofed policy" not in html


def test_the_list_query_count_does_not_grow_with_rows(staff_client, department, django_assert_num_queries):
    def add_rows():
        policy = PolicyFactory(body=department)
        ProofingAssessmentFactory(policy=policy, status=AssessmentStatus.SIGNED_OFF)
        PolicyFactory()

    add_rows()
    staff_client.get(reverse("compact:policies"))
    # Session, person, second factor, roles, navigation; bodies for the filter; the count; one page of rows.
    with django_assert_num_queries(8) as first:
        staff_client.get(reverse("compact:policies"))
    for _ in range(8):
        add_rows()
    with django_assert_num_queries(len(first.captured_queries)):
        staff_client.get(reverse("compact:policies"))
    with django_assert_num_queries(len(first.captured_queries)):
        staff_client.get(reverse("compact:policies"), {"proofed": "no", "body": department.pk})


def test_the_list_is_paginated(staff_client, department, settings):
    settings.COMPACT_POLICY_LIST_PAGE_SIZE = 2
    for number in range(5):
        PolicyFactory(body=department, title=f"Paged policy {number}", decision_date=datetime.date(2026, 7, 1 + number))
    response = staff_client.get(reverse("compact:policies"), {"page": 3})
    assert response.status_code == 200
    assert "Paged policy 4" in response.content.decode()
    assert "Paged policy 0" not in response.content.decode()


def test_staff_start_an_assessment(staff_client, policy):
    response = staff_client.post(reverse("compact:assessment-new", args=[policy.pk]))
    assessment = policy.assessments.get()
    assert response.url == reverse("compact:assessment-edit", args=[assessment.pk])


def test_add_a_risk_comes_back_with_what_was_typed_and_saves_nothing(staff_client, draft):
    data = {
        "conclusion": "Typed but not saved",
        "risks-TOTAL_FORMS": "1",
        "risks-INITIAL_FORMS": "0",
        "risks-0-description": "Short consultation",
        "risks-0-mitigation": "",
        "add_risk": "1",
    }
    response = staff_client.post(reverse("compact:assessment-edit", args=[draft.pk]), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Risk 2" in html and "Short consultation" in html and "Typed but not saved" in html
    assert "There is a problem" not in html
    assert draft.risks.count() == 0


def test_remove_a_risk_drops_that_row(staff_client, draft):
    data = {
        "risks-TOTAL_FORMS": "2",
        "risks-INITIAL_FORMS": "0",
        "risks-0-description": "First risk",
        "risks-1-description": "Second risk",
        "remove_risk": "0",
    }
    html = staff_client.post(reverse("compact:assessment-edit", args=[draft.pk]), data).content.decode()
    assert "Second risk" in html and "First risk" not in html


def test_saving_the_assessment_saves_answers_commitments_and_risks(staff_client, draft):
    commitment = Commitment.objects.first()
    data = {
        "commitments": [commitment.pk],
        "consulted": "yes",
        "consulted_for_twelve_weeks": "no",
        "conclusion": "Consult longer",
        "risks-TOTAL_FORMS": "2",
        "risks-INITIAL_FORMS": "0",
        "risks-0-description": "Short consultation",
        "risks-0-mitigation": "Extra events",
        "risks-1-description": "",
        "risks-1-mitigation": "",
        "save": "1",
    }
    response = staff_client.post(reverse("compact:assessment-edit", args=[draft.pk]), data)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.consulted, draft.consulted_for_twelve_weeks, draft.conclusion) == (True, False, "Consult longer")
    assert list(draft.commitments.all()) == [commitment]
    assert [(r.description, r.mitigation) for r in draft.risks.all()] == [("Short consultation", "Extra events")]


def test_a_mitigation_without_a_risk_is_an_error(staff_client, draft):
    data = {"risks-TOTAL_FORMS": "1", "risks-INITIAL_FORMS": "0", "risks-0-mitigation": "Something", "save": "1"}
    response = staff_client.post(reverse("compact:assessment-edit", args=[draft.pk]), data)
    assert "Describe risk 1, or remove it" in response.content.decode()


def test_staff_submit_through_the_page(staff_client, draft):
    response = staff_client.post(reverse("compact:assessment-submit", args=[draft.pk]))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == AssessmentStatus.SUBMITTED


def test_the_compact_lead_signs_off_through_the_page(compact_lead_client, submitted):
    response = compact_lead_client.post(
        reverse("compact:assessment-sign-off", args=[submitted.pk]), {"decision": "sign_off"}
    )
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == AssessmentStatus.SIGNED_OFF


def test_the_sign_off_page_names_the_unmitigated_risk(compact_lead_client, submitted):
    ProofingRiskFactory(assessment=submitted, description="No Easy Read version", mitigation="")
    url = reverse("compact:assessment-sign-off", args=[submitted.pk])
    response = compact_lead_client.post(url, {"decision": "sign_off"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html and "No Easy Read version" in html
    submitted.refresh_from_db()
    assert submitted.status == AssessmentStatus.SUBMITTED


def test_the_compact_lead_returns_with_a_note(compact_lead_client, submitted):
    url = reverse("compact:assessment-sign-off", args=[submitted.pk])
    assert "Say what needs to change" in compact_lead_client.post(url, {"decision": "return"}).content.decode()
    compact_lead_client.post(url, {"decision": "return", "note": "Involve small groups"})
    submitted.refresh_from_db()
    assert submitted.status == AssessmentStatus.RETURNED


@pytest.mark.parametrize("role", ["department_staff", "platform_admin", "commissioner"])
def test_others_cannot_sign_off_through_the_page(clients_by_role, role, submitted):
    url = reverse("compact:assessment-sign-off", args=[submitted.pk])
    page = clients_by_role[role].get(url)
    assert page.status_code == 200
    assert "only the body&#x27;s Compact lead" in page.content.decode()
    assert clients_by_role[role].post(url, {"decision": "sign_off"}).status_code == 403
    submitted.refresh_from_db()
    assert submitted.status == AssessmentStatus.SUBMITTED


@pytest.mark.parametrize("role", ["assessor", "board_member", "organisation_member", "public"])
def test_the_sign_off_page_refuses_people_outside_proofing(clients_by_role, role, submitted):
    response = clients_by_role[role].get(reverse("compact:assessment-sign-off", args=[submitted.pk]))
    assert response.status_code == (302 if role == "public" else 403)


def test_the_commissioner_comments_and_staff_read_it(commissioner_client, staff_client, submitted):
    url = reverse("compact:assessment-comment", args=[submitted.pk])
    assert "Enter your comment" in commissioner_client.post(url, {"body": ""}).content.decode()
    response = commissioner_client.post(url, {"body": "Consult BME networks too."})
    assert response.status_code == 302
    assert ProofingComment.objects.get().body == "Consult BME networks too."
    assert "Consult BME networks too." in staff_client.get(submitted.get_absolute_url()).content.decode()


def test_staff_cannot_post_comments(staff_client, submitted):
    response = staff_client.post(reverse("compact:assessment-comment", args=[submitted.pk]), {"body": "Me"})
    assert response.status_code == 403
    assert not ProofingComment.objects.exists()
