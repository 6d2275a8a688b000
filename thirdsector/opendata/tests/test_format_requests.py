"""Accessible formats: anyone asks for any published page in another format; staff see it through."""

import datetime
from urllib.parse import quote

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from thirdsector.accounts.roles import Role
from thirdsector.accounts.tests.factories import UserFactory
from thirdsector.conftest import ALL_ROLES, STAFF_ROLES
from thirdsector.core.workflow import TransitionRefused
from thirdsector.core.working_days import add_working_days
from thirdsector.opendata.models import FormatRequest, FormatRequestStatus
from thirdsector.opendata.services.format_requests import advance, request_format

pytestmark = pytest.mark.django_db

FORM = "/open-data/accessible-formats/request/"
CATALOGUE = "/open-data/"


def _form_url(page: str) -> str:
    return f"{reverse('opendata:format-request-form')}?page={page}"


def _make(**fields) -> FormatRequest:
    values = {
        "page_path": CATALOGUE,
        "page_title": "Open data",
        "format": "easy_read",
        "name": "Ali Reader",
        "email": "ali@example.org",
        **fields,
    }
    return request_format(**values)


def _answer(client, page=CATALOGUE, **fields):
    data = {"page": page, "format": "easy_read", "name": "Ali Reader", "email": "ali@example.org", **fields}
    return client.post(reverse("opendata:format-request-form"), data)


def test_the_form_has_a_stable_url():
    assert reverse("opendata:format-request-form") == FORM
    assert reverse("opendata:format-requests") == "/open-data/accessible-formats/"


def test_every_page_links_to_the_request_form_with_its_own_path(client, db):
    page = client.get(reverse("compact:statistics") + "?year=2026").content.decode()
    assert "Request this page in an accessible format" in page
    assert f'href="{FORM}?page=%2Fcompact%2Fstatistics%2F%3Fyear%3D2026"' in page


def test_the_form_names_the_page_by_the_title_the_public_sees(client, db):
    response = client.get(_form_url(CATALOGUE))
    assert response.status_code == 200
    page = response.content.decode()
    assert '<span class="govuk-caption-l">Open data</span>' in page
    assert page.count("<h1") == 1


def test_the_footer_link_on_the_form_names_the_page_the_form_was_for_and_goes_no_deeper(client, db):
    form_for_catalogue = _form_url(CATALOGUE)
    once = client.get(_form_url(quote(form_for_catalogue))).content.decode()
    assert '<span class="govuk-caption-l">Open data</span>' in once
    deeper = _form_url(quote(_form_url(quote(form_for_catalogue))))
    page = client.get(deeper).content.decode()
    assert f'<span class="govuk-caption-l">{FORM}</span>' in page


@pytest.mark.parametrize(
    "page",
    ["https://evil.example/", "//evil.example/open-data/", "http:/open-data/", "javascript:alert(1)", "", "open-data/"],
)
def test_the_page_must_be_a_local_path(client, db, page):
    response = client.get(_form_url(page))
    assert response.status_code == 400
    assert "start with a single /" in response.content.decode()
    assert _answer(client, page=page).status_code == 400
    assert not FormatRequest.objects.exists()


def test_a_page_this_site_does_not_have_is_refused(client, db):
    response = client.get(_form_url("/no/such/page/"))
    assert response.status_code == 400
    assert "could not find that page" in response.content.decode()


def test_a_page_only_staff_see_is_named_by_its_path(client, db):
    response = client.get(_form_url(reverse("opendata:format-requests")))
    assert '<span class="govuk-caption-l">/open-data/accessible-formats/</span>' in response.content.decode()


def test_asking_records_the_request_acknowledges_it_and_emails_a_reference(client, db):
    response = _answer(client, needs="Short sentences, please")
    assert response.status_code == 200
    made = FormatRequest.objects.get()
    page = response.content.decode()
    assert made.reference in page and "Request sent" in page
    assert (made.page_path, made.page_title, made.status) == (CATALOGUE, "Open data", FormatRequestStatus.REQUESTED)
    assert made.due_on == add_working_days(timezone.localdate(made.requested_at), 10)
    [email] = mail.outbox
    assert email.to == ["ali@example.org"] and made.reference in email.subject
    assert made.due_on.strftime("%-d %B %Y") in email.body
    assert made.history.get().history_change_reason == "Accessible format requested"


