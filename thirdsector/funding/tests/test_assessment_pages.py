"""Assessment pages: who may open each, the forms and their errors, and the lists' query counts."""

import pytest
from django.core import mail
from django.urls import reverse

from thirdsector.accounts.roles import Role
from thirdsector.accounts.tests.factories import MembershipFactory, UserFactory
from thirdsector.conftest import ALL_ROLES, STAFF_ROLES, signed_in_client

from ..models import AssignmentStatus, Score
from .factories import ApplicationFactory, AssessorAssignmentFactory, ScoreFactory

pytestmark = pytest.mark.django_db

REASONS = "The panel doubts the capacity figures."
FEEDBACK = "A strong application with clear national reach."


@pytest.fixture
def application(open_round, organisation):
    return ApplicationFactory(round=open_round, organisation=organisation, status="in_assessment")


@pytest.fixture
def criteria(programme):
    return list(programme.criteria.all())


@pytest.fixture
def assignment(application, assessor_user):
    return AssessorAssignmentFactory(application=application, assessor=assessor_user, status="clear")


@pytest.fixture
def assessor_client(assessor_user):
    return signed_in_client(assessor_user)


def score_url(assignment):
    return reverse("funding:assessment-score", args=[assignment.pk])


def score_data(criteria, action="save", **overrides):
    data = {"action": action}
    for criterion in criteria:
        data[f"score_{criterion.pk}"] = "4"
        data[f"comment_{criterion.pk}"] = f"Comment on {criterion.name}"
    data.update(overrides)
    return data


def completed_assignment(application, criteria, scores, **kwargs):
    assignment = AssessorAssignmentFactory(application=application, status="completed", **kwargs)
    for criterion, value in zip(criteria, scores, strict=True):
        ScoreFactory(assignment=assignment, criterion=criterion, score=value, comment=f"{value} for {criterion}")
    return assignment


# Who may open each page


@pytest.mark.parametrize("role", ALL_ROLES)
def test_only_assessors_have_an_assessments_list(clients_by_role, role):
    response = clients_by_role[role].get(reverse("funding:my-assessments"))
    expected = {"public": 302, "assessor": 200}.get(role, 403)
    assert response.status_code == expected


@pytest.mark.parametrize("role", ALL_ROLES)
@pytest.mark.parametrize("name", ["funding:assessment-declare", "funding:assessment-score"])
def test_only_the_assigned_assessor_opens_the_declaration_and_scores(clients_by_role, assignment, role, name):
    """clients_by_role's assessor is not the one assigned: for them the assignment does not exist."""
    response = clients_by_role[role].get(reverse(name, args=[assignment.pk]))
    expected = {"public": 302, "assessor": 404}.get(role, 403)
    assert response.status_code == expected


@pytest.mark.parametrize("role", ALL_ROLES)
@pytest.mark.parametrize("name", ["funding:assessment-assign", "funding:moderation", "funding:decision"])
def test_only_the_staff_who_run_the_programme_open_the_staff_pages(clients_by_role, application, role, name):
    response = clients_by_role[role].get(reverse(name, args=[application.reference]))
    if role == "public":
        assert response.status_code == 302
    elif role in STAFF_ROLES:
        assert response.status_code == 200
    else:
        # Fund administrators of another body, the assessor, applicants and everyone else.
        assert response.status_code == 403


@pytest.mark.parametrize("role", ALL_ROLES)
def test_only_the_staff_who_run_the_programme_open_the_removal_page(clients_by_role, assignment, role):
    response = clients_by_role[role].get(reverse("funding:assessment-remove", args=[assignment.pk]))
    expected = 302 if role == "public" else 200 if role in STAFF_ROLES else 403
    assert response.status_code == expected


def test_the_administering_bodys_fund_administrator_opens_the_staff_pages(application):
    administrator = UserFactory(roles=[Role.FUND_ADMINISTRATOR])
    MembershipFactory(user=administrator, organisation=application.programme.administering_body)
    client = signed_in_client(administrator)
    for name in ("funding:assessment-assign", "funding:moderation", "funding:decision"):
        assert client.get(reverse(name, args=[application.reference])).status_code == 200


def test_an_unknown_application_is_404_for_staff(staff_client):
    assert staff_client.get(reverse("funding:moderation", args=["NOPE-1"])).status_code == 404


# The assessor's list


def test_the_list_shows_each_assignment_with_its_status_and_no_application_content(assessor_client, assessor_user):
    awaiting = AssessorAssignmentFactory(assessor=assessor_user, application__project_title="Secret title")
    conflicted = AssessorAssignmentFactory(assessor=assessor_user, status="conflicted")
    page = assessor_client.get(reverse("funding:my-assessments")).content.decode()
    assert awaiting.application.reference in page
    assert "Awaiting declaration of interests" in page
    assert "Conflict of interest declared" in page
    assert conflicted.application.organisation.name in page
    assert "Secret title" not in page
    assert reverse("funding:assessment-declare", args=[awaiting.pk]) in page
    assert reverse("funding:assessment-score", args=[conflicted.pk]) not in page


