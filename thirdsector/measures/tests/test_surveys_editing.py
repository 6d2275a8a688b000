"""Changing a draft stakeholder survey: its details, and its questions changed, deleted and moved, by the
rules of building it; who may; and that an opened survey's questions stay as they were sent."""

import datetime

import pytest

from thirdsector.compact.models.consultations import QuestionKind

from ..models import Survey, SurveyQuestion, SurveyStatus
from ..services.surveys import SurveyError, delete_question, move_question, update_question, update_survey
from .factories import SurveyFactory, SurveyQuestionFactory

pytestmark = pytest.mark.django_db

STAFF = {"department_staff", "platform_admin"}
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
DETAILS = {
    "title": "Working together 2027",
    "year": 2027,
    "opens_on": datetime.date(2027, 2, 1),
    "closes_on": datetime.date(2027, 4, 30),
    "intro": "How well did we work together this year?",
}


@pytest.fixture
def draft(db):
    """A draft with its headline question (1), a choice question (2) and a free-text question (3)."""
    survey = SurveyFactory(status=SurveyStatus.DRAFT, title="Working together 2026")
    SurveyQuestionFactory(survey=survey, number=1, text="We work well together")
    SurveyQuestionFactory(
        survey=survey, number=2, text="Which helped?", kind=QuestionKind.MULTIPLE_CHOICE, options=["Grants", "Advice"],
        required=False, is_headline=False,
    )  # fmt: skip
    SurveyQuestionFactory(
        survey=survey, number=3, text="What would help?", kind=QuestionKind.FREE_TEXT, required=False, is_headline=False
    )
    return survey


def _question(survey: Survey, number: int) -> SurveyQuestion:
    return survey.questions.get(number=number)


def _texts(survey: Survey) -> list[tuple[int, str]]:
    return list(survey.questions.order_by("number").values_list("number", "text"))


def _change(question: SurveyQuestion, by, **fields) -> SurveyQuestion:
    """`update_question` with the question's own values, except those given."""
    values = {
        "text": question.text, "hint": question.hint, "kind": question.kind, "options": question.options,
        "required": question.required, "is_headline": question.is_headline,
    }  # fmt: skip
    return update_question(question=question, by=by, **(values | fields))


# ---- The survey's details ----------------------------------------------------------------------------


def test_staff_change_a_draft_surveys_details_and_the_history_says_who(draft, staff_user):
    update_survey(survey=draft, by=staff_user, **DETAILS)
    draft.refresh_from_db()
    assert (draft.title, draft.year, draft.opens_on, draft.closes_on, draft.intro) == tuple(DETAILS.values())
    entry = draft.history.latest()
    assert (entry.history_user, entry.history_change_reason) == (staff_user, "Survey details changed")


def test_the_closing_date_must_still_be_after_the_opening_date(draft, staff_user):
    for closes_on in (DETAILS["opens_on"], DETAILS["opens_on"] - datetime.timedelta(days=1)):
        with pytest.raises(SurveyError, match="closing date must be after the opening date") as refused:
            update_survey(survey=draft, by=staff_user, **(DETAILS | {"closes_on": closes_on}))
        assert refused.value.field == "closes_on"
    draft.refresh_from_db()
    assert draft.title == "Working together 2026"


@pytest.mark.parametrize("status", [SurveyStatus.OPEN, SurveyStatus.CLOSED])
def test_an_opened_surveys_details_cannot_change(staff_user, status):
    survey = SurveyFactory(status=status)
    with pytest.raises(SurveyError, match="has been opened, so its details can no longer change"):
        update_survey(survey=survey, by=staff_user, **DETAILS)
    survey.refresh_from_db()
    assert survey.year == 2026


