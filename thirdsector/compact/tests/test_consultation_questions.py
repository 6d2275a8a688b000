"""Changing a consultation's questions: staff change, delete and reorder them while it is a draft; once it
is published they stay as people answer them. Each change is in the question's history with its reason."""

import pytest
from django.urls import reverse

from thirdsector.conftest import ALL_ROLES, STAFF_ROLES

from ..models import ConsultationStatus, Question, QuestionKind
from ..services.consultations import (
    ConsultationError,
    add_question,
    delete_question,
    move_question,
    update_question,
)
from .factories import ConsultationFactory, QuestionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft():
    consultation = ConsultationFactory(title="Volunteering strategy")
    for number, text in enumerate(("Do you agree?", "Which helps most?", "What else?"), start=1):
        QuestionFactory(consultation=consultation, number=number, text=text)
    return consultation


@pytest.fixture
def published(draft):
    draft.status = ConsultationStatus.PUBLISHED
    draft.save()
    return draft


def _question(consultation, number: int) -> Question:
    return consultation.questions.get(number=number)


def _texts(consultation) -> list[tuple[int, str]]:
    return list(consultation.questions.order_by("number").values_list("number", "text"))


def _change(question, by, **changes):
    fields = {"text": question.text, "kind": question.kind, "options": question.options, "hint": question.hint}
    return update_question(question=question, by=by, **{**fields, **changes})


def _edit_url(question) -> str:
    return reverse("compact:consultation-question-edit", args=[question.consultation_id, question.pk])


# ---- The rules --------------------------------------------------------------------------------------


def test_staff_change_a_draft_question_and_it_keeps_its_number(draft, staff_user):
    question = _change(
        _question(draft, 2), staff_user, text="Which should come first?", hint="Choose one",
        kind=QuestionKind.SINGLE_CHOICE, options=[" Grants ", "Training", ""], required=True,
    )  # fmt: skip
    question.refresh_from_db()
    assert (question.number, question.text, question.hint) == (2, "Which should come first?", "Choose one")
    assert (question.kind, question.options, question.required) == ("single_choice", ["Grants", "Training"], True)


def test_a_changed_question_is_in_its_history_with_who_and_why(draft, staff_user):
    question = _change(_question(draft, 1), staff_user, text="Do you agree with the strategy?")
    entry = question.history.latest()
    assert (entry.history_user, entry.history_change_reason) == (staff_user, "Question changed")
    assert entry.text == "Do you agree with the strategy?"
    assert entry.prev_record.text == "Do you agree?"


def test_a_changed_choice_question_needs_two_different_options(draft, staff_user):
    question = _question(draft, 2)
    with pytest.raises(ConsultationError, match="at least two options") as refused:
        _change(question, staff_user, kind=QuestionKind.MULTIPLE_CHOICE, options=["Grants"])
    assert refused.value.field == "options_text"
    with pytest.raises(ConsultationError, match="must be different"):
        _change(question, staff_user, kind=QuestionKind.MULTIPLE_CHOICE, options=["Grants", "Grants"])
    question.refresh_from_db()
    assert (question.kind, question.options) == ("free_text", [])


def test_a_question_changed_away_from_choices_drops_its_options(draft, staff_user):
    question = _change(_question(draft, 2), staff_user, kind=QuestionKind.SINGLE_CHOICE, options=["Yes", "No"])
    question = _change(question, staff_user, kind=QuestionKind.FREE_TEXT, options=["Yes", "No"])
    question.refresh_from_db()
    assert question.options == []


@pytest.mark.parametrize("status", [s for s in ConsultationStatus if s != ConsultationStatus.DRAFT])
def test_once_published_a_question_cannot_change_be_deleted_or_moved(draft, staff_user, status):
    draft.status = status
    draft.save()
    question = _question(draft, 2)
    for attempt in (
        lambda: _change(question, staff_user, text="Changed"),
        lambda: delete_question(question=question, by=staff_user),
        lambda: move_question(question=question, by=staff_user, direction="up"),
        lambda: add_question(consultation=draft, by=staff_user, text="New?", kind=QuestionKind.FREE_TEXT),
    ):
        with pytest.raises(ConsultationError, match="people answer the questions as they were published"):
            attempt()
    assert _texts(draft) == [(1, "Do you agree?"), (2, "Which helps most?"), (3, "What else?")]