def test_a_request_needs_a_way_to_reach_the_requester(client, db):
    response = _answer(client, email="")
    page = response.content.decode()
    assert 'class="govuk-error-summary"' in page
    assert "Give an email address, telephone number or postal address." in page
    assert not FormatRequest.objects.exists()


def test_a_telephone_number_alone_is_enough(client, db):
    _answer(client, email="", phone="0113 496 0000")
    assert FormatRequest.objects.get().phone == "0113 496 0000"
    assert mail.outbox == []


def test_a_format_sent_on_paper_needs_a_postal_address(client, db):
    response = _answer(client, format="braille")
    assert "Enter the postal address we should send it to." in response.content.decode()
    assert not FormatRequest.objects.exists()


def test_a_bad_email_address_is_shown_in_the_error_summary(client, db):
    page = _answer(client, email="not an address").content.decode()
    assert 'class="govuk-error-summary"' in page and "Enter a valid email address" in page


def test_the_due_date_counts_working_days_from_the_setting(db, settings):
    settings.OPENDATA_FORMAT_REQUEST_WORKING_DAYS = 3
    friday = timezone.make_aware(datetime.datetime(2026, 12, 18, 12))
    made = _make(requested_at=friday)
    # Monday 21, Tuesday 22, Wednesday 23 December; Christmas and Boxing Day would be skipped after.
    assert made.due_on == datetime.date(2026, 12, 23)


# ---- Staff: the queue and the workflow ----------------------------------------------------------


@pytest.fixture
def staff():
    return UserFactory(roles=[Role.DEPARTMENT_STAFF])


@pytest.fixture
def staff_client(client, staff):
    from thirdsector.conftest import signed_in_client

    return signed_in_client(staff)


def _past(title: str, status=FormatRequestStatus.REQUESTED) -> FormatRequest:
    made = _make(page_title=title, requested_at=timezone.make_aware(datetime.datetime(2020, 1, 6, 9)))
    FormatRequest.objects.filter(pk=made.pk).update(status=status)
    return made


def _future(title: str) -> FormatRequest:
    return _make(page_title=title, requested_at=timezone.make_aware(datetime.datetime(2099, 1, 5, 9)))


def test_the_queue_puts_overdue_requests_first_and_shows_them_overdue(staff_client):
    _future("Due later")
    _past("Overdue one")
    _past("Sent long ago", status=FormatRequestStatus.SENT)
    page = staff_client.get(reverse("opendata:format-requests")).content.decode()
    # Sent long ago is not overdue: it comes by its due date, before the one due later.
    assert page.index("Overdue one") < page.index("Sent long ago") < page.index("Due later")
    assert page.count("govuk-tag--red") == 1


def test_the_queue_filters_by_status(staff_client):
    _future("Still open")
    _past("Already sent", status=FormatRequestStatus.SENT)
    page = staff_client.get(reverse("opendata:format-requests") + "?status=sent").content.decode()
    assert "Already sent" in page and "Still open" not in page


def test_the_queue_is_paged(staff_client, settings):
    settings.OPENDATA_FORMAT_REQUESTS_PER_PAGE = 2
    for letter in "ABC":
        _future(f"Publication {letter}")
    first = staff_client.get(reverse("opendata:format-requests")).content.decode()
    second = staff_client.get(reverse("opendata:format-requests") + "?page=2").content.decode()
    assert "Publication C" not in first and "Publication C" in second