def test_only_staff_change_a_survey(draft, assessor_user, commissioner_user):
    question = _question(draft, 3)
    for person in (assessor_user, commissioner_user, None):
        with pytest.raises(SurveyError, match="Only department staff"):
            update_survey(survey=draft, by=person, **DETAILS)
        with pytest.raises(SurveyError, match="Only department staff"):
            _change(question, person, text="Changed")
        with pytest.raises(SurveyError, match="Only department staff"):
            delete_question(question=question, by=person)
        with pytest.raises(SurveyError, match="Only department staff"):
            move_question(question=question, by=person, direction="up")
    assert _texts(draft) == [(1, "We work well together"), (2, "Which helped?"), (3, "What would help?")]


# ---- Changing a question --------------------------------------------------------------------------------


def test_staff_change_a_question_and_it_keeps_its_number(draft, staff_user):
    question = _change(
        _question(draft, 3), staff_user, text="Which should come first?", hint="Choose one",
        kind=QuestionKind.SINGLE_CHOICE, options=[" Grants ", "Training", ""], required=True,
    )  # fmt: skip
    question.refresh_from_db()
    assert (question.number, question.text, question.hint) == (3, "Which should come first?", "Choose one")
    assert (question.kind, question.options, question.required) == ("single_choice", ["Grants", "Training"], True)
    entry = question.history.latest()
    assert (entry.history_user, entry.history_change_reason) == (staff_user, "Question changed")


def test_a_changed_choice_question_needs_two_different_options(draft, staff_user):
    question = _question(draft, 2)
    with pytest.raises(SurveyError, match="at least two options") as refused:
        _change(question, staff_user, options=["Grants"])
    assert refused.value.field == "options_text"
    with pytest.raises(SurveyError, match="Each option must be different"):
        _change(question, staff_user, options=["Grants", "Grants"])
    question.refresh_from_db()
    assert question.options == ["Grants", "Advice"]


def test_a_question_changed_to_free_text_drops_its_options(draft, staff_user):
    question = _change(_question(draft, 2), staff_user, kind=QuestionKind.FREE_TEXT)
    question.refresh_from_db()
    assert question.options == []


def test_the_headline_question_cannot_change_to_another_kind(draft, staff_user):
    with pytest.raises(SurveyError, match="headline question must be an agree-or-disagree question") as refused:
        _change(_question(draft, 1), staff_user, kind=QuestionKind.FREE_TEXT)
    assert refused.value.field == "kind"
    assert _question(draft, 1).kind == QuestionKind.AGREE_SCALE


def test_a_second_question_cannot_become_the_headline(draft, staff_user):
    second = _change(_question(draft, 3), staff_user, kind=QuestionKind.AGREE_SCALE)
    with pytest.raises(SurveyError, match="already has its headline question") as refused:
        _change(second, staff_user, is_headline=True)
    assert refused.value.field == "is_headline"
    assert list(draft.questions.filter(is_headline=True).values_list("number", flat=True)) == [1]


def test_the_headline_can_pass_to_another_question_once_the_first_gives_it_up(draft, staff_user):
    _change(_question(draft, 1), staff_user, text="Still the headline")  # keeping its own flag is no second one
    _change(_question(draft, 1), staff_user, is_headline=False)
    headline = _change(_question(draft, 3), staff_user, kind=QuestionKind.AGREE_SCALE, is_headline=True)
    assert headline.is_headline and headline.required  # the headline always needs an answer
    assert list(draft.questions.filter(is_headline=True).values_list("number", flat=True)) == [3]


@pytest.mark.parametrize("status", [SurveyStatus.OPEN, SurveyStatus.CLOSED])
def test_an_opened_surveys_questions_cannot_change_be_deleted_or_moved(staff_user, status):
    survey = SurveyFactory(status=status)
    first = SurveyQuestionFactory(survey=survey, number=1)
    second = SurveyQuestionFactory(survey=survey, number=2, text="Second", is_headline=False)
    refused = "has been opened, so its questions can no longer change"
    with pytest.raises(SurveyError, match=refused):
        _change(first, staff_user, text="Changed")
    with pytest.raises(SurveyError, match=refused):
        delete_question(question=first, by=staff_user)
    with pytest.raises(SurveyError, match=refused):
        move_question(question=second, by=staff_user, direction="up")
    assert _texts(survey) == [(1, "The department and the sector work well together"), (2, "Second")]