def test_only_staff_change_questions(draft, assessor_user, commissioner_user):
    question = _question(draft, 2)
    for person in (assessor_user, commissioner_user, None):
        with pytest.raises(ConsultationError, match="Only department staff"):
            _change(question, person, text="Changed")
        with pytest.raises(ConsultationError, match="Only department staff"):
            delete_question(question=question, by=person)
        with pytest.raises(ConsultationError, match="Only department staff"):
            move_question(question=question, by=person, direction="up")
    assert _texts(draft) == [(1, "Do you agree?"), (2, "Which helps most?"), (3, "What else?")]


def test_deleting_a_question_moves_the_later_ones_up_and_records_why(draft, staff_user):
    gone = _question(draft, 1)
    delete_question(question=gone, by=staff_user)
    assert _texts(draft) == [(1, "Which helps most?"), (2, "What else?")]
    deleted = Question.history.filter(id=gone.pk).latest()
    assert (deleted.history_type, deleted.history_user, deleted.history_change_reason) == (
        "-",
        staff_user,
        "Question deleted",
    )
    moved = _question(draft, 2).history.latest()
    assert moved.history_change_reason == "Renumbered: question 1 was deleted"


def test_a_question_moves_up_and_down_and_not_past_the_ends(draft, staff_user):
    moved = move_question(question=_question(draft, 3), by=staff_user, direction="up")
    assert moved.number == 2
    assert _texts(draft) == [(1, "Do you agree?"), (2, "What else?"), (3, "Which helps most?")]
    assert moved.history.latest().history_change_reason == "Question 3 moved up"
    move_question(question=_question(draft, 1), by=staff_user, direction="down")
    assert _texts(draft) == [(1, "What else?"), (2, "Do you agree?"), (3, "Which helps most?")]
    with pytest.raises(ConsultationError, match="already the first"):
        move_question(question=_question(draft, 1), by=staff_user, direction="up")
    with pytest.raises(ConsultationError, match="already the last"):
        move_question(question=_question(draft, 3), by=staff_user, direction="down")


def test_a_question_deleted_meanwhile_is_refused(draft, staff_user):
    question = _question(draft, 2)
    Question.objects.filter(pk=question.pk).delete()
    with pytest.raises(ConsultationError, match="has been deleted"):
        _change(question, staff_user, text="Changed")


# ---- The pages --------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ALL_ROLES)
def test_only_staff_open_the_change_and_delete_pages(clients_by_role, role, draft):
    question = _question(draft, 2)
    for url in (
        _edit_url(question),
        reverse("compact:consultation-question-delete", args=[draft.pk, question.pk]),
    ):
        response = clients_by_role[role].get(url)
        if role in STAFF_ROLES:
            assert response.status_code == 200
        else:
            assert response.status_code == (302 if role == "public" else 403)


@pytest.mark.parametrize("role", [role for role in ALL_ROLES if role not in STAFF_ROLES and role != "public"])
def test_other_roles_are_refused_changing_deleting_or_moving(clients_by_role, role, draft):
    question = _question(draft, 2)
    client = clients_by_role[role]
    assert client.post(_edit_url(question), {"text": "Changed", "kind": "free_text"}).status_code == 403
    assert client.post(reverse("compact:consultation-question-delete", args=[draft.pk, question.pk])).status_code == 403
    move = reverse("compact:consultation-question-move", args=[draft.pk, question.pk, "up"])
    assert client.post(move).status_code == 403
    assert _texts(draft) == [(1, "Do you agree?"), (2, "Which helps most?"), (3, "What else?")]


def test_the_change_page_shows_the_question_as_it_is(staff_client, draft, staff_user):
    question = _change(_question(draft, 2), staff_user, kind=QuestionKind.SINGLE_CHOICE, options=["Grants", "Training"])
    page = staff_client.get(_edit_url(question))
    html = page.content.decode()
    assert '<h1 class="govuk-heading-l">Change question 2</h1>' in html
    assert "Which helps most?" in html
    assert "Grants\nTraining" in html


