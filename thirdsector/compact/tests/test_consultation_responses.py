"""Responding: save and come back (signed in, or by private link), answers checked by kind, submitting."""

import datetime

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from thirdsector.accounts.tests.factories import UserFactory
from thirdsector.conftest import signed_in_client

from ..models import ConsultationResponse, ConsultationStatus, QuestionKind, RespondingAs, ResponseStatus
from ..services.consultations import (
    ConsultationError,
    clean_answer,
    record_response,
    save_response,
    start_response,
    submit_response,
)
from .factories import ConsultationFactory, ConsultationResponseFactory, QuestionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def consultation(db):
    consultation = ConsultationFactory(status=ConsultationStatus.PUBLISHED)
    QuestionFactory(consultation=consultation, number=1, text="What works?", kind=QuestionKind.FREE_TEXT)
    QuestionFactory(
        consultation=consultation, number=2, text="Which?", kind=QuestionKind.SINGLE_CHOICE, options=["Yes", "No"]
    )
    QuestionFactory(
        consultation=consultation,
        number=3,
        text="Which apply?",
        kind=QuestionKind.MULTIPLE_CHOICE,
        options=["Grants", "Contracts", "Loans"],
    )
    QuestionFactory(consultation=consultation, number=4, text="Do you agree?", kind=QuestionKind.AGREE_SCALE)
    return consultation


def _questions(consultation):
    return {question.number: question for question in consultation.questions.all()}


# ---- Answers checked by kind ------------------------------------------------------------------


def test_free_text_is_kept_as_written(consultation):
    assert clean_answer(_questions(consultation)[1], "  More funding  ") == ("More funding", [])


def test_a_single_choice_must_be_one_of_the_options(consultation):
    question = _questions(consultation)[2]
    assert clean_answer(question, "Yes") == ("Yes", [])
    with pytest.raises(ConsultationError, match="choose one"):
        clean_answer(question, "Maybe")
    with pytest.raises(ConsultationError, match="one answer"):
        clean_answer(question, ["Yes", "No"])


def test_a_multiple_choice_keeps_the_options_in_their_order(consultation):
    question = _questions(consultation)[3]
    assert clean_answer(question, ["Loans", "Grants"]) == ("", ["Grants", "Loans"])
    with pytest.raises(ConsultationError):
        clean_answer(question, ["Grants", "Bonds"])


def test_the_agree_scale_has_five_points(consultation):
    question = _questions(consultation)[4]
    assert clean_answer(question, "Strongly disagree") == ("Strongly disagree", [])
    with pytest.raises(ConsultationError):
        clean_answer(question, "Somewhat agree")


def test_a_required_question_must_be_answered_before_submitting(consultation):
    question = _questions(consultation)[1]
    question.required = True
    question.save()
    response = start_response(consultation=consultation, by=None, name="Pat")
    with pytest.raises(ConsultationError, match="Answer the questions"):
        submit_response(response=response, by=None)


# ---- Starting and who may respond -------------------------------------------------------------


def test_nobody_responds_to_a_closed_consultation(consultation):
    consultation.closes_on = timezone.localdate() - datetime.timedelta(days=1)
    consultation.save()
    with pytest.raises(ConsultationError, match="not open"):
        start_response(consultation=consultation, by=None)


def test_a_member_responds_for_their_organisation(consultation, member_user, organisation):
    response = start_response(
        consultation=consultation, by=member_user, responding_as=RespondingAs.ORGANISATION, organisation=organisation
    )
    assert response.organisation == organisation
    assert response.organisation_name == organisation.name
    assert response.respondent == member_user


def test_nobody_responds_for_an_organisation_they_do_not_belong_to(consultation, member_user, other_organisation):
    with pytest.raises(ConsultationError, match="belong to"):
        start_response(
            consultation=consultation,
            by=member_user,
            responding_as=RespondingAs.ORGANISATION,
            organisation=other_organisation,
        )


# ---- Save and come back -----------------------------------------------------------------------


def test_the_public_start_a_response_and_get_a_private_link(consultation):
    client = Client()
    page = client.post(
        reverse("compact:consultation-respond", args=[consultation.pk]),
        {"responding_as": "individual", "name": "Pat Public", "email": "pat@example.org"},
    )
    response = ConsultationResponse.objects.get()
    assert response.respondent is None
    assert page.url == reverse("compact:consultation-response", args=[response.token])
    assert len(response.token) >= 40


def test_an_anonymous_draft_is_saved_and_reopened_by_its_link(consultation):
    response = start_response(consultation=consultation, by=None, name="Pat")
    q = _questions(consultation)
    url = reverse("compact:consultation-response", args=[response.token])
    page = Client().post(url, {f"question_{q[1].pk}": "Longer grants", f"question_{q[2].pk}": "Yes", "save": "1"})
    assert page.url == reverse("compact:consultation-response-saved", args=[response.token])
    # Later, another browser with only the link.
    later = Client().get(url)
    assert later.status_code == 200
    assert "Longer grants" in later.content.decode()


