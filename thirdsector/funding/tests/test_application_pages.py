"""The application journey's pages: start, questions, documents, check answers, declaration, the
application's own page, and who may see each."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from thirdsector.accounts.roles import MembershipRole
from thirdsector.accounts.tests.factories import MembershipFactory, UserFactory
from thirdsector.conftest import ALL_ROLES, STAFF_ROLES, signed_in_client
from thirdsector.register.tests.factories import OrganisationFactory

from ..models import Application, ApplicationMessage
from ..services.applications import add_document
from .factories import ApplicationFactory, AwardFactory, RoundFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def draft(open_round, organisation, member_user):
    return ApplicationFactory(round=open_round, organisation=organisation, created_by=member_user)


@pytest.fixture
def viewer_client(viewer_user):
    return signed_in_client(viewer_user)


def url(name, application, *args):
    return reverse(f"funding:{name}", args=[application.reference, *args])


def question_url(application, slug):
    return url("application-question", application, slug)


# --- The start page ------------------------------------------------------------------------------------


def test_an_eligible_member_sees_start_now(member_client, open_round):
    response = member_client.get(reverse("funding:apply", args=[open_round.pk]))
    assert response.status_code == 200
    assert "Start now" in response.content.decode()


def test_an_ineligible_organisation_sees_the_reasons_as_a_list(member_client, open_round, programme):
    programme.eligibility.maximum_income = Decimal("20000")
    programme.eligibility.save()

    html = member_client.get(reverse("funding:apply", args=[open_round.pk])).content.decode()

    assert "Start now" not in html
    assert "Your annual income of £25,000 is not under this programme&#x27;s limit of £20,000." in html


def test_start_now_makes_a_draft_and_opens_its_task_list(member_client, open_round, organisation):
    response = member_client.post(reverse("funding:apply", args=[open_round.pk]), {"organisation": organisation.pk})

    application = Application.objects.get()
    assert application.organisation == organisation
    assert response.status_code == 302
    assert response.url == url("application-tasks", application)


def test_a_refused_start_shows_in_the_error_summary(member_client, open_round, organisation, draft):
    response = member_client.post(reverse("funding:apply", args=[open_round.pk]), {"organisation": organisation.pk})

    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "already has an application in this round" in html
    assert Application.objects.count() == 1


def test_someone_who_edits_several_organisations_chooses_one_first(member_user, member_client, open_round):
    second = MembershipFactory(user=member_user, role=MembershipRole.ADMINISTRATOR).organisation
    page = reverse("funding:apply", args=[open_round.pk])

    chooser = member_client.get(page).content.decode()
    chosen = member_client.get(page, {"organisation": second.pk}).content.decode()

    assert "Which organisation are you applying for?" in chooser
    assert "Start now" not in chooser
    assert "Start now" in chosen
    assert f'value="{second.pk}"' in chosen


def test_a_member_cannot_start_for_an_organisation_they_do_not_edit(member_client, open_round, other_organisation):
    member_client.post(reverse("funding:apply", args=[open_round.pk]), {"organisation": other_organisation.pk})
    assert not Application.objects.exists()


def test_a_viewer_is_told_they_need_to_edit_an_organisation(viewer_client, open_round):
    html = viewer_client.get(reverse("funding:apply", args=[open_round.pk])).content.decode()
    assert "administrator or editor" in html
    assert "Start now" not in html


def test_the_public_is_asked_to_sign_in_to_apply(client, open_round):
    response = client.get(reverse("funding:apply", args=[open_round.pk]))
    assert response.status_code == 302
    assert "sign-in" in response.url or "login" in response.url


def test_an_unpublished_round_has_no_start_page_for_applicants(member_client, programme):
    hidden = RoundFactory(programme=programme, is_published=False)
    assert member_client.get(reverse("funding:apply", args=[hidden.pk])).status_code == 404


# --- Questions: save and return ------------------------------------------------------------------------


def test_each_answer_is_saved_as_it_is_given_and_the_journey_moves_on(member_client, open_round, organisation):
    member_client.post(reverse("funding:apply", args=[open_round.pk]), {"organisation": organisation.pk})
    application = Application.objects.get()

    response = member_client.post(question_url(application, "title"), {"project_title": "Policy network"})

    application.refresh_from_db()
    assert application.project_title == "Policy network"
    assert response.url == question_url(application, "summary")


def test_save_and_come_back_later_returns_to_the_task_list(member_client, draft):
    response = member_client.post(question_url(draft, "need"), {"need": "Nobody else does it", "later": "1"})
    assert response.url == url("application-tasks", draft)
    draft.refresh_from_db()
    assert draft.need == "Nobody else does it"


def test_the_task_list_shows_what_is_done(member_client, organisation, open_round, member_user):
    application = ApplicationFactory(
        round=open_round, organisation=organisation, created_by=member_user, need="", outcomes=""
    )
    html = member_client.get(url("application-tasks", application)).content.decode()
    assert "You have completed 5 of 8 sections" in html
    assert "Cannot start yet" in html


def test_a_draft_is_listed_in_the_portal_to_come_back_to(member_client, draft):
    html = member_client.get(reverse("funding:portal")).content.decode()
    assert draft.reference in html
    assert url("application-tasks", draft) in html


def test_a_question_refuses_an_empty_answer_in_the_error_summary(member_client, draft):
    response = member_client.post(question_url(draft, "summary"), {"summary": ""})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Error: " in html
    assert "Enter what the money is for" in html


def test_the_amount_accepts_pounds_and_commas_and_overheads(member_client, draft):
    member_client.post(question_url(draft, "amount"), {"amount_requested": "£120,000.50", "overheads": "12,000"})
    draft.refresh_from_db()
    assert draft.amount_requested == Decimal("120000.50")
    assert draft.overheads == Decimal("12000")


def test_overheads_above_the_amount_are_refused(member_client, draft):
    html = member_client.post(
        question_url(draft, "amount"), {"amount_requested": "1000", "overheads": "5000"}
    ).content.decode()
    assert "Overheads cannot be more than the total amount you are asking for" in html


def test_the_start_date_is_a_govuk_date_input(member_client, draft):
    html = member_client.get(question_url(draft, "start-date")).content.decode()
    assert 'class="govuk-date-input"' in html
    assert 'name="day"' in html and 'name="month"' in html and 'name="year"' in html


def test_the_start_date_is_saved_from_day_month_and_year(member_client, draft):
    day = timezone.localdate() + datetime.timedelta(days=90)
    member_client.post(question_url(draft, "start-date"), {"day": day.day, "month": day.month, "year": day.year})
    draft.refresh_from_db()
    assert draft.starts_on == day


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"day": "", "month": "", "year": ""}, "Enter the date the work would start"),
        ({"day": "1", "month": "", "year": "2030"}, "The start date must include a month"),
        ({"day": "31", "month": "2", "year": "2030"}, "The start date must be a real date"),
        ({"day": "x", "month": "2", "year": "2030"}, "The start date must be a real date"),
        ({"day": "1", "month": "2", "year": "30"}, "Year must include 4 numbers"),
        ({"day": "1", "month": "1", "year": "2000"}, "The start date must be today or in the future"),
    ],
)
def test_a_wrong_start_date_says_what_is_wrong(member_client, draft, data, message):
    html = member_client.post(question_url(draft, "start-date"), data).content.decode()
    assert message in html
    assert "govuk-error-summary" in html


def test_an_unknown_question_is_not_found(member_client, draft):
    assert member_client.get(question_url(draft, "favourite-colour")).status_code == 404


# --- Check your answers and the change flow -------------------------------------------------------------


def test_check_answers_links_each_answer_back_to_its_question(member_client, draft):
    html = member_client.get(url("application-check", draft)).content.decode()
    for slug in ("title", "summary", "need", "outcomes", "amount", "length", "start-date"):
        assert f"{question_url(draft, slug)}?return=check" in html
    assert "£150,000.00" in html


def test_a_changed_answer_returns_to_check_answers(member_client, draft):
    page = member_client.get(f"{question_url(draft, 'length')}?return=check").content.decode()
    response = member_client.post(question_url(draft, "length"), {"duration_months": "24", "return": "check"})

    assert 'name="return" value="check"' in page
    assert "Save and return to check your answers" in page
    assert response.url == url("application-check", draft)
    draft.refresh_from_db()
    assert draft.duration_months == 24


# --- Documents through the page ------------------------------------------------------------------------


def test_an_uploaded_document_is_listed_and_can_be_removed(member_client, draft):
    member_client.post(
        url("application-documents", draft), {"kind": "budget", "file": SimpleUploadedFile("budget.pdf", PDF)}
    )
    document = draft.documents.get()
    html = member_client.get(url("application-documents", draft)).content.decode()
    assert "budget.pdf" in html

    member_client.post(url("application-document-remove", draft, document.pk))
    assert not draft.documents.exists()


def test_a_refused_upload_shows_the_reason_in_the_error_summary(settings, member_client, draft):
    settings.FUNDING_MAX_DOCUMENT_BYTES = 10
    response = member_client.post(
        url("application-documents", draft), {"kind": "budget", "file": SimpleUploadedFile("budget.pdf", PDF)}
    )
    html = response.content.decode()
    assert "There is a problem" in html
    assert "The selected file must be smaller than" in html
    assert not draft.documents.exists()


def test_a_wrong_type_upload_shows_the_reason(member_client, draft):
    html = member_client.post(
        url("application-documents", draft), {"kind": "accounts", "file": SimpleUploadedFile("accounts.pdf", b"MZ")}
    ).content.decode()
    assert "is not a PDF file" in html


# --- Declaration and submission --------------------------------------------------------------------------


def test_the_declaration_must_be_confirmed(member_client, draft):
    html = member_client.post(url("application-submit", draft), {}).content.decode()
    assert "Confirm the declaration before submitting" in html
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_submitting_shows_the_confirmation_with_the_reference(member_client, draft, member_user):
    response = member_client.post(url("application-submit", draft), {"confirm": "on"})
    assert response.url == url("application-submitted", draft)

    html = member_client.get(response.url).content.decode()
    draft.refresh_from_db()
    assert draft.status == "submitted"
    assert draft.declared_by == member_user
    assert "govuk-panel--confirmation" in html
    assert draft.reference in html


def test_ineligibility_at_submission_shows_in_the_error_summary(member_client, draft, programme):
    programme.eligibility.maximum_amount = Decimal("100000")
    programme.eligibility.save()

    html = member_client.post(url("application-submit", draft), {"confirm": "on"}).content.decode()

    assert "There is a problem" in html
    assert "Ask for no more than £100,000." in html
    draft.refresh_from_db()
    assert draft.status == "draft"
    assert draft.declared_at is None


def test_an_incomplete_application_is_refused_at_submission(member_client, draft):
    Application.objects.filter(pk=draft.pk).update(outcomes="")
    html = member_client.post(url("application-submit", draft), {"confirm": "on"}).content.decode()
    assert "Answer every question before submitting." in html


def test_a_viewer_cannot_open_the_submit_page_or_submit(viewer_client, draft):
    assert viewer_client.get(url("application-submit", draft)).status_code == 403
    assert viewer_client.post(url("application-submit", draft), {"confirm": "on"}).status_code == 403
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_a_submitted_application_no_longer_opens_its_questions(member_client, draft):
    Application.objects.filter(pk=draft.pk).update(status="submitted")
    response = member_client.get(question_url(draft, "title"))
    assert response.status_code == 302
    assert response.url == draft.get_absolute_url()


# --- Who sees which page ------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ALL_ROLES)
def test_the_application_page_is_for_the_organisations_members_and_programme_staff(clients_by_role, draft, role):
    response = clients_by_role[role].get(draft.get_absolute_url())
    if role == "public":
        assert response.status_code == 302
    elif role in STAFF_ROLES or role == "organisation_member":
        assert response.status_code == 200
        assert draft.reference in response.content.decode()
    else:
        assert response.status_code == 404


EDITING_PAGES = [
    ("application-tasks", ()),
    ("application-question", ("title",)),
    ("application-documents", ()),
    ("application-check", ()),
    ("application-submit", ()),
]


@pytest.mark.parametrize("role", ALL_ROLES)
@pytest.mark.parametrize(("name", "args"), EDITING_PAGES)
def test_the_journey_pages_are_for_the_organisations_editors(clients_by_role, draft, role, name, args):
    response = clients_by_role[role].get(url(name, draft, *args))
    if role == "public":
        assert response.status_code == 302
    elif role == "organisation_member":
        assert response.status_code == 200
    elif role in STAFF_ROLES:
        assert response.status_code == 403
    else:
        assert response.status_code == 404


@pytest.mark.parametrize(("name", "args"), [*EDITING_PAGES, ("application", ()), ("application-withdraw", ())])
def test_another_organisations_application_is_not_found(member_client, other_organisation, open_round, name, args):
    theirs = ApplicationFactory(round=open_round, organisation=other_organisation)
    assert member_client.get(url(name, theirs, *args)).status_code == 404


def test_a_viewer_of_the_organisation_sees_the_application_but_cannot_change_it(viewer_client, draft):
    html = viewer_client.get(draft.get_absolute_url()).content.decode()
    assert draft.project_title in html
    assert "Continue your application" not in html
    assert "Send message" not in html
    assert "Withdraw application" not in html
    assert viewer_client.get(url("application-tasks", draft)).status_code == 403


def test_a_fund_administrator_of_the_administering_body_runs_the_programme(draft, programme):
    person = UserFactory(roles=["fund_administrator"])
    MembershipFactory(user=person, organisation=programme.administering_body, role=MembershipRole.EDITOR)
    assert signed_in_client(person).get(draft.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("role", ALL_ROLES)
def test_documents_download_for_those_who_see_the_application(clients_by_role, draft, member_user, role):
    document = add_document(
        application=draft, by=member_user, kind="budget", uploaded_file=SimpleUploadedFile("budget.pdf", PDF)
    )
    response = clients_by_role[role].get(url("application-document", draft, document.pk))
    if role == "public":
        assert response.status_code == 302
    elif role in STAFF_ROLES or role == "organisation_member":
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == PDF
        assert 'filename="budget.pdf"' in response["Content-Disposition"]
    else:
        assert response.status_code == 404


def test_the_application_page_has_one_heading_for_staff_and_applicants(staff_client, member_client, draft):
    staff_html = staff_client.get(draft.get_absolute_url()).content.decode()
    member_html = member_client.get(draft.get_absolute_url()).content.decode()
    assert staff_html.count("<h1") == 1
    assert member_html.count("<h1") == 1


# --- The outcome -------------------------------------------------------------------------------------------


@pytest.fixture
def declined(draft):
    Application.objects.filter(pk=draft.pk).update(
        status="declined",
        decision_reasons="Weak evidence of reach; scores 2 and 3.",
        feedback="Tell us more about the groups you reach.",
        decided_at=timezone.now(),
    )
    draft.refresh_from_db()
    return draft


def test_applicants_see_the_outcome_and_feedback_but_not_the_panels_reasons(member_client, declined):
    html = member_client.get(declined.get_absolute_url()).content.decode()
    assert "Declined" in html
    assert "Tell us more about the groups you reach." in html
    assert "Weak evidence of reach" not in html


def test_staff_see_the_feedback_and_the_panels_reasons(staff_client, declined):
    html = staff_client.get(declined.get_absolute_url()).content.decode()
    assert "Tell us more about the groups you reach." in html
    assert "Weak evidence of reach" in html


# --- Messages and withdrawing through the pages ---------------------------------------------------------


def test_messages_go_both_ways_and_both_sides_see_the_thread(
    member_client, staff_client, draft, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(url("application-message", draft), {"body": "Please send your latest accounts."})
        member_client.post(url("application-message", draft), {"body": "Uploaded them today."})

    thread = list(ApplicationMessage.objects.order_by("sent_at", "id").values_list("from_staff", "body"))
    assert thread == [(True, "Please send your latest accounts."), (False, "Uploaded them today.")]
    assert len(mailoutbox) == 2
    for client in (member_client, staff_client):
        html = client.get(draft.get_absolute_url()).content.decode()
        assert "Please send your latest accounts." in html
        assert "Uploaded them today." in html


def test_an_empty_message_shows_in_the_error_summary(member_client, draft):
    html = member_client.post(url("application-message", draft), {"body": ""}).content.decode()
    assert "There is a problem" in html
    assert "Enter your message" in html


def test_a_viewer_cannot_send_a_message(viewer_client, draft):
    html = viewer_client.post(url("application-message", draft), {"body": "Hello"}).content.decode()
    assert "Only the staff who run the programme" in html
    assert not ApplicationMessage.objects.exists()


def test_another_organisation_cannot_post_a_message(draft):
    outsider = MembershipFactory(organisation=OrganisationFactory(), role=MembershipRole.ADMINISTRATOR).user
    response = signed_in_client(outsider).post(url("application-message", draft), {"body": "Hello"})
    assert response.status_code == 404


def test_the_applicant_withdraws_from_the_application_page(member_client, draft, member_user):
    assert "Withdraw application" in member_client.get(draft.get_absolute_url()).content.decode()

    response = member_client.post(url("application-withdraw", draft), {"reason": "Funded elsewhere"})

    assert response.url == draft.get_absolute_url()
    draft.refresh_from_db()
    assert draft.status == "withdrawn"
    assert draft.history.latest().history_change_reason == "Funded elsewhere"


def test_withdrawing_needs_a_reason_on_the_page(member_client, draft):
    html = member_client.post(url("application-withdraw", draft), {"reason": ""}).content.decode()
    assert "Say why you are withdrawing the application" in html


def test_staff_cannot_withdraw_for_the_applicant(staff_client, draft):
    assert staff_client.post(url("application-withdraw", draft), {"reason": "No"}).status_code == 403
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_a_decided_application_cannot_be_withdrawn_on_the_page(member_client, declined):
    response = member_client.post(url("application-withdraw", declined), {"reason": "Changed our minds"})
    assert "not possible while this application is declined" in response.content.decode()
    declined.refresh_from_db()
    assert declined.status == "declined"


def test_an_approved_application_offers_staff_to_set_up_the_award(staff_client, open_round, organisation):
    application = ApplicationFactory(round=open_round, organisation=organisation, status="approved", feedback="Good")
    html = staff_client.get(application.get_absolute_url()).content.decode()
    assert reverse("funding:award-create", args=[application.reference]) in html


def test_once_the_award_exists_the_application_links_to_it(member_client, staff_client, open_round, organisation):
    application = ApplicationFactory(round=open_round, organisation=organisation, status="approved", feedback="Good")
    award = AwardFactory(application=application, organisation=organisation, programme=open_round.programme)
    for client in (member_client, staff_client):
        html = client.get(application.get_absolute_url()).content.decode()
        assert award.get_absolute_url() in html
        assert reverse("funding:award-create", args=[application.reference]) not in html