@pytest.mark.parametrize("rows", [1, 8])
def test_the_assessors_list_takes_the_same_queries_whatever_the_number_of_rows(
    assessor_client, assessor_user, django_assert_num_queries, rows
):
    for _ in range(rows):
        AssessorAssignmentFactory(assessor=assessor_user)
    # session, user, TOTP device, roles, count, the navigation's memberships, the page of assignments
    with django_assert_num_queries(7):
        response = assessor_client.get(reverse("funding:my-assessments"))
    assert response.status_code == 200


def test_the_assessors_list_is_paginated(assessor_client, assessor_user, settings):
    settings.FUNDING_LIST_PAGE_SIZE = 2
    for _ in range(3):
        AssessorAssignmentFactory(assessor=assessor_user)
    page = assessor_client.get(reverse("funding:my-assessments")).content.decode()
    assert 'class="govuk-pagination"' in page
    assert assessor_client.get(reverse("funding:my-assessments") + "?page=2").status_code == 200


# The declaration


def test_the_declaration_needs_an_answer(assessor_user, application, assessor_client):
    assignment = AssessorAssignmentFactory(application=application, assessor=assessor_user)
    response = assessor_client.post(reverse("funding:assessment-declare", args=[assignment.pk]), {})
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Select yes if you have a conflict of interest" in page


def test_a_conflict_needs_details_shown_under_yes(assessor_user, application, assessor_client):
    assignment = AssessorAssignmentFactory(application=application, assessor=assessor_user)
    response = assessor_client.post(
        reverse("funding:assessment-declare", args=[assignment.pk]), {"has_conflict": "yes", "details": ""}
    )
    page = response.content.decode()
    assert "Describe the conflict of interest" in page
    assert 'href="#id_details"' in page
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.AWAITING_DECLARATION


def test_the_details_box_is_in_the_page_without_javascript(assessor_user, application, assessor_client):
    assignment = AssessorAssignmentFactory(application=application, assessor=assessor_user)
    page = assessor_client.get(reverse("funding:assessment-declare", args=[assignment.pk])).content.decode()
    assert "If yes, describe the conflict of interest" in page
    assert '<textarea class="govuk-textarea" id="id_details"' in page


# Scoring


def test_the_scoring_page_shows_the_answers_guidance_and_weights(assignment, assessor_client, criteria):
    page = assessor_client.get(score_url(assignment)).content.decode()
    assert assignment.application.need in page
    assert "£150,000.00" in page
    assert "Weight 2" in page
    assert criteria[0].guidance in page
    assert f'name="score_{criteria[0].pk}" type="radio" value="5"' in page
    assert f'name="score_{criteria[0].pk}" type="radio" value="6"' not in page


def test_the_assessor_saves_a_draft(assignment, assessor_client, criteria):
    data = score_data(criteria, **{f"comment_{criteria[1].pk}": ""})
    response = assessor_client.post(score_url(assignment), data)
    assert response.status_code == 302
    assert Score.objects.filter(assignment=assignment).count() == 2
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.CLEAR
    page = assessor_client.get(score_url(assignment)).content.decode()
    assert f'id="id_score_{criteria[0].pk}_4" name="score_{criteria[0].pk}" type="radio" value="4" checked' in page


def test_a_score_out_of_range_is_a_field_error(assignment, assessor_client, criteria):
    field = f"score_{criteria[0].pk}"
    response = assessor_client.post(score_url(assignment), score_data(criteria, **{field: "6"}))
    page = response.content.decode()
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [f"Choose a score from 0 to 5 for {criteria[0].name}"]
    assert f'href="#id_{field}_0"' in page
    assert not Score.objects.filter(assignment=assignment).exists()


def test_submitting_is_refused_until_every_criterion_has_a_score_and_a_comment(assignment, assessor_client, criteria):
    data = score_data(criteria, action="submit", **{f"comment_{criteria[1].pk}": ""})
    data.pop(f"score_{criteria[0].pk}")
    response = assessor_client.post(score_url(assignment), data)
    errors = response.context["form"].errors
    assert errors[f"score_{criteria[0].pk}"] == [f"Choose a score for {criteria[0].name}"]
    assert errors[f"comment_{criteria[1].pk}"] == [f"Write a comment on {criteria[1].name}"]
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.CLEAR


