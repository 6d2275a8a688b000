"""The stakeholder survey through its pages: who may use each, responding through the private link,
the results and their CSV, and the whole journey from building a survey to its share agreeing."""

import csv
import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from thirdsector.register.models import OrganisationKind
from thirdsector.register.tests.factories import OrganisationFactory

from ..models import Survey, SurveyAnswer, SurveyGroup, SurveyInvitation, SurveyStatus
from .factories import (
    SurveyAnswerFactory,
    SurveyFactory,
    SurveyInvitationFactory,
    SurveyQuestionFactory,
    SurveyResponseFactory,
)

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
STAFF = {"department_staff", "platform_admin"}
RESULTS = {*STAFF, "commissioner", "board_member"}
SIGNED_IN_ROLES = [
    "department_staff",
    "assessor",
    "commissioner",
    "board_member",
    "council_officer",
    "fund_administrator",
    "platform_admin",
    "organisation_member",
    "member_elsewhere",
]


@pytest.fixture
def answer(db):
    question = SurveyQuestionFactory()
    document = SimpleUploadedFile("minutes.pdf", PDF, content_type="application/pdf")
    return SurveyAnswerFactory(
        question=question, response__invitation__survey=question.survey, evidence_file=document,
        evidence_file_name="minutes.pdf",
    )  # fmt: skip


def _pages(answer) -> dict[str, tuple[str, str]]:
    """Each page, with who may use it ("staff" or "results")."""
    survey = answer.question.survey
    return {
        "list": ("/measures/surveys/", "staff"),
        "new": ("/measures/surveys/new/", "staff"),
        "detail": (f"/measures/surveys/{survey.pk}/", "staff"),
        "question": (f"/measures/surveys/{survey.pk}/questions/add/", "staff"),
        "results": ("/measures/surveys/results/", "results"),
        "csv": ("/measures/surveys/results/headline-by-year.csv", "results"),
        "answers": ("/measures/surveys/answers/", "results"),
        "document": (f"/measures/surveys/answers/{answer.pk}/document/", "results"),
    }


@pytest.mark.parametrize("role", SIGNED_IN_ROLES)
def test_staff_pages_are_for_staff_and_results_for_staff_the_board_and_the_commissioner(clients_by_role, answer, role):
    for name, (url, who) in _pages(answer).items():
        allowed = role in (STAFF if who == "staff" else RESULTS)
        status = clients_by_role[role].get(url).status_code
        assert status == (200 if allowed else 403), (name, role, status)


def test_the_public_is_asked_to_sign_in_for_every_staff_and_results_page(client, answer):
    for url, _who in _pages(answer).values():
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/sign-in/"), url


@pytest.mark.parametrize("role", ["public", "assessor", "organisation_member", "commissioner", "board_member"])
def test_only_staff_open_close_or_send(clients_by_role, role):
    survey = SurveyQuestionFactory(survey__status=SurveyStatus.DRAFT).survey
    client = clients_by_role[role]
    for url in (f"/measures/surveys/{survey.pk}/open/", f"/measures/surveys/{survey.pk}/send/"):
        assert client.post(url, {"reason": "Go", "groups": ["charities"]}).status_code in (302, 403)
    survey.refresh_from_db()
    assert survey.status == SurveyStatus.DRAFT and not survey.invitations.exists()


def test_a_refused_step_is_explained_on_the_survey_page(staff_client):
    survey = SurveyFactory(status=SurveyStatus.DRAFT)
    response = staff_client.post(f"/measures/surveys/{survey.pk}/open/", {"reason": "Ready"}, follow=True)
    assert "exactly one agree-or-disagree question as the headline" in response.content.decode()
    survey.refresh_from_db()
    assert survey.status == SurveyStatus.DRAFT


# ---- Responding ----------------------------------------------------------------------------------


@pytest.fixture
def invitation(db):
    invitation = SurveyInvitationFactory()
    SurveyQuestionFactory(survey=invitation.survey)
    return invitation