def test_a_survey_opened_after_its_page_was_read_is_refused(draft, staff_user):
    """The rule is checked against the survey as saved, not as the caller last read it."""
    question = _question(draft, 3)
    Survey.objects.filter(pk=draft.pk).update(status=SurveyStatus.OPEN)
    with pytest.raises(SurveyError, match="can no longer change"):
        _change(question, staff_user, text="Changed")
    with pytest.raises(SurveyError, match="can no longer change"):
        update_survey(survey=draft, by=staff_user, **DETAILS)


# ---- Deleting and moving -----------------------------------------------------------------------------


def test_deleting_a_question_moves_the_later_ones_up(draft, staff_user):
    SurveyQuestionFactory(survey=draft, number=4, text="Anything else?", kind="free_text", is_headline=False)
    deleted = _question(draft, 2)
    delete_question(question=deleted, by=staff_user)
    assert _texts(draft) == [(1, "We work well together"), (2, "What would help?"), (3, "Anything else?")]
    gone = SurveyQuestion.history.filter(id=deleted.pk, history_type="-").get()
    assert (gone.history_user, gone.history_change_reason) == (staff_user, "Question deleted")
    moved = _question(draft, 2).history.latest()
    assert (moved.history_user, moved.history_change_reason) == (staff_user, "Renumbered: question 2 was deleted")


def test_deleting_the_last_question_leaves_the_others_as_they_were(draft, staff_user):
    delete_question(question=_question(draft, 3), by=staff_user)
    assert _texts(draft) == [(1, "We work well together"), (2, "Which helped?")]


def test_a_question_already_deleted_is_not_deleted_again(draft, staff_user):
    question = _question(draft, 1)
    delete_question(question=question, by=staff_user)
    with pytest.raises(SurveyError, match="This question has been deleted"):
        delete_question(question=question, by=staff_user)
    assert _texts(draft) == [(1, "Which helped?"), (2, "What would help?")]


def test_moving_a_question_up_swaps_it_with_the_one_before(draft, staff_user):
    moved = move_question(question=_question(draft, 3), by=staff_user, direction="up")
    assert moved.number == 2
    assert _texts(draft) == [(1, "We work well together"), (2, "What would help?"), (3, "Which helped?")]
    entry = moved.history.latest()
    assert (entry.history_user, entry.history_change_reason, entry.number) == (staff_user, "Question 3 moved up", 2)


def test_moving_a_question_down_swaps_it_with_the_one_after(draft, staff_user):
    move_question(question=_question(draft, 1), by=staff_user, direction="down")
    assert _texts(draft) == [(1, "Which helped?"), (2, "We work well together"), (3, "What would help?")]


def test_the_first_question_cannot_move_up_nor_the_last_down(draft, staff_user):
    with pytest.raises(SurveyError, match="Question 1 is already the first question"):
        move_question(question=_question(draft, 1), by=staff_user, direction="up")
    with pytest.raises(SurveyError, match="Question 3 is already the last question"):
        move_question(question=_question(draft, 3), by=staff_user, direction="down")
    assert _texts(draft) == [(1, "We work well together"), (2, "Which helped?"), (3, "What would help?")]


# ---- Through the pages ---------------------------------------------------------------------------------


def _pages(survey: Survey) -> dict[str, str]:
    question = _question(survey, 2)
    return {
        "details": f"/measures/surveys/{survey.pk}/edit/",
        "question": f"/measures/surveys/{survey.pk}/questions/{question.pk}/edit/",
        "delete": f"/measures/surveys/{survey.pk}/questions/{question.pk}/delete/",
    }


@pytest.mark.parametrize("role", SIGNED_IN_ROLES)
def test_the_editing_pages_are_for_staff_only(clients_by_role, draft, role):
    for name, url in _pages(draft).items():
        status = clients_by_role[role].get(url).status_code
        assert status == (200 if role in STAFF else 403), (name, role, status)