def test_the_saved_page_shows_the_link_and_emails_it(consultation):
    response = start_response(consultation=consultation, by=None, name="Pat")
    url = reverse("compact:consultation-response-saved", args=[response.token])
    page = Client().get(url)
    assert response.token in page.content.decode()
    Client().post(url, {"email": "pat@example.org"})
    assert len(mail.outbox) == 1
    assert response.token in mail.outbox[0].body


def test_a_wrong_token_opens_nothing(consultation):
    start_response(consultation=consultation, by=None, name="Pat")
    assert Client().get(reverse("compact:consultation-response", args=["not-the-token"])).status_code == 404


def test_a_signed_in_draft_is_theirs_alone(consultation, member_user):
    response = start_response(consultation=consultation, by=member_user)
    url = reverse("compact:consultation-response", args=[response.token])
    assert signed_in_client(member_user).get(url).status_code == 200
    assert signed_in_client(UserFactory()).get(url).status_code == 404
    assert Client().get(url).status_code == 404


def test_someone_else_cannot_save_a_signed_in_draft(consultation, member_user):
    response = start_response(consultation=consultation, by=member_user)
    with pytest.raises(ConsultationError, match="not your response"):
        save_response(response=response, by=UserFactory(), answers={})


def test_submitting_shows_the_confirmation_and_freezes_the_response(consultation):
    response = start_response(consultation=consultation, by=None, name="Pat")
    q = _questions(consultation)
    url = reverse("compact:consultation-response", args=[response.token])
    page = Client().post(
        url,
        {
            f"question_{q[1].pk}": "Longer grants",
            f"question_{q[3].pk}": ["Grants", "Loans"],
            f"question_{q[4].pk}": "Agree",
            "publish_name": "on",
            "confidential": "on",
            "submit": "1",
        },
    )
    assert page.url == reverse("compact:consultation-response-submitted", args=[response.token])
    response.refresh_from_db()
    assert response.status == ResponseStatus.SUBMITTED
    assert response.publish_name and response.confidential and not response.publish_organisation
    assert {a.question.number: a.as_text() for a in response.answers.all()} == {
        1: "Longer grants",
        2: "",
        3: "Grants; Loans",
        4: "Agree",
    }
    confirmation = Client().get(page.url)
    assert response.reference in confirmation.content.decode()
    with pytest.raises(ConsultationError, match="submitted"):
        save_response(response=response, by=None, answers={})
    assert response.history.first().history_change_reason == "Response submitted"


def test_an_answer_outside_the_options_is_shown_as_an_error(consultation):
    response = start_response(consultation=consultation, by=None, name="Pat")
    q = _questions(consultation)
    page = Client().post(
        reverse("compact:consultation-response", args=[response.token]),
        {f"question_{q[2].pk}": "Maybe", "submit": "1"},
    )
    assert page.status_code == 200
    assert "govuk-error-summary" in page.content.decode()
    response.refresh_from_db()
    assert response.status == ResponseStatus.DRAFT


def test_staff_record_a_response_that_came_by_post(consultation, staff_user):
    q = _questions(consultation)
    response = record_response(
        consultation=consultation,
        by=staff_user,
        channel="post",
        name="Ruth Letter",
        answers={q[1].pk: "By letter"},
    )
    assert response.status == ResponseStatus.SUBMITTED
    assert response.recorded_by == staff_user


def test_only_staff_record_responses(consultation, member_user):
    with pytest.raises(ConsultationError):
        record_response(consultation=consultation, by=member_user, channel="post", name="X", answers={})


def test_a_response_recorded_by_staff_has_no_private_link(consultation, staff_user):
    response = record_response(consultation=consultation, by=staff_user, channel="email", name="E", answers={})
    assert Client().get(reverse("compact:consultation-response", args=[response.token])).status_code == 404


def test_a_draft_cannot_be_submitted_after_closing(consultation):
    response = ConsultationResponseFactory(consultation=consultation)
    consultation.closes_on = timezone.localdate() - datetime.timedelta(days=1)
    consultation.save()
    with pytest.raises(ConsultationError, match="not open"):
        submit_response(response=response, by=None)


def test_the_emailed_link_to_a_draft_starts_with_the_site_address(settings, consultation):
    settings.SITE_URL = "https://thirdsector.example"
    response = start_response(consultation=consultation, by=None, name="Pat")
    url = reverse("compact:consultation-response-saved", args=[response.token])
    Client().post(url, {"email": "pat@example.org"})
    path = reverse("compact:consultation-response", args=[response.token])
    assert f"\n\nhttps://thirdsector.example{path}\n\n" in mail.outbox[0].body