def test_the_private_link_opens_the_survey_without_signing_in(client, invitation):
    response = client.get(f"/measures/surveys/respond/{invitation.token}/")
    content = response.content.decode()
    assert response.status_code == 200
    assert invitation.organisation.name in content and content.count("<h1") == 1
    assert 'enctype="multipart/form-data"' in content


def test_without_the_token_there_is_no_survey(client, invitation):
    assert client.get("/measures/surveys/respond/x/").status_code == 404
    assert client.get(f"/measures/surveys/respond/{invitation.token[:-1]}/").status_code == 404


def test_a_closed_survey_says_so_plainly(client, invitation):
    Survey.objects.filter(pk=invitation.survey_id).update(status=SurveyStatus.CLOSED)
    response = client.get(f"/measures/surveys/respond/{invitation.token}/")
    assert response.status_code == 200
    assert "This survey has closed" in response.content.decode()
    assert "<form" not in response.content.decode().split("</header>")[-1].split("<footer")[0]
    response = client.post(f"/measures/surveys/respond/{invitation.token}/", {})
    assert "This survey has closed" in response.content.decode()


def test_bad_input_is_shown_in_the_error_summary(client, invitation):
    question = invitation.survey.questions.get()
    response = client.post(
        f"/measures/surveys/respond/{invitation.token}/",
        {
            f"question_{question.pk}": "",
            f"evidence_link_{question.pk}": "not a link",
            f"evidence_file_{question.pk}": SimpleUploadedFile("virus.exe", b"MZ"),
        },
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in content and "govuk-error-summary" in content
    assert f"Answer question {question.number}" in content
    assert f"Enter the link for question {question.number} as a full web address" in content
    assert "The selected file must be" in content
    assert not SurveyAnswer.objects.exists()


def test_a_second_response_through_the_same_link_is_refused(client, invitation):
    question = invitation.survey.questions.get()
    url = f"/measures/surveys/respond/{invitation.token}/"
    assert client.post(url, {f"question_{question.pk}": "Agree"}).status_code == 302
    response = client.post(url, {f"question_{question.pk}": "Disagree"})
    assert "Response received" in response.content.decode()
    assert SurveyAnswer.objects.get().text == "Agree"


# ---- Results, evidence and query counts --------------------------------------------------------------


def _answers(count: int, survey, question):
    for index in range(count):
        response = SurveyResponseFactory(invitation__survey=survey, invitation__group=SurveyGroup.values[index % 3])
        SurveyAnswerFactory(response=response, question=question, text="Agree", evidence_link="https://e.org/x")


def test_the_answers_list_reads_in_a_fixed_number_of_queries(staff_client, django_assert_max_num_queries):
    question = SurveyQuestionFactory()
    _answers(3, question.survey, question)
    with django_assert_max_num_queries(8):
        staff_client.get("/measures/surveys/answers/?year=2026&evidence=on")
    _answers(30, question.survey, question)
    with django_assert_max_num_queries(8):
        response = staff_client.get("/measures/surveys/answers/?year=2026&evidence=on")
    assert "33 answers" in response.content.decode()


def test_the_results_read_in_a_fixed_number_of_queries(staff_client, django_assert_max_num_queries):
    question = SurveyQuestionFactory()
    _answers(3, question.survey, question)
    with django_assert_max_num_queries(10):
        staff_client.get("/measures/surveys/results/")
    _answers(20, question.survey, question)
    with django_assert_max_num_queries(10):
        staff_client.get("/measures/surveys/results/")


def test_the_survey_list_reads_in_a_fixed_number_of_queries(staff_client, django_assert_max_num_queries):
    SurveyFactory()
    with django_assert_max_num_queries(7):
        staff_client.get("/measures/surveys/")
    SurveyFactory.create_batch(5)
    with django_assert_max_num_queries(7):
        staff_client.get("/measures/surveys/")


def test_the_evidence_document_downloads_for_those_who_see_the_results(commissioner_client, answer):
    response = commissioner_client.get(f"/measures/surveys/answers/{answer.pk}/document/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert "minutes.pdf" in response["Content-Disposition"]


def test_each_results_table_downloads_as_csv(staff_client):
    question = SurveyQuestionFactory()
    _answers(3, question.survey, question)
    rows = list(
        csv.reader(io.StringIO(staff_client.get("/measures/surveys/results/response-rates.csv").content.decode()))
    )
    assert rows[0] == ["Group", "Invited", "Responded", "Response rate"]
    assert rows[-1] == ["All groups", "3", "3", "100.0%"]
    question_csv = staff_client.get(f"/measures/surveys/results/question-{question.pk}.csv?year=2026")
    rows = list(csv.reader(io.StringIO(question_csv.content.decode())))
    assert rows[-1] == ["All groups", "3", "3", "100.0%", "43.8%", "100.0%"]
    assert staff_client.get("/measures/surveys/results/nothing.csv").status_code == 404


# ---- The whole journey ----------------------------------------------------------------------------------


def test_build_open_send_respond_close_and_read_the_share_and_its_interval(
    staff_client, django_capture_on_commit_callbacks
):
    charities = [OrganisationFactory(name=f"Charity {n}", email=f"c{n}@example.org") for n in range(3)]
    OrganisationFactory(name="Leeds City Council", kind=OrganisationKind.LOCAL_AUTHORITY, email="la@example.org")

    response = staff_client.post(
        "/measures/surveys/new/",
        {
            "title": "Working together",
            "year": "2026",
            "opens_on": "2026-01-05",
            "closes_on": "2099-12-31",  # open whenever the test runs
            "intro": "Tell us how it is.",
        },
    )
    survey = Survey.objects.get()
    assert response["Location"] == f"/measures/surveys/{survey.pk}/"
    staff_client.post(
        f"/measures/surveys/{survey.pk}/questions/add/",
        {"text": "The department and the sector work well together", "kind": "agree_scale", "is_headline": "on"},
    )
    staff_client.post(
        f"/measures/surveys/{survey.pk}/questions/add/",
        {"text": "What would help?", "kind": "free_text"},
    )
    staff_client.post(f"/measures/surveys/{survey.pk}/open/", {"reason": "Approved by the Partnership Board"})
    survey.refresh_from_db()
    assert survey.status == SurveyStatus.OPEN

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            f"/measures/surveys/{survey.pk}/send/", {"groups": ["charities", "local-authorities"]}, follow=True
        )
    assert "4 new invitations: the emails are being sent." in response.content.decode()
    assert len(mail.outbox) == 4
    assert "4 (4 emailed so far)" in staff_client.get(f"/measures/surveys/{survey.pk}/").content.decode()

    headline, free = survey.questions.order_by("number")
    for organisation, text in zip(charities, ["Strongly agree", "Agree", "Disagree"], strict=True):
        token = SurveyInvitation.objects.get(organisation=organisation).token
        link = f"/measures/surveys/respond/{token}/"
        assert link in next(message.body for message in mail.outbox if message.to == [organisation.email])
        data = {f"question_{headline.pk}": text, f"question_{free.pk}": "Pay in advance"}
        if text == "Agree":
            data |= {
                f"evidence_text_{headline.pk}": "Officers came to our AGM.",
                f"evidence_link_{headline.pk}": "https://example.org/agm",
                f"evidence_file_{headline.pk}": SimpleUploadedFile("agm.pdf", PDF),
            }
        response = Client().post(link, data)
        assert response.status_code == 302

    staff_client.post(f"/measures/surveys/{survey.pk}/close/", {"reason": "Closing date reached"})
    survey.refresh_from_db()
    assert survey.status == SurveyStatus.CLOSED

    content = staff_client.get("/measures/surveys/results/?year=2026").content.decode()
    # 2 of 3 charities agree: 66.7%, Wilson 95% interval 20.8% to 93.9%.
    assert "66.7%" in content and "20.8%" in content and "93.9%" in content
    assert "Response rate by group, 2026" in content and "75.0%" in content

    evidence = staff_client.get("/measures/surveys/answers/?year=2026&evidence=on").content.decode()
    assert "Officers came to our AGM." in evidence and "https://example.org/agm" in evidence and "agm.pdf" in evidence
