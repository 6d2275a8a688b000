"""Assessment services: each step by the right person, refused for everyone else, with its audit record."""

import pytest
from django.core import mail

from thirdsector.accounts.roles import MembershipRole, Role
from thirdsector.accounts.tests.factories import MembershipFactory, UserFactory
from thirdsector.core.workflow import TransitionRefused

from ..errors import FundingError
from ..models import AssignmentStatus, Score
from ..services.assessment import (
    InvalidScores,
    assign_assessor,
    declare_interests,
    record_decision,
    remove_assessor,
    save_scores,
    submit_scores,
)
from .factories import ApplicationFactory, AssessorAssignmentFactory, ScoreFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def application(open_round, organisation):
    return ApplicationFactory(round=open_round, organisation=organisation, status="submitted")


@pytest.fixture
def in_assessment(open_round, organisation):
    return ApplicationFactory(round=open_round, organisation=organisation, status="in_assessment")


@pytest.fixture
def assignment(in_assessment, assessor_user, staff_user):
    return AssessorAssignmentFactory(application=in_assessment, assessor=assessor_user, assigned_by=staff_user)


@pytest.fixture
def clear_assignment(assignment):
    assignment.status = AssignmentStatus.CLEAR
    assignment.save()
    return assignment


@pytest.fixture
def criteria(programme):
    return {criterion.name: criterion for criterion in programme.criteria.all()}


def full_scores(criteria, score=4):
    return {criterion.pk: (score, f"Comment on {name}") for name, criterion in criteria.items()}


# Assigning