def test_staff_change_a_question_through_the_page(staff_client, staff_user, draft):
    question = _question(draft, 2)
    response = staff_client.post(
        _edit_url(question),
        {"text": "Which helps most now?", "hint": "One only", "kind": "single_choice", "options_text": "Grants\nLoans"},
    )
    assert response.status_code == 302
    assert response.url == reverse("compact:consultation-manage", args=[draft.pk])
    question.refresh_from_db()
    assert (question.text, question.hint, question.options) == (
        "Which helps most now?",
        "One only",
        ["Grants", "Loans"],
    )
    entry = question.history.latest()
    assert (entry.history_user, entry.history_change_reason) == (staff_user, "Question changed")


def test_an_empty_question_shows_the_field_error_in_the_summary(staff_client, draft):
    question = _question(draft, 2)
    response = staff_client.post(_edit_url(question), {"text": "", "kind": "free_text"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert response.context["form"].errors["text"]
    assert html.count("<h1") == 1 and "<title>Error: " in html
    question.refresh_from_db()
    assert question.text == "Which helps most?"


def test_a_choice_question_without_options_shows_the_error_by_the_options(staff_client, draft):
    question = _question(draft, 2)
    response = staff_client.post(
        _edit_url(question), {"text": "Which?", "kind": "single_choice", "options_text": "One"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["options_text"] == [
        "A choice question needs at least two options, one per line."
    ]
    assert 'href="#id_options_text"' in response.content.decode()


def test_once_published_the_change_page_refuses_and_says_why(staff_client, published):
    question = _question(published, 2)
    for response in (
        staff_client.get(_edit_url(question), follow=True),
        staff_client.post(_edit_url(question), {"text": "Changed", "kind": "free_text"}, follow=True),
        staff_client.post(
            reverse("compact:consultation-question-delete", args=[published.pk, question.pk]), follow=True
        ),
    ):
        assert response.redirect_chain[-1][0] == reverse("compact:consultation-manage", args=[published.pk])
        assert "people answer the questions as they were published" in response.content.decode()
    moved = staff_client.post(
        reverse("compact:consultation-question-move", args=[published.pk, question.pk, "up"]), follow=True
    )
    assert "people answer the questions as they were published" in moved.content.decode()
    assert _texts(published) == [(1, "Do you agree?"), (2, "Which helps most?"), (3, "What else?")]


def test_staff_delete_a_question_after_confirming(staff_client, draft):
    question = _question(draft, 1)
    url = reverse("compact:consultation-question-delete", args=[draft.pk, question.pk])
    assert "Delete question 1?" in staff_client.get(url).content.decode()
    assert draft.questions.count() == 3
    response = staff_client.post(url)
    assert response.status_code == 302
    assert _texts(draft) == [(1, "Which helps most?"), (2, "What else?")]


def test_staff_move_a_question_through_the_page(staff_client, draft):
    question = _question(draft, 3)
    response = staff_client.post(reverse("compact:consultation-question-move", args=[draft.pk, question.pk, "up"]))
    assert response.status_code == 302
    assert _texts(draft) == [(1, "Do you agree?"), (2, "What else?"), (3, "Which helps most?")]
    assert (
        staff_client.get(reverse("compact:consultation-question-move", args=[draft.pk, question.pk, "up"])).status_code
        == 405
    )
    assert (
        staff_client.post(
            reverse("compact:consultation-question-move", args=[draft.pk, question.pk, "sideways"])
        ).status_code
        == 404
    )


def test_a_question_of_another_consultation_is_404(staff_client, draft):
    other = QuestionFactory(consultation=ConsultationFactory())
    assert staff_client.get(reverse("compact:consultation-question-edit", args=[draft.pk, other.pk])).status_code == 404


def test_the_consultation_page_offers_change_links_only_while_a_draft(staff_client, commissioner_client, draft):
    question = _question(draft, 2)
    page = reverse("compact:consultation-manage", args=[draft.pk])
    html = staff_client.get(page).content.decode()
    assert _edit_url(question) in html
    assert 'Change<span class="govuk-visually-hidden"> question 2</span>' in html
    assert reverse("compact:consultation-question-delete", args=[draft.pk, question.pk]) in html
    assert _edit_url(question) not in commissioner_client.get(page).content.decode()
    draft.status = ConsultationStatus.PUBLISHED
    draft.save()
    html = staff_client.get(page).content.decode()
    assert _edit_url(question) not in html
    assert "The questions can no longer change" in html
