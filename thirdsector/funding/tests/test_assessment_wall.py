"""The conflict-of-interest wall: an assessor sees an application only after declaring no conflict on it."""

import pytest
from django.urls import reverse

from thirdsector.accounts.roles import Role
from thirdsector.accounts.tests.factories import UserFactory
from thirdsector.conftest import signed_in_client

from ..models import AssessorAssignment, AssignmentStatus
from ..selectors.assessment import (
    ConflictOfInterestDeclared,
    InterestsNotDeclared,
    application_for_assessor,
    assignment_for_assessor,
)
from .factories import ApplicationFactory, AssessorAssignmentFactory, ScoreFactory

pytestmark = pytest.mark.django_db

SECRET_ANSWER = "Our confidential plan to reach every parish."


@pytest.fixture
def application(open_round, organisation):
    return ApplicationFactory(round=open_round, organisation=organisation, status="in_assessment", need=SECRET_ANSWER)


@pytest.fixture
def assignment(application, assessor_user):
    return AssessorAssignmentFactory(application=application, assessor=assessor_user)


@pytest.fixture
def assessor_client(assessor_user):
    return signed_in_client(assessor_user)


def set_status(assignment, status):
    assignment.status = status
    assignment.save()
    return assignment


def assessment_pages(assignment):
    reference = assignment.application.reference
    return {
        "score": reverse("funding:assessment-score", args=[assignment.pk]),
        "moderation": reverse("funding:moderation", args=[reference]),
        "assign": reverse("funding:assessment-assign", args=[reference]),
        "decision": reverse("funding:decision", args=[reference]),
    }


# The selector


def test_the_assessor_who_declared_no_conflict_gets_the_assignment(assignment, assessor_user):
    set_status(assignment, AssignmentStatus.CLEAR)
    found = assignment_for_assessor(application_reference=assignment.application.reference, user=assessor_user)
    assert found == assignment
    assert application_for_assessor(application_reference=assignment.application.reference, user=assessor_user) == (
        assignment.application
    )


def test_a_conflicted_assessor_is_refused_by_the_selector(assignment, assessor_user):
    set_status(assignment, AssignmentStatus.CONFLICTED)
    with pytest.raises(ConflictOfInterestDeclared):
        assignment_for_assessor(application_reference=assignment.application.reference, user=assessor_user)


def test_an_assessor_who_has_not_declared_is_refused_by_the_selector(assignment, assessor_user):
    with pytest.raises(InterestsNotDeclared):
        assignment_for_assessor(application_reference=assignment.application.reference, user=assessor_user)


@pytest.mark.parametrize("who", ["unassigned", "removed"])
def test_an_unassigned_or_removed_assessor_finds_nothing(assignment, assessor_user, who):
    user = UserFactory(roles=[Role.ASSESSOR]) if who == "unassigned" else assessor_user
    if who == "removed":
        set_status(assignment, AssignmentStatus.REMOVED)
    with pytest.raises(AssessorAssignment.DoesNotExist):
        assignment_for_assessor(application_reference=assignment.application.reference, user=user)


# The pages


def test_an_undeclared_assessor_sees_only_the_declaration(assignment, assessor_client):
    response = assessor_client.get(reverse("funding:assessment-score", args=[assignment.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("funding:assessment-declare", args=[assignment.pk])

    page = assessor_client.get(response["Location"]).content.decode()
    assert "Leeds Tenants Federation" in page
    assert "Do you have a conflict of interest?" in page
    assert SECRET_ANSWER not in page
    assert assignment.application.project_title not in page


def test_a_conflicted_assessor_cannot_open_the_application(assignment, assessor_client):
    set_status(assignment, AssignmentStatus.CONFLICTED)
    for name, url in assessment_pages(assignment).items():
        response = assessor_client.get(url)
        assert response.status_code == 403, name
        assert SECRET_ANSWER not in response.content.decode()
    response = assessor_client.post(assessment_pages(assignment)["score"], {"action": "save"})
    assert response.status_code == 403


def test_the_application_page_does_not_open_to_a_conflicted_assessor(assignment, assessor_client):
    set_status(assignment, AssignmentStatus.CONFLICTED)
    response = assessor_client.get(reverse("funding:application", args=[assignment.application.reference]))
    assert response.status_code in (403, 404)
    assert SECRET_ANSWER not in response.content.decode()


def test_a_conflicted_assessor_sees_their_declaration_is_recorded(assignment, assessor_client):
    set_status(assignment, AssignmentStatus.CONFLICTED)
    page = assessor_client.get(reverse("funding:assessment-declare", args=[assignment.pk])).content.decode()
    assert "Conflict of interest recorded" in page
    assert "you cannot see this application" in page
    assert SECRET_ANSWER not in page


def test_a_conflicted_assessor_never_sees_other_assessors_scores(assignment, assessor_client):
    set_status(assignment, AssignmentStatus.CONFLICTED)
    other = ScoreFactory(
        assignment__application=assignment.application, assignment__status="completed", comment="Weak plan."
    )
    for url in assessment_pages(assignment).values():
        assert "Weak plan." not in assessor_client.get(url).content.decode()
    assert other.pk


def test_declaring_a_conflict_closes_the_application_at_once(assignment, assessor_client):
    response = assessor_client.post(
        reverse("funding:assessment-declare", args=[assignment.pk]),
        {"has_conflict": "yes", "details": "I chair their board."},
    )
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.CONFLICTED
    assert assessor_client.get(reverse("funding:assessment-score", args=[assignment.pk])).status_code == 403


def test_declaring_no_conflict_opens_the_scoring_page(assignment, assessor_client):
    response = assessor_client.post(reverse("funding:assessment-declare", args=[assignment.pk]), {"has_conflict": "no"})
    assert response["Location"] == reverse("funding:assessment-score", args=[assignment.pk])
    page = assessor_client.get(response["Location"]).content.decode()
    assert SECRET_ANSWER in page


def test_an_assessor_who_is_not_assigned_gets_404(assignment):
    stranger = signed_in_client(UserFactory(roles=[Role.ASSESSOR]))
    for name in ("funding:assessment-declare", "funding:assessment-score"):
        assert stranger.get(reverse(name, args=[assignment.pk])).status_code == 404


def test_an_assessor_never_sees_applications_not_assigned_to_them(assignment, assessor_client, open_round):
    elsewhere = AssessorAssignmentFactory(
        application=ApplicationFactory(round=open_round, need="Someone else's secret."), status="clear"
    )
    for name in ("funding:assessment-declare", "funding:assessment-score"):
        response = assessor_client.get(reverse(name, args=[elsewhere.pk]))
        assert response.status_code == 404
    listing = assessor_client.get(reverse("funding:my-assessments")).content.decode()
    assert elsewhere.application.reference not in listing
    assert assignment.application.reference in listing


def test_a_removed_assessor_loses_the_application(assignment, assessor_client):
    set_status(assignment, AssignmentStatus.REMOVED)
    for name in ("funding:assessment-declare", "funding:assessment-score"):
        assert assessor_client.get(reverse(name, args=[assignment.pk])).status_code == 404
    assert (
        assignment.application.reference not in assessor_client.get(reverse("funding:my-assessments")).content.decode()
    )
