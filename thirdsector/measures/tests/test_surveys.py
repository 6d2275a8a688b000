"""The stakeholder survey's rules: building and opening, sending by group, responding with evidence, the
Wilson interval, the share agreeing by group, and strategy measure 1 traced to its answers."""

import datetime

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from thirdsector.accounts.tests.factories import MembershipFactory
from thirdsector.compact.models.consultations import QuestionKind
from thirdsector.register.models import Characteristic, OrganisationKind, OrganisationStatus
from thirdsector.register.tests.factories import OrganisationFactory

from ..models import SurveyAnswer, SurveyGroup, SurveyInvitation, SurveyResponse, SurveyStatus
from ..selectors.surveys import Agreement, answers_for, headline_agreement, stakeholders_agreeing, wilson_interval
from ..services.surveys import (
    Evidence,
    SurveyError,
    add_question,
    create_survey,
    send_survey,
    submit_response,
    take_survey_step,
)
from .factories import (
    SurveyAnswerFactory,
    SurveyFactory,
    SurveyInvitationFactory,
    SurveyQuestionFactory,
    SurveyResponseFactory,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 3, 2)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def draft(staff_user):
    return create_survey(
        by=staff_user, title="Working together 2026", year=2026, opens_on=datetime.date(2026, 2, 1),
        closes_on=datetime.date(2026, 4, 30), intro="How well do we work together?",
    )  # fmt: skip


def _answer(invitation, question, answer, **evidence):
    return submit_response(
        invitation=invitation, answers={question.pk: answer}, evidence={question.pk: Evidence(**evidence)}, today=TODAY
    )


# ---- Building and opening -----------------------------------------------------------------------


def test_a_survey_cannot_open_without_a_headline_question(draft, staff_user):
    add_question(survey=draft, by=staff_user, text="We are consulted early", kind=QuestionKind.AGREE_SCALE)
    with pytest.raises(SurveyError, match="exactly one agree-or-disagree question as the headline"):
        take_survey_step(survey=draft, step="open", by=staff_user, reason="Ready")
    assert draft.status == SurveyStatus.DRAFT


def test_the_headline_question_must_be_on_the_agree_scale(draft, staff_user):
    with pytest.raises(SurveyError, match="must be an agree-or-disagree question"):
        add_question(survey=draft, by=staff_user, text="How well?", kind=QuestionKind.FREE_TEXT, is_headline=True)


def test_a_survey_has_one_headline_question_only(draft, staff_user):
    add_question(survey=draft, by=staff_user, text="We work well together", kind="agree_scale", is_headline=True)
    with pytest.raises(SurveyError, match="already has its headline question"):
        add_question(survey=draft, by=staff_user, text="Again", kind="agree_scale", is_headline=True)


def test_staff_open_a_survey_with_its_headline_question_and_the_reason_is_kept(draft, staff_user):
    question = add_question(
        survey=draft, by=staff_user, text="We work well together", kind="agree_scale", is_headline=True
    )
    assert question.required
    take_survey_step(survey=draft, step="open", by=staff_user, reason="Agreed at the board")
    draft.refresh_from_db()
    assert draft.status == SurveyStatus.OPEN and draft.opened_at is not None
    entry = draft.history.latest()
    assert (entry.history_user, entry.history_change_reason) == (staff_user, "Agreed at the board")


def test_opening_and_closing_need_a_reason(draft, staff_user):
    with pytest.raises(SurveyError, match="Say why"):
        take_survey_step(survey=draft, step="open", by=staff_user, reason=" ")


def test_only_staff_open_or_close_a_survey(assessor_user, commissioner_user):
    survey = SurveyQuestionFactory(survey__status=SurveyStatus.DRAFT).survey
    for person in (assessor_user, commissioner_user, None):
        with pytest.raises(SurveyError, match="only department staff"):
            take_survey_step(survey=survey, step="open", by=person, reason="Go")
    opened = SurveyFactory()
    with pytest.raises(SurveyError, match="only department staff"):
        take_survey_step(survey=opened, step="close", by=commissioner_user, reason="Done")


def test_staff_close_an_open_survey(staff_user):
    survey = SurveyFactory()
    take_survey_step(survey=survey, step="close", by=staff_user, reason="Closing date reached")
    assert survey.status == SurveyStatus.CLOSED and survey.closed_at is not None


def test_questions_cannot_change_once_the_survey_is_open(staff_user):
    with pytest.raises(SurveyError, match="can no longer change"):
        add_question(survey=SurveyFactory(), by=staff_user, text="Late", kind="agree_scale")