@pytest.mark.parametrize("role", sorted(set(SIGNED_IN_ROLES) - STAFF))
def test_other_roles_change_nothing(clients_by_role, draft, role):
    client, question = clients_by_role[role], _question(draft, 2)
    base = f"/measures/surveys/{draft.pk}"
    assert client.post(f"{base}/edit/", {**DETAILS, "title": "Taken over"}).status_code == 403
    assert client.post(f"{base}/questions/{question.pk}/edit/", {"text": "x", "kind": "free_text"}).status_code == 403
    assert client.post(f"{base}/questions/{question.pk}/delete/").status_code == 403
    assert client.post(f"{base}/questions/{question.pk}/move/up/").status_code == 403
    draft.refresh_from_db()
    assert draft.title == "Working together 2026"
    assert _texts(draft) == [(1, "We work well together"), (2, "Which helped?"), (3, "What would help?")]


def test_the_public_is_asked_to_sign_in(client, draft):
    question = _question(draft, 2)
    urls = [*_pages(draft).values(), f"/measures/surveys/{draft.pk}/questions/{question.pk}/move/up/"]
    for url in urls:
        response = client.post(url) if url.endswith("/up/") else client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/sign-in/"), url
    assert _question(draft, 2).pk == question.pk


def test_a_question_is_reached_only_through_its_own_survey(staff_client, draft):
    elsewhere = SurveyFactory(status=SurveyStatus.DRAFT)
    question = _question(draft, 2)
    base = f"/measures/surveys/{elsewhere.pk}/questions/{question.pk}"
    assert staff_client.get(f"{base}/edit/").status_code == 404
    assert staff_client.get(f"{base}/delete/").status_code == 404
    assert staff_client.post(f"{base}/delete/").status_code == 404
    assert staff_client.post(f"{base}/move/up/").status_code == 404
    assert _texts(draft)[1] == (2, "Which helped?")


def test_moving_is_by_post_only_and_up_or_down(staff_client, draft):
    base = f"/measures/surveys/{draft.pk}/questions/{_question(draft, 2).pk}/move"
    assert staff_client.get(f"{base}/up/").status_code == 405
    assert staff_client.post(f"{base}/sideways/").status_code == 404
    assert _texts(draft)[1] == (2, "Which helped?")


def test_deleting_asks_first_and_deletes_only_when_confirmed(staff_client, draft):
    url = f"/measures/surveys/{draft.pk}/questions/{_question(draft, 1).pk}/delete/"
    content = staff_client.get(url).content.decode()
    assert "Delete question 1?" in content and content.count("<h1") == 1
    assert "It is the headline question" in content and 'method="post"' in content
    assert draft.questions.count() == 3
    response = staff_client.post(url, follow=True)
    assert "Question 1 deleted; the questions after it moved up" in response.content.decode()
    assert _texts(draft) == [(1, "Which helped?"), (2, "What would help?")]


def test_the_details_form_shows_bad_dates_in_the_error_summary(staff_client, draft):
    data = DETAILS | {"closes_on": "2027-01-01", "opens_on": "2027-02-01"}
    response = staff_client.post(f"/measures/surveys/{draft.pk}/edit/", data)
    content = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in content and "govuk-error-summary" in content
    assert "The closing date must be after the opening date." in content
    draft.refresh_from_db()
    assert draft.title == "Working together 2026"


def test_the_question_form_shows_its_options_and_refuses_a_second_headline(staff_client, draft):
    question = _question(draft, 2)
    url = f"/measures/surveys/{draft.pk}/questions/{question.pk}/edit/"
    content = staff_client.get(url).content.decode()
    assert "Change question 2" in content and "Grants\nAdvice</textarea>" in content
    response = staff_client.post(url, {"text": "Agreed?", "kind": "agree_scale", "is_headline": "on"})
    content = response.content.decode()
    assert "<title>Error: " in content and "govuk-error-summary" in content
    assert "This survey already has its headline question." in content
    question.refresh_from_db()
    assert (question.text, question.is_headline) == ("Which helped?", False)


