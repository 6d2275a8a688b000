"""The consultations API: published consultations, submitting a response, published outcomes."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from ..models import ConsultationResponse, ConsultationStatus, QuestionKind, ResponseStatus
from .factories import ConsultationFactory, QuestionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


def _published(**kwargs):
    consultation = ConsultationFactory(status=ConsultationStatus.PUBLISHED, **kwargs)
    QuestionFactory(consultation=consultation, number=1, text="Free", kind=QuestionKind.FREE_TEXT, required=True)
    QuestionFactory(
        consultation=consultation, number=2, text="Pick", kind=QuestionKind.SINGLE_CHOICE, options=["A", "B"]
    )
    return consultation


def test_the_list_shows_published_consultations_only(api):
    published = _published()
    ConsultationFactory()  # a draft
    body = api.get(reverse("compact_api:consultation-list")).json()
    assert [row["id"] for row in body["results"]] == [published.pk]
    assert body["results"][0]["is_open"] is True


def test_the_list_does_not_grow_queries_with_rows(api, django_assert_num_queries):
    _published()
    url = reverse("compact_api:consultation-list")
    with django_assert_num_queries(1):
        api.get(url)
    for _ in range(5):
        _published()
    with django_assert_num_queries(1):
        api.get(url)


def test_the_detail_has_the_questions_with_their_choices(api):
    consultation = _published()
    body = api.get(reverse("compact_api:consultation-detail", args=[consultation.pk])).json()
    assert [q["choices"] for q in body["questions"]] == [[], ["A", "B"]]


def test_a_draft_is_not_found(api):
    draft = ConsultationFactory()
    assert api.get(reverse("compact_api:consultation-detail", args=[draft.pk])).status_code == 404


def test_anyone_submits_a_response(api):
    consultation = _published()
    questions = list(consultation.questions.order_by("number"))
    response = api.post(
        reverse("compact_api:consultation-respond", args=[consultation.pk]),
        {
            "name": "Pat",
            "confidential": True,
            "answers": [
                {"question": questions[0].pk, "answer": "Yes please"},
                {"question": questions[1].pk, "answer": "B"},
            ],
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    saved = ConsultationResponse.objects.get()
    assert saved.status == ResponseStatus.SUBMITTED
    assert saved.confidential
    assert response.json()["reference"] == saved.reference


def test_an_answer_outside_the_choices_is_refused_and_nothing_is_kept(api):
    consultation = _published()
    questions = list(consultation.questions.order_by("number"))
    response = api.post(
        reverse("compact_api:consultation-respond", args=[consultation.pk]),
        {"answers": [{"question": questions[0].pk, "answer": "Yes"}, {"question": questions[1].pk, "answer": "C"}]},
        format="json",
    )
    assert response.status_code == 400
    assert "choose one" in response.json()["non_field_errors"][0]
    assert not ConsultationResponse.objects.exists()


def test_a_required_question_is_needed(api):
    consultation = _published()
    response = api.post(
        reverse("compact_api:consultation-respond", args=[consultation.pk]), {"answers": []}, format="json"
    )
    assert response.status_code == 400


def test_a_closed_consultation_takes_no_responses(api):
    consultation = _published(closes_on=timezone.localdate() - datetime.timedelta(days=1))
    response = api.post(
        reverse("compact_api:consultation-respond", args=[consultation.pk]), {"answers": []}, format="json"
    )
    assert response.status_code == 400
    assert "not open" in response.json()["non_field_errors"][0]


def test_outcomes_list_shows_published_outcomes_with_themes(api):
    consultation = _published(we_did="Three-year grants", outcome_published_on=timezone.localdate())
    consultation.status = ConsultationStatus.OUTCOME_PUBLISHED
    consultation.save()
    consultation.themes.create(name="Longer funding", count=0, quotes="Please\n\nMore")
    _published()
    body = api.get(reverse("compact_api:consultation-outcome-list")).json()
    assert [row["we_did"] for row in body["results"]] == ["Three-year grants"]
    assert body["results"][0]["themes"][0]["quotes"] == ["Please", "More"]


def test_the_schema_is_valid_with_the_consultation_endpoints(api):
    from openapi_spec_validator import validate

    schema = api.get("/api/v1/schema/", HTTP_ACCEPT="application/json").json()
    validate(schema)
    assert "/api/v1/compact/consultations/{id}/responses/" in schema["paths"]