def test_only_staff_build_surveys(assessor_user):
    with pytest.raises(SurveyError, match="Only department staff"):
        create_survey(
            by=assessor_user, title="x", year=2026, opens_on=TODAY, closes_on=TODAY + datetime.timedelta(days=9),
            intro="x",
        )  # fmt: skip


# ---- Sending --------------------------------------------------------------------------------------


@pytest.fixture
def register(db):
    """A BME-led charity, a charity, a community group with no email but a member, a council and an NDPB."""
    bme = OrganisationFactory(name="Leeds BME Network", email="hello@bme.example.org")
    bme.characteristics.add(Characteristic.objects.get(slug="bme-led"))
    charity = OrganisationFactory(name="Harehills Advice", email="advice@example.org")
    group = OrganisationFactory(name="Chapel Allerton Friends", kind=OrganisationKind.COMMUNITY_GROUP, email="")
    MembershipFactory(organisation=group, user__email="friend@example.org")
    council = OrganisationFactory(name="Leeds City Council", kind=OrganisationKind.LOCAL_AUTHORITY, email="la@x.org")
    ndpb = OrganisationFactory(name="Homes Agency", kind=OrganisationKind.NDPB, email="ndpb@example.org")
    OrganisationFactory(name="Removed Charity", email="gone@example.org", status=OrganisationStatus.REMOVED)
    OrganisationFactory(name="Silent Group", kind=OrganisationKind.FAITH_GROUP, email="")
    return {"bme": bme, "charity": charity, "group": group, "council": council, "ndpb": ndpb}


def test_sending_invites_each_organisation_of_the_groups_once_and_emails_its_link(
    staff_user, register, django_capture_on_commit_callbacks
):
    survey = SurveyFactory()
    groups = [SurveyGroup.CHARITIES, SurveyGroup.BME_LED, SurveyGroup.COMMUNITY_GROUPS]
    with django_capture_on_commit_callbacks(execute=True):
        sending = send_survey(survey=survey, groups=groups, by=staff_user)
    assert (sending.invited, sending.already_invited, sending.without_contact) == (3, 0, 1)
    invitations = {i.organisation.name: i for i in survey.invitations.select_related("organisation")}
    assert set(invitations) == {"Leeds BME Network", "Harehills Advice", "Chapel Allerton Friends"}
    # A BME-led charity counts as BME-led: the characteristic groups come first.
    assert invitations["Leeds BME Network"].group == SurveyGroup.BME_LED
    assert invitations["Harehills Advice"].group == SurveyGroup.CHARITIES
    # No email on the register: the members' addresses.
    assert invitations["Chapel Allerton Friends"].emails == ["friend@example.org"]
    assert len({i.token for i in invitations.values()}) == 3 and all(len(i.token) >= 40 for i in invitations.values())
    assert sorted(message.to[0] for message in mail.outbox) == [
        "advice@example.org", "friend@example.org", "hello@bme.example.org",
    ]  # fmt: skip
    (to_charity,) = [message for message in mail.outbox if message.to == ["advice@example.org"]]
    assert invitations["Harehills Advice"].get_absolute_url() in to_charity.body
    assert all(i.emailed_at for i in survey.invitations.all())


def test_sending_again_does_not_duplicate_invitations(staff_user, register, django_capture_on_commit_callbacks):
    survey = SurveyFactory()
    with django_capture_on_commit_callbacks(execute=True):
        send_survey(survey=survey, groups=[SurveyGroup.CHARITIES], by=staff_user)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        sending = send_survey(
            survey=survey, groups=[SurveyGroup.CHARITIES, SurveyGroup.LOCAL_AUTHORITIES], by=staff_user
        )
    assert (sending.invited, sending.already_invited) == (1, 2)
    assert survey.invitations.count() == 3
    assert [message.to for message in mail.outbox] == [["la@x.org"]]


def test_a_survey_is_sent_only_while_open(staff_user, register):
    with pytest.raises(SurveyError, match="Open the survey before sending it"):
        send_survey(survey=SurveyFactory(status=SurveyStatus.DRAFT), groups=[SurveyGroup.CHARITIES], by=staff_user)


def test_public_bodies_are_a_group_of_their_own(staff_user, register):
    survey = SurveyFactory()
    send_survey(survey=survey, groups=[SurveyGroup.PUBLIC_BODIES], by=staff_user)
    assert [i.organisation.name for i in survey.invitations.all()] == ["Homes Agency"]


# ---- Responding -----------------------------------------------------------------------------------


@pytest.fixture
def invitation(db):
    return SurveyInvitationFactory()


@pytest.fixture
def headline(invitation):
    return SurveyQuestionFactory(survey=invitation.survey)