def test_the_queue_costs_the_same_queries_whatever_the_requests(staff_client, django_assert_max_num_queries):
    _future("One")
    with django_assert_max_num_queries(12) as few:
        staff_client.get(reverse("opendata:format-requests"))
    for number in range(10):
        _past(f"More {number}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        staff_client.get(reverse("opendata:format-requests"))


def test_staff_take_a_request_to_sent_and_the_requester_hears(staff_client, staff):
    made = _future("Open data")
    mail.outbox.clear()
    detail = reverse("opendata:format-request", args=[made.pk])
    page = staff_client.get(detail).content.decode()
    assert "Start work" in page and "Mark as sent" in page and "Decline" in page
    staff_client.post(reverse("opendata:format-request-step", args=[made.pk, "start"]), {"start-reason": ""})
    made.refresh_from_db()
    assert made.status == FormatRequestStatus.IN_PROGRESS and mail.outbox == []
    staff_client.post(
        reverse("opendata:format-request-step", args=[made.pk, "mark_sent"]), {"mark_sent-reason": "Posted today"}
    )
    made.refresh_from_db()
    assert made.status == FormatRequestStatus.SENT and made.sent_on == timezone.localdate()
    [email] = mail.outbox
    assert email.to == ["ali@example.org"] and "on its way" in email.subject
    latest = made.history.order_by("-history_date", "-history_id").first()
    assert (latest.history_user, latest.history_change_reason) == (staff, "Posted today")
    assert "Posted today" in staff_client.get(detail).content.decode()


def test_declining_needs_a_reason_which_the_requester_is_told(staff_client):
    made = _future("Open data")
    mail.outbox.clear()
    url = reverse("opendata:format-request-step", args=[made.pk, "decline"])
    staff_client.post(url, {"decline-reason": ""})
    made.refresh_from_db()
    assert made.status == FormatRequestStatus.REQUESTED
    staff_client.post(url, {"decline-reason": "We cannot produce Welsh audio"})
    made.refresh_from_db()
    assert made.status == FormatRequestStatus.DECLINED and made.decline_reason == "We cannot produce Welsh audio"
    [email] = mail.outbox
    assert "We cannot produce Welsh audio" in email.body


def test_a_sent_request_cannot_be_declined(staff):
    made = _future("Open data")
    advance(format_request=made, step="mark_sent", by=staff)
    with pytest.raises(TransitionRefused):
        advance(format_request=made, step="decline", by=staff, reason="Too late")


def test_only_staff_may_take_a_step(db):
    made = _future("Open data")
    with pytest.raises(TransitionRefused, match="only department staff"):
        advance(format_request=made, step="start", by=UserFactory(roles=[Role.COMMISSIONER]))


def test_a_step_is_taken_only_by_post(staff_client):
    made = _future("Open data")
    assert staff_client.get(reverse("opendata:format-request-step", args=[made.pk, "start"])).status_code == 405


def test_an_unknown_step_is_not_found(staff_client):
    made = _future("Open data")
    assert staff_client.post(reverse("opendata:format-request-step", args=[made.pk, "delete"])).status_code == 404


@pytest.mark.parametrize("role", ALL_ROLES)
def test_only_staff_see_the_queue_and_a_request_and_take_steps(clients_by_role, role):
    made = _future("Open data")
    client = clients_by_role[role]
    urls = [reverse("opendata:format-requests"), reverse("opendata:format-request", args=[made.pk])]
    step = reverse("opendata:format-request-step", args=[made.pk, "start"])
    if role in STAFF_ROLES:
        assert [client.get(url).status_code for url in urls] == [200, 200]
        assert client.post(step).status_code == 302
        made.refresh_from_db()
        assert made.status == FormatRequestStatus.IN_PROGRESS
        return
    expected = 302 if role == "public" else 403
    assert [client.get(url).status_code for url in urls] == [expected, expected]
    assert client.post(step).status_code == expected
    made.refresh_from_db()
    assert made.status == FormatRequestStatus.REQUESTED


@pytest.mark.parametrize("role", ALL_ROLES)
def test_everyone_may_ask_for_a_format(clients_by_role, role):
    assert _answer(clients_by_role[role]).status_code == 200
    assert FormatRequest.objects.count() == 1


def test_the_demo_has_a_request_at_every_stage_and_one_overdue(db):
    from thirdsector.opendata.demo import load_format_requests

    UserFactory(email="staff@demo.thirdsector.example", roles=[Role.DEPARTMENT_STAFF])
    load_format_requests()
    statuses = set(FormatRequest.objects.values_list("status", flat=True))
    assert statuses == set(FormatRequestStatus.values)
    assert FormatRequest.objects.overdue_on(timezone.localdate()).exists()
    load_format_requests()
    assert FormatRequest.objects.count() == 5


def test_a_download_is_named_by_its_path_without_generating_it(client, db, django_assert_max_num_queries):
    path = reverse("opendata:dataset-xlsx", args=["register-organisations"])
    with django_assert_max_num_queries(0):
        response = client.get(_form_url(path))
    assert f'<span class="govuk-caption-l">{path}</span>' in response.content.decode()