def test_staff_assign_an_assessor_and_the_first_assignment_starts_the_assessment(
    application, assessor_user, staff_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assignment = assign_assessor(application=application, assessor=assessor_user, by=staff_user)

    application.refresh_from_db()
    assert application.status == "in_assessment"
    assert application.history.latest().history_user == staff_user
    assert assignment.status == AssignmentStatus.AWAITING_DECLARATION
    assert assignment.assigned_by == staff_user
    record = assignment.history.latest()
    assert (record.history_user, record.history_change_reason) == (staff_user, "Assessor assigned")
    assert [message.to for message in mail.outbox] == [[assessor_user.email]]
    assert application.project_title not in mail.outbox[0].body


def test_a_second_assessor_joins_an_application_already_in_assessment(in_assessment, staff_user):
    first, second = UserFactory(roles=[Role.ASSESSOR]), UserFactory(roles=[Role.ASSESSOR])
    assign_assessor(application=in_assessment, assessor=first, by=staff_user)
    assign_assessor(application=in_assessment, assessor=second, by=staff_user)
    assert in_assessment.assignments.count() == 2


def test_an_assessor_cannot_be_assigned_twice(application, assessor_user, staff_user):
    assign_assessor(application=application, assessor=assessor_user, by=staff_user)
    with pytest.raises(FundingError, match="already assigned"):
        assign_assessor(application=application, assessor=assessor_user, by=staff_user)


def test_a_removed_assessor_cannot_be_assigned_again(assignment, staff_user):
    remove_assessor(assignment=assignment, by=staff_user, reason="On leave")
    with pytest.raises(FundingError, match="was removed"):
        assign_assessor(application=assignment.application, assessor=assignment.assessor, by=staff_user)


def test_only_people_holding_the_assessor_role_can_be_assigned(application, staff_user, commissioner_user):
    with pytest.raises(FundingError, match="does not hold the assessor role"):
        assign_assessor(application=application, assessor=commissioner_user, by=staff_user)


def test_a_member_of_the_applying_organisation_cannot_assess_it(application, staff_user, organisation):
    insider = UserFactory(roles=[Role.ASSESSOR])
    MembershipFactory(user=insider, organisation=organisation, role=MembershipRole.VIEWER)
    with pytest.raises(FundingError, match="is a member of"):
        assign_assessor(application=application, assessor=insider, by=staff_user)


@pytest.mark.parametrize("who", ["assessor", "member", "commissioner", "fund_administrator_elsewhere"])
def test_only_the_staff_who_run_the_programme_assign_assessors(
    application, assessor_user, member_user, commissioner_user, who
):
    by = {
        "assessor": assessor_user,
        "member": member_user,
        "commissioner": commissioner_user,
        "fund_administrator_elsewhere": UserFactory(roles=[Role.FUND_ADMINISTRATOR]),
    }[who]
    with pytest.raises(FundingError, match="Only the staff who run the programme"):
        assign_assessor(application=application, assessor=UserFactory(roles=[Role.ASSESSOR]), by=by)
    assert application.assignments.count() == 0


def test_the_administering_bodys_fund_administrator_assigns_assessors(application, assessor_user):
    administrator = UserFactory(roles=[Role.FUND_ADMINISTRATOR])
    MembershipFactory(user=administrator, organisation=application.programme.administering_body)
    assert assign_assessor(application=application, assessor=assessor_user, by=administrator).pk


@pytest.mark.parametrize("status", ["draft", "approved", "declined", "withdrawn"])
def test_assessors_are_assigned_only_to_submitted_applications(open_round, organisation, staff_user, status):
    application = ApplicationFactory(round=open_round, organisation=organisation, status=status)
    with pytest.raises(FundingError, match="only be assigned to a submitted application"):
        assign_assessor(application=application, assessor=UserFactory(roles=[Role.ASSESSOR]), by=staff_user)


# Declaring interests


def test_the_assessor_declares_no_conflict_and_may_score(assignment, assessor_user):
    declare_interests(assignment=assignment, by=assessor_user, has_conflict=False)

    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.CLEAR
    assert assignment.declared_at is not None
    record = assignment.history.latest()
    assert (record.history_user, record.history_change_reason) == (assessor_user, "No conflict of interest declared")


def test_the_assessor_declares_a_conflict_with_its_details(assignment, assessor_user):
    declare_interests(assignment=assignment, by=assessor_user, has_conflict=True, details="My sister is a trustee.")

    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.CONFLICTED
    assert assignment.conflict_details == "My sister is a trustee."
    assert assignment.history.latest().history_user == assessor_user


def test_a_conflict_must_be_described(assignment, assessor_user):
    with pytest.raises(TransitionRefused, match="Describe the conflict of interest"):
        declare_interests(assignment=assignment, by=assessor_user, has_conflict=True, details="  ")
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.AWAITING_DECLARATION


def test_a_declaration_cannot_be_changed(assignment, assessor_user):
    declare_interests(assignment=assignment, by=assessor_user, has_conflict=True, details="I am a trustee.")
    with pytest.raises(TransitionRefused, match="not possible while this assessment is conflict of interest"):
        declare_interests(assignment=assignment, by=assessor_user, has_conflict=False)


@pytest.mark.parametrize("who", ["other_assessor", "staff", "applicant"])
def test_only_the_assigned_assessor_declares(assignment, staff_user, member_user, who):
    by = {"other_assessor": UserFactory(roles=[Role.ASSESSOR]), "staff": staff_user, "applicant": member_user}[who]
    with pytest.raises(TransitionRefused, match="only the assessor it is assigned to"):
        declare_interests(assignment=assignment, by=by, has_conflict=False)


# Scoring


def test_the_assessor_saves_a_draft_and_changes_it(clear_assignment, assessor_user, criteria):
    reach = criteria["Reach"]
    save_scores(assignment=clear_assignment, by=assessor_user, scores={reach.pk: (3, "")})
    save_scores(assignment=clear_assignment, by=assessor_user, scores={reach.pk: (5, "National reach.")})

    score = Score.objects.get(assignment=clear_assignment, criterion=reach)
    assert (score.score, score.comment) == (5, "National reach.")
    assert score.history.count() == 2
    assert score.history.latest().history_user == assessor_user


@pytest.mark.parametrize("value", [-1, 6, 99])
def test_a_score_outside_0_to_the_maximum_is_refused(clear_assignment, assessor_user, criteria, value):
    reach = criteria["Reach"]
    with pytest.raises(InvalidScores) as refused:
        save_scores(assignment=clear_assignment, by=assessor_user, scores={reach.pk: (value, "Comment")})
    assert refused.value.errors == {reach.pk: "Score Reach from 0 to 5."}
    assert not clear_assignment.scores.exists()


@pytest.mark.parametrize("value", [0, 5])
def test_the_ends_of_the_range_are_allowed(clear_assignment, assessor_user, criteria, value):
    reach = criteria["Reach"]
    save_scores(assignment=clear_assignment, by=assessor_user, scores={reach.pk: (value, "Comment")})
    assert clear_assignment.scores.get().score == value


def test_a_criterion_of_another_programme_is_refused(clear_assignment, assessor_user):
    from .factories import CriterionFactory

    elsewhere = CriterionFactory()
    with pytest.raises(InvalidScores, match="not one of this programme's"):
        save_scores(assignment=clear_assignment, by=assessor_user, scores={elsewhere.pk: (1, "x")})


@pytest.mark.parametrize("who", ["other_assessor", "staff", "applicant"])
def test_only_the_assigned_assessor_scores(clear_assignment, staff_user, member_user, criteria, who):
    by = {"other_assessor": UserFactory(roles=[Role.ASSESSOR]), "staff": staff_user, "applicant": member_user}[who]
    with pytest.raises(FundingError, match="Only the assessor it is assigned to"):
        save_scores(assignment=clear_assignment, by=by, scores=full_scores(criteria))


@pytest.mark.parametrize("status", ["awaiting", "conflicted", "completed", "removed"])
def test_scores_are_saved_only_while_scoring(assignment, assessor_user, criteria, status):
    assignment.status = status
    assignment.save()
    with pytest.raises(FundingError, match="Scores cannot be changed"):
        save_scores(assignment=assignment, by=assessor_user, scores=full_scores(criteria))


def test_scores_are_not_saved_once_the_application_is_withdrawn(clear_assignment, assessor_user, criteria):
    clear_assignment.application.status = "withdrawn"
    clear_assignment.application.save()
    with pytest.raises(FundingError, match="the application is withdrawn"):
        save_scores(assignment=clear_assignment, by=assessor_user, scores=full_scores(criteria))


def test_submitting_is_refused_until_every_criterion_has_a_score_and_a_comment(
    clear_assignment, assessor_user, criteria
):
    reach, capacity = criteria["Reach"], criteria["Capacity"]
    save_scores(assignment=clear_assignment, by=assessor_user, scores={reach.pk: (4, "Strong")})
    with pytest.raises(TransitionRefused, match="Score every criterion, with a comment on each"):
        submit_scores(assignment=clear_assignment, by=assessor_user)

    save_scores(assignment=clear_assignment, by=assessor_user, scores={capacity.pk: (2, "")})
    with pytest.raises(TransitionRefused, match="Score every criterion, with a comment on each"):
        submit_scores(assignment=clear_assignment, by=assessor_user)

    save_scores(assignment=clear_assignment, by=assessor_user, scores={capacity.pk: (2, "Small team")})
    submit_scores(assignment=clear_assignment, by=assessor_user)
    clear_assignment.refresh_from_db()
    assert clear_assignment.status == AssignmentStatus.COMPLETED
    assert clear_assignment.completed_at is not None
    record = clear_assignment.history.latest()
    assert (record.history_user, record.history_change_reason) == (assessor_user, "Scores submitted")


@pytest.mark.parametrize("who", ["other_assessor", "staff", "applicant"])
def test_only_the_assigned_assessor_submits(clear_assignment, assessor_user, staff_user, member_user, criteria, who):
    save_scores(assignment=clear_assignment, by=assessor_user, scores=full_scores(criteria))
    by = {"other_assessor": UserFactory(roles=[Role.ASSESSOR]), "staff": staff_user, "applicant": member_user}[who]
    with pytest.raises(TransitionRefused, match="only the assessor it is assigned to"):
        submit_scores(assignment=clear_assignment, by=by)


# Removing


@pytest.mark.parametrize("status", ["awaiting", "clear"])
def test_staff_remove_an_assessor_with_a_reason(assignment, staff_user, status):
    assignment.status = status
    assignment.save()
    remove_assessor(assignment=assignment, by=staff_user, reason="Assessor on leave")

    assignment.refresh_from_db()
    record = assignment.history.latest()
    assert assignment.status == AssignmentStatus.REMOVED
    assert (record.history_user, record.history_change_reason) == (staff_user, "Assessor on leave")


@pytest.mark.parametrize("status", ["conflicted", "completed"])
def test_a_conflicted_or_completed_assessment_stays_on_the_record(assignment, staff_user, status):
    assignment.status = status
    assignment.save()
    with pytest.raises(TransitionRefused, match="not possible while"):
        remove_assessor(assignment=assignment, by=staff_user, reason="Tidy up")


@pytest.mark.parametrize("who", ["assessor", "applicant", "commissioner"])
def test_only_the_staff_who_run_the_programme_remove_assessors(
    assignment, assessor_user, member_user, commissioner_user, who
):
    by = {"assessor": assessor_user, "applicant": member_user, "commissioner": commissioner_user}[who]
    with pytest.raises(TransitionRefused, match="only the staff who run the programme"):
        remove_assessor(assignment=assignment, by=by, reason="Not me")


# The panel's decision


@pytest.fixture
def completed(clear_assignment, assessor_user, criteria):
    save_scores(assignment=clear_assignment, by=assessor_user, scores=full_scores(criteria))
    submit_scores(assignment=clear_assignment, by=assessor_user)
    return clear_assignment


def decide(application, by, approve=True, **changes):
    arguments = {
        "reasons": "Strong reach; the panel doubts the capacity figures.",
        "feedback": "A strong application with clear national reach.",
    }
    arguments.update(changes)
    return record_decision(application=application, by=by, approve=approve, **arguments)


def test_the_panel_approves_with_reasons_and_feedback_in_the_audit(completed, staff_user):
    application = decide(completed.application, staff_user)

    application.refresh_from_db()
    assert application.status == "approved"
    assert application.decided_by == staff_user
    assert application.decision_reasons == "Strong reach; the panel doubts the capacity figures."
    assert application.feedback == "A strong application with clear national reach."
    record = application.history.latest()
    assert (record.history_user, record.history_change_reason) == (staff_user, "Panel decision: approved")
    assert record.decision_reasons == application.decision_reasons


def test_approval_is_refused_without_a_completed_assessment(clear_assignment, staff_user):
    with pytest.raises(TransitionRefused, match="At least one assessor must have finished scoring"):
        decide(clear_assignment.application, staff_user)
    application = clear_assignment.application
    application.refresh_from_db()
    assert application.status == "in_assessment"
    assert application.decision_reasons == application.feedback == ""


@pytest.mark.parametrize("missing", ["reasons", "feedback"])
def test_a_decision_needs_reasons_and_feedback(completed, staff_user, missing):
    with pytest.raises(TransitionRefused, match="Record the panel's reasons and the feedback"):
        decide(completed.application, staff_user, **{missing: " "})


def test_the_panel_may_decline_without_an_assessment(application, staff_user):
    decide(application, staff_user, approve=False)
    application.refresh_from_db()
    assert application.status == "declined"
    assert application.history.latest().history_change_reason == "Panel decision: declined"


@pytest.mark.parametrize("who", ["assessor", "applicant", "commissioner"])
def test_only_the_staff_who_run_the_programme_decide(completed, assessor_user, member_user, commissioner_user, who):
    by = {"assessor": assessor_user, "applicant": member_user, "commissioner": commissioner_user}[who]
    with pytest.raises(TransitionRefused, match="only the staff who run the programme"):
        decide(completed.application, by)


@pytest.mark.parametrize("approve", [True, False])
def test_the_applicants_members_are_emailed_the_feedback_but_never_the_reasons(
    completed, staff_user, member_user, viewer_user, other_organisation, approve, django_capture_on_commit_callbacks
):
    MembershipFactory(organisation=other_organisation)  # someone else's member hears nothing
    with django_capture_on_commit_callbacks(execute=True):
        decide(completed.application, staff_user, approve=approve)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert sorted(message.to) == sorted([member_user.email, viewer_user.email])
    assert "A strong application with clear national reach." in message.body
    assert "doubts the capacity" not in message.body
    assert "doubts the capacity" not in message.subject
    assert ("has been approved" if approve else "has not been approved") in message.subject


def test_a_refused_decision_sends_no_email(
    clear_assignment, staff_user, member_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(TransitionRefused):
        decide(clear_assignment.application, staff_user)
    assert mail.outbox == []


def test_draft_scores_of_others_do_not_count_as_a_completed_assessment(in_assessment, staff_user):
    ScoreFactory(assignment__application=in_assessment)
    with pytest.raises(TransitionRefused, match="At least one assessor"):
        decide(in_assessment, staff_user)