def test_a_response_is_saved_with_its_evidence(invitation, headline):
    document = SimpleUploadedFile("report.pdf", PDF, content_type="application/pdf")
    response = _answer(
        invitation, headline, "Agree", text="The compact group met monthly.", file=document,
        link="https://example.org/report",
    )  # fmt: skip
    answer = response.answers.get()
    assert (answer.text, answer.evidence_text, answer.evidence_link) == (
        "Agree", "The compact group met monthly.", "https://example.org/report",
    )  # fmt: skip
    assert answer.evidence_file_name == "report.pdf" and answer.evidence_file.read() == PDF


def test_one_response_per_invitation(invitation, headline):
    _answer(invitation, headline, "Agree")
    with pytest.raises(SurveyError, match="already responded"):
        _answer(invitation, headline, "Disagree")
    assert SurveyResponse.objects.count() == 1


def test_a_closed_survey_takes_no_response(invitation, headline):
    invitation.survey.status = SurveyStatus.CLOSED
    invitation.survey.save()
    with pytest.raises(SurveyError, match="has closed"):
        _answer(invitation, headline, "Agree")


def test_an_open_survey_past_its_closing_date_takes_no_response(invitation, headline):
    with pytest.raises(SurveyError, match="has closed"):
        submit_response(
            invitation=invitation, answers={headline.pk: "Agree"}, today=invitation.survey.closes_on.replace(year=2100)
        )


def test_a_required_question_must_be_answered(invitation, headline):
    with pytest.raises(SurveyError, match=f"Answer question {headline.number}"):
        _answer(invitation, headline, "")
    assert not SurveyResponse.objects.exists()


@pytest.mark.parametrize(
    ("evidence", "message"),
    [
        ({"link": "not a web address"}, "full web address"),
        ({"link": "javascript:alert(1)"}, "full web address"),
        ({"file": SimpleUploadedFile("evil.exe", b"MZ\x90\x00")}, "must be a PDF"),
        ({"file": SimpleUploadedFile("fake.pdf", b"not a pdf at all")}, "is not a PDF file"),
        ({"text": "x" * 5001}, "5,000 characters or fewer"),
    ],
)
def test_bad_evidence_is_refused_and_nothing_is_saved(invitation, headline, evidence, message):
    with pytest.raises(SurveyError, match=message):
        _answer(invitation, headline, "Agree", **evidence)
    assert not SurveyResponse.objects.exists() and not SurveyAnswer.objects.exists()


def test_evidence_needs_an_answer(invitation, headline):
    optional = SurveyQuestionFactory(survey=invitation.survey, is_headline=False, required=False, text="Early")
    with pytest.raises(SurveyError, match=f"Answer question {optional.number} to give evidence"):
        submit_response(
            invitation=invitation, answers={headline.pk: "Agree", optional.pk: ""},
            evidence={optional.pk: Evidence(text="We were told late")}, today=TODAY,
        )  # fmt: skip


def test_an_answer_not_on_the_scale_is_refused(invitation, headline):
    with pytest.raises(SurveyError, match="choose one of the options"):
        _answer(invitation, headline, "Maybe")


def test_the_response_is_saved_whole_or_not_at_all(invitation, headline):
    """A bad answer to the second question leaves no response and no first answer behind."""
    free = SurveyQuestionFactory(survey=invitation.survey, is_headline=False, kind=QuestionKind.SINGLE_CHOICE,
                                 options=["Yes", "No"], required=False)  # fmt: skip
    with pytest.raises(SurveyError):
        submit_response(invitation=invitation, answers={headline.pk: "Agree", free.pk: "Perhaps"}, today=TODAY)
    assert not SurveyResponse.objects.exists() and not SurveyAnswer.objects.exists()


# ---- The Wilson interval ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("agreeing", "answering", "low", "high"),
    [
        # Worked by hand with z = 1.96: centre = (p + z²/2n) / (1 + z²/n),
        # half-width = z·√(p(1−p)/n + z²/4n²) / (1 + z²/n).
        (5, 10, 0.236590, 0.763410),  # centre 0.5, half-width 1.96·0.186022/1.38416 = 0.263410
        (0, 10, 0.0, 0.277540),  # centre = half-width = 0.19208/1.38416 = 0.138770
        (10, 10, 0.722460, 1.0),  # the mirror of 0 of 10
        (8, 10, 0.490157, 0.943319),  # centre 0.716738, half-width 0.226581
        (1, 1, 0.206543, 1.0),  # one answer: wide, never beyond 1
        (0, 1, 0.0, 0.793457),
    ],
)
def test_the_wilson_interval_matches_hand_worked_values(agreeing, answering, low, high):
    bounds = wilson_interval(agreeing, answering)
    assert bounds == (pytest.approx(low, abs=1e-5), pytest.approx(high, abs=1e-5))