def test_the_assessor_submits_and_the_scores_are_then_read_only(assignment, assessor_client, criteria):
    response = assessor_client.post(score_url(assignment), score_data(criteria, action="submit"))
    assert response["Location"] == reverse("funding:my-assessments")
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.COMPLETED

    page = assessor_client.get(score_url(assignment)).content.decode()
    assert "Submitted" in page
    assert "4 out of 5" in page
    assert 'type="radio"' not in page
    assert assessor_client.post(score_url(assignment), score_data(criteria)).status_code == 403


# Assigning and removing


def test_staff_assign_an_assessor_from_those_holding_the_role(
    open_round, organisation, staff_client, assessor_user, commissioner_user, django_capture_on_commit_callbacks
):
    application = ApplicationFactory(round=open_round, organisation=organisation, status="submitted")
    url = reverse("funding:assessment-assign", args=[application.reference])
    page = staff_client.get(url).content.decode()
    assert assessor_user.email in page
    assert commissioner_user.email not in page

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(url, {"assessor": assessor_user.pk})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == "in_assessment"
    assert application.assignments.get().assessor == assessor_user
    assert mail.outbox[0].to == [assessor_user.email]


def test_choosing_someone_without_the_role_is_a_field_error(application, staff_client, commissioner_user):
    response = staff_client.post(
        reverse("funding:assessment-assign", args=[application.reference]), {"assessor": commissioner_user.pk}
    )
    assert response.context["form"].errors["assessor"] == ["Choose an assessor from the list"]


def test_a_refused_assignment_shows_in_the_error_summary(open_round, organisation, staff_client, assessor_user):
    application = ApplicationFactory(round=open_round, organisation=organisation, status="submitted")
    MembershipFactory(user=assessor_user, organisation=organisation)
    response = staff_client.post(
        reverse("funding:assessment-assign", args=[application.reference]), {"assessor": assessor_user.pk}
    )
    page = response.content.decode()
    assert "There is a problem" in page
    assert "cannot assess its application" in page


@pytest.mark.parametrize("rows", [1, 6])
def test_the_assessors_page_takes_the_same_queries_whatever_the_number_of_rows(
    application, staff_client, django_assert_num_queries, rows
):
    for _ in range(rows):
        AssessorAssignmentFactory(application=application)
        UserFactory(roles=[Role.ASSESSOR])
    # session, user, TOTP device, roles, the application, its assignments, the assessors to choose from,
    # the navigation's memberships
    with django_assert_num_queries(8):
        response = staff_client.get(reverse("funding:assessment-assign", args=[application.reference]))
    assert response.status_code == 200


def test_staff_remove_an_assessor_with_a_reason(assignment, staff_client, staff_user):
    url = reverse("funding:assessment-remove", args=[assignment.pk])
    assert "Enter the reason" in staff_client.post(url, {"reason": ""}).content.decode()
    response = staff_client.post(url, {"reason": "Assessor on leave"})
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.REMOVED
    assert assignment.history.latest().history_user == staff_user


def test_removing_a_completed_assessment_is_refused_in_the_error_summary(assignment, staff_client):
    assignment.status = AssignmentStatus.COMPLETED
    assignment.save()
    response = staff_client.post(reverse("funding:assessment-remove", args=[assignment.pk]), {"reason": "Tidy"})
    assert "Remove: not possible while this assessment is scores submitted." in response.content.decode()


# Moderation


def test_moderation_shows_each_score_the_spread_and_flags_wide_ones(application, staff_client, criteria):
    reach, capacity = criteria  # Reach weight 2, Capacity weight 1, both out of 5
    completed_assignment(application, criteria, [5, 2])
    completed_assignment(application, criteria, [4, 4])
    completed_assignment(application, criteria, [5, 1])
    AssessorAssignmentFactory(application=application, status="conflicted")
    ScoreFactory(assignment__application=application, assignment__status="clear", criterion=reach, score=0)

    response = staff_client.get(reverse("funding:moderation", args=[application.reference]))
    moderation = response.context["moderation"]
    page = response.content.decode()

    assert [row.spread for row in moderation.rows] == [1, 3]
    assert [row.is_wide for row in moderation.rows] == [False, True]
    # Weighted totals: 5×2+2=12, 4×2+4=12, 5×2+1=11, out of 15.
    assert [column.weighted_total for column in moderation.columns] == [12, 12, 11]
    assert str(moderation.mean_total) == "11.7"
    assert str(moderation.mean_percentage) == "77.8"
    assert "11.7 out of 15 (77.8%)" in page
    assert "80.0%" in page
    assert "differ by 2 points or more" in page
    assert page.count(">Wide</strong>") == 2  # the explanation and the one flagged row
    assert "Still scoring, not counted here" in page
    assert "5 for Reach" in page