@pytest.mark.parametrize("status", [SurveyStatus.OPEN, SurveyStatus.CLOSED])
def test_an_opened_survey_offers_no_changes_and_refuses_them_with_the_reason(staff_client, status):
    survey = SurveyFactory(status=status, title="Sent already")
    first = SurveyQuestionFactory(survey=survey, number=1)
    second = SurveyQuestionFactory(survey=survey, number=2, text="Second", is_headline=False)
    page = staff_client.get(f"/measures/surveys/{survey.pk}/").content.decode()
    assert "/edit/" not in page and "/delete/" not in page and "/move/" not in page

    base = f"/measures/surveys/{survey.pk}"
    for url in (f"{base}/questions/{first.pk}/edit/", f"{base}/questions/{first.pk}/delete/"):
        response = staff_client.get(url, follow=True)
        assert response.redirect_chain == [(f"{base}/", 302)]
        assert "This survey has been opened, so its questions can no longer change." in response.content.decode()
    response = staff_client.get(f"{base}/edit/", follow=True)
    assert "This survey has been opened, so its details can no longer change." in response.content.decode()

    staff_client.post(f"{base}/edit/", {**DETAILS, "title": "Changed"})
    staff_client.post(f"{base}/questions/{first.pk}/edit/", {"text": "Changed", "kind": "agree_scale"})
    staff_client.post(f"{base}/questions/{first.pk}/delete/")
    response = staff_client.post(f"{base}/questions/{second.pk}/move/up/", follow=True)
    assert "its questions can no longer change" in response.content.decode()
    survey.refresh_from_db()
    assert survey.title == "Sent already"
    assert _texts(survey) == [(1, "The department and the sector work well together"), (2, "Second")]


def test_the_draft_page_reads_in_a_fixed_number_of_queries(staff_client, draft, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        staff_client.get(f"/measures/surveys/{draft.pk}/")
    SurveyQuestionFactory.create_batch(10, survey=draft, kind="free_text", is_headline=False)
    with django_assert_max_num_queries(8):
        content = staff_client.get(f"/measures/surveys/{draft.pk}/").content.decode()
    assert content.count("Move up<span") == 12 and content.count("Move down<span") == 12


def test_build_then_change_reorder_and_trim_a_draft_before_opening_it(staff_client):
    staff_client.post("/measures/surveys/new/", {**DETAILS, "title": "Draft title", "year": "2026"})
    survey = Survey.objects.get()
    base = f"/measures/surveys/{survey.pk}"
    added = [("Which helped?", "free_text"), ("We work well together", "agree_scale"), ("Spare", "free_text")]
    for text, kind in added:
        staff_client.post(f"{base}/questions/add/", {"text": text, "kind": kind})

    page = staff_client.get(f"{base}/").content.decode()
    assert f'href="{base}/edit/"' in page and "Move up<span" in page and "Delete<span" in page

    response = staff_client.post(f"{base}/edit/", {**DETAILS, "year": "2027"}, follow=True)
    assert "Survey details saved" in response.content.decode()
    headline = _question(survey, 2)
    staff_client.post(
        f"{base}/questions/{headline.pk}/edit/",
        {"text": "The department and the sector work well together", "kind": "agree_scale", "is_headline": "on"},
    )
    response = staff_client.post(f"{base}/questions/{headline.pk}/move/up/", follow=True)
    assert "Question 2 moved up: it is now question 1" in response.content.decode()
    staff_client.post(f"{base}/questions/{_question(survey, 3).pk}/delete/")
    response = staff_client.post(f"{base}/questions/{_question(survey, 2).pk}/move/down/", follow=True)
    assert "Question 2 is already the last question." in response.content.decode()

    response = staff_client.post(f"{base}/open/", {"reason": "Approved by the Partnership Board"}, follow=True)
    survey.refresh_from_db()
    assert (survey.status, survey.title, survey.year) == (SurveyStatus.OPEN, DETAILS["title"], 2027)
    assert _texts(survey) == [(1, "The department and the sector work well together"), (2, "Which helped?")]
    assert survey.questions.get(number=1).is_headline and survey.questions.get(number=1).required
    assert "/move/" not in response.content.decode()