@given(st.integers(min_value=1, max_value=5000).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))))
def test_the_wilson_interval_holds_the_share_and_stays_between_0_and_1(counts):
    agreeing, answering = counts
    low, high = wilson_interval(agreeing, answering)
    assert 0 <= low <= agreeing / answering <= high <= 1


def test_the_wilson_interval_has_no_value_without_answers():
    assert wilson_interval(0, 0) is None


def test_the_wilson_interval_refuses_more_agreeing_than_answering():
    with pytest.raises(ValueError):
        wilson_interval(3, 2)


def test_a_share_is_shown_with_its_interval_in_percent():
    agreement = Agreement("charities", "Charities", answering=10, agreeing=5)
    assert (str(agreement.share), [str(bound) for bound in agreement.interval]) == ("50.0", ["23.7", "76.3"])


# ---- Results by group and strategy measure 1 --------------------------------------------------------


@pytest.fixture
def answered(db):
    """2026: charities 2 of 3 agree (one with evidence), BME-led 1 of 2; one charity skipped the question.
    2025: 1 of 1. A non-headline agree question's answers do not count."""
    survey = SurveyFactory(year=2026)
    headline = SurveyQuestionFactory(survey=survey, required=False)
    other = SurveyQuestionFactory(survey=survey, is_headline=False, text="We are consulted early")
    answers = {
        SurveyGroup.CHARITIES: ["Strongly agree", "Agree", "Disagree", ""],
        SurveyGroup.BME_LED: ["Agree", "Neither agree nor disagree"],
    }
    for group, texts in answers.items():
        for text in texts:
            response = SurveyResponseFactory(invitation__survey=survey, invitation__group=group)
            SurveyAnswerFactory(response=response, question=headline, text=text,
                                evidence_text="We met monthly" if text == "Agree" else "")  # fmt: skip
            SurveyAnswerFactory(response=response, question=other, text="Strongly agree")
    SurveyInvitationFactory(survey=survey, group=SurveyGroup.BME_LED)  # invited, not responded
    last_year = SurveyQuestionFactory(survey__year=2025)
    SurveyAnswerFactory(question=last_year, response__invitation__survey=last_year.survey, text="Agree")
    return survey


def test_the_share_agreeing_is_counted_by_group(answered):
    rows, total = headline_agreement(2026)
    assert [(row.key, row.answering, row.agreeing, str(row.share)) for row in rows] == [
        ("bme-led", 2, 1, "50.0"),
        ("charities", 3, 2, "66.7"),
    ]
    assert (total.answering, total.agreeing) == (5, 3)


def test_stakeholders_agreeing_is_the_headline_share_then_each_group(answered):
    headline, *groups = stakeholders_agreeing(year=2026)
    assert (headline.numerator, headline.denominator, str(headline.value), headline.breakdown) == (3, 5, "60.0", "")
    assert [(m.breakdown, m.key, m.label, m.numerator, m.denominator) for m in groups] == [
        ("group", "bme-led", "BME-led organisations", 1, 2),
        ("group", "charities", "Charities", 2, 3),
    ]
    assert stakeholders_agreeing(year=2025)[0].numerator == 1
    assert stakeholders_agreeing(year=2024) == [stakeholders_agreeing(year=2024)[0]]
    assert stakeholders_agreeing(year=2024)[0].value is None


def test_each_figure_links_to_exactly_the_answers_it_counts(answered, staff_client):
    """Traceability: the answers listed behind each figure number its denominator, and those marked
    agreeing its numerator; the groups' rows add up to the headline's."""
    measurements = stakeholders_agreeing(year=2026)
    for measurement in measurements:
        page = staff_client.get(measurement.rows_url)
        content = page.content.decode()
        assert page.status_code == 200
        assert f"{measurement.denominator} answers" in content
        assert content.count('govuk-tag--green">Agrees') == measurement.numerator
    groups = measurements[1:]
    assert sum(m.denominator for m in groups) == measurements[0].denominator
    assert sum(m.numerator for m in groups) == measurements[0].numerator


def test_the_evidence_list_filters_by_group_question_and_evidence(answered):
    assert answers_for(year=2026, headline=True, evidence_only=True).count() == 2
    assert answers_for(year=2026, group=SurveyGroup.BME_LED).count() == 4
    assert answers_for(year=2025).count() == 1


def test_invitations_are_unique_per_organisation_in_the_database(invitation):
    with pytest.raises(IntegrityError):
        SurveyInvitation.objects.create(
            survey=invitation.survey, organisation=invitation.organisation, group="charities"
        )


def test_an_unknown_token_opens_nothing(db):
    assert Client().get("/measures/surveys/respond/not-a-token/").status_code == 404