def test_the_wide_spread_setting_applies(application, staff_client, criteria, settings):
    settings.FUNDING_MODERATION_WIDE_SPREAD = 4
    completed_assignment(application, criteria, [5, 2])
    completed_assignment(application, criteria, [4, 5])
    response = staff_client.get(reverse("funding:moderation", args=[application.reference]))
    assert [row.is_wide for row in response.context["moderation"].rows] == [False, False]
    assert "differ by 4 points or more" in response.content.decode()


@pytest.mark.parametrize("assessors", [1, 5])
def test_moderation_takes_the_same_queries_whatever_the_number_of_assessors(
    application, staff_client, criteria, django_assert_num_queries, assessors
):
    for _ in range(assessors):
        completed_assignment(application, criteria, [3, 3])
    # session, user, TOTP device, roles, the application, criteria, assignments, their scores,
    # the navigation's memberships
    with django_assert_num_queries(9):
        response = staff_client.get(reverse("funding:moderation", args=[application.reference]))
    assert response.status_code == 200


# The panel's decision


def decision_data(outcome="approve", **changes):
    data = {"outcome": outcome, "reasons": REASONS, "feedback": FEEDBACK}
    data.update(changes)
    return data


def test_staff_record_the_decision_and_the_applicant_is_told(
    application, staff_client, staff_user, member_user, criteria, django_capture_on_commit_callbacks
):
    completed_assignment(application, criteria, [4, 4])
    url = reverse("funding:decision", args=[application.reference])
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(url, decision_data())
    assert response["Location"] == url
    application.refresh_from_db()
    assert application.status == "approved"
    record = application.history.latest()
    assert (record.history_user, record.history_change_reason) == (staff_user, "Panel decision: approved")
    assert [message.to for message in mail.outbox] == [[member_user.email]]
    assert FEEDBACK in mail.outbox[0].body
    assert REASONS not in mail.outbox[0].body
    assert REASONS in staff_client.get(url).content.decode()


def test_approval_with_no_completed_assessment_is_refused_in_the_error_summary(application, staff_client):
    response = staff_client.post(reverse("funding:decision", args=[application.reference]), decision_data())
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "At least one assessor must have finished scoring before the panel decides." in page
    assert "<title>Error:" in page
    application.refresh_from_db()
    assert application.status == "in_assessment"
    assert application.decision_reasons == ""


def test_the_decision_needs_reasons_and_feedback(application, staff_client):
    response = staff_client.post(
        reverse("funding:decision", args=[application.reference]), decision_data(reasons="", feedback="")
    )
    errors = response.context["form"].errors
    assert errors["reasons"] == ["Enter the panel's reasons"]
    assert errors["feedback"] == ["Enter the feedback for the applicant"]


def test_a_decided_application_cannot_be_decided_again(open_round, organisation, staff_client):
    application = ApplicationFactory(
        round=open_round, organisation=organisation, status="declined", feedback="Not this time."
    )
    url = reverse("funding:decision", args=[application.reference])
    response = staff_client.post(url, decision_data())
    assert "The panel cannot decide now: the application is declined." in response.content.decode()
    application.refresh_from_db()
    assert application.status == "declined"


def test_the_applicant_sees_the_feedback_but_not_the_reasons(
    application, staff_client, member_client, viewer_user, criteria
):
    completed_assignment(application, criteria, [4, 4])
    staff_client.post(reverse("funding:decision", args=[application.reference]), decision_data(outcome="decline"))
    for client in (member_client, signed_in_client(viewer_user)):
        page = client.get(reverse("funding:application", args=[application.reference])).content.decode()
        assert FEEDBACK in page
        assert REASONS not in page


def test_no_other_organisation_hears_of_the_decision(
    application, staff_client, criteria, other_organisation, django_capture_on_commit_callbacks
):
    outsider = MembershipFactory(organisation=other_organisation).user
    completed_assignment(application, criteria, [4, 4])
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(reverse("funding:decision", args=[application.reference]), decision_data())
    assert all(outsider.email not in message.to for message in mail.outbox)
    response = signed_in_client(outsider).get(reverse("funding:application", args=[application.reference]))
    assert response.status_code == 404


# The staff panel on the application page


def test_the_staff_panel_lists_the_assessors_and_links_to_the_assessment_pages(application, staff_client, assignment):
    page = staff_client.get(reverse("funding:application", args=[application.reference])).content.decode()
    assert str(assignment.assessor) in page
    assert "Scoring" in page
    for name in ("funding:assessment-assign", "funding:moderation", "funding:decision"):
        assert reverse(name, args=[application.reference]) in page


def test_the_applicant_does_not_see_the_staff_panel(application, member_client, assignment):
    page = member_client.get(reverse("funding:application", args=[application.reference])).content.decode()
    assert str(assignment.assessor) not in page
    assert reverse("funding:moderation", args=[application.reference]) not in page
