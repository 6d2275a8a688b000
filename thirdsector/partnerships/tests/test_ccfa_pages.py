"""Community Call for Action pages: the public form, the private status link, and the council's pages by role."""

import datetime

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from thirdsector.accounts.roles import MembershipRole, Role
from thirdsector.accounts.tests.factories import MembershipFactory, UserFactory
from thirdsector.conftest import ALL_ROLES, STAFF_ROLES, signed_in_client

from ..models import CallStatus, CommunityCall
from .ccfa_support import call_at
from .factories import CommunityCallFactory

pytestmark = pytest.mark.django_db


def _form(council, **overrides):
    data = {
        "council": council.pk,
        "ward": "Headingley",
        "issue": "Speeding on Otley Road",
        "tried": "A petition and two complaints",
        "councillor_name": "Jane Smith",
        "councillor_email": "",
        "name": "Amina Begum",
        "email": "amina@example.org",
    }
    data.update(overrides)
    return data


@pytest.fixture
def bradford_officer_client(other_council):
    user = UserFactory(roles=[Role.COUNCIL_OFFICER])
    MembershipFactory(user=user, organisation=other_council, role=MembershipRole.ADMINISTRATOR)
    return signed_in_client(user)


# --- Raising a call -------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ALL_ROLES)
def test_anyone_can_open_the_form_to_raise_a_call(clients_by_role, leeds_council, role):
    response = clients_by_role[role].get(reverse("partnerships:ccfa-raise"))
    assert response.status_code == 200
    assert b"Leeds City Council" in response.content


def test_the_form_offers_councils_only(client, leeds_council, organisation):
    response = client.get(reverse("partnerships:ccfa-raise"))
    assert organisation.name.encode() not in response.content


def test_a_resident_raises_a_call_and_sees_the_reference_and_private_link(client, leeds_council):
    response = client.post(reverse("partnerships:ccfa-raise"), _form(leeds_council), follow=True)
    call = CommunityCall.objects.get()
    assert response.status_code == 200
    assert call.reference.encode() in response.content
    assert call.get_status_url().encode() in response.content
    assert call.raised_by is None
    assert mail.outbox[0].to == ["amina@example.org"]


def test_a_call_missing_answers_shows_the_error_summary(client, leeds_council):
    response = client.post(reverse("partnerships:ccfa-raise"), {})
    assert response.status_code == 200
    assert b"Select the council" in response.content and b"Enter what has been tried already" in response.content
    assert response.content.count(b"<title>Error: ") == 1
    assert not CommunityCall.objects.exists()


def test_a_member_raises_a_call_for_their_group(member_client, member_user, organisation, leeds_council):
    response = member_client.post(
        reverse("partnerships:ccfa-raise"), _form(leeds_council, organisation=organisation.pk)
    )
    assert response.status_code == 302
    call = CommunityCall.objects.get()
    assert call.raiser_organisation == organisation and call.raised_by == member_user


# --- The private status link ----------------------------------------------------------------------


def test_the_status_link_shows_that_call_and_each_step(client, leeds_council, leeds_officer):
    call = call_at("responded", by=leeds_officer, council=leeds_council, issue="Potholes on Cardigan Road")
    other = call_at("raised", by=leeds_officer, council=leeds_council, issue="Bins in Hyde Park")
    response = client.get(call.get_status_url())
    assert response.status_code == 200
    content = response.content.decode()
    assert "Potholes on Cardigan Road" in content and "Bins in Hyde Park" not in content
    assert "Introduce a 20mph zone and a crossing." in content
    assert "The executive accepts both recommendations." in content
    assert "Executive responded" in content
    assert other.reference not in content


def test_a_wrong_token_is_not_found(client, leeds_council):
    CommunityCallFactory(council=leeds_council)
    assert client.get(reverse("partnerships:ccfa-status", args=["not-the-token"])).status_code == 404
    assert client.get(reverse("partnerships:ccfa-raised", args=["x" * 43])).status_code == 404


def test_the_status_page_shows_the_committees_reasons_for_declining(client, leeds_council, leeds_officer):
    call = call_at("declined", by=leeds_officer, council=leeds_council)
    response = client.get(call.get_status_url())
    assert b"current planning appeal" in response.content


# --- The council's pages --------------------------------------------------------------------------


@pytest.mark.parametrize("role", ALL_ROLES)
def test_only_staff_and_councils_officers_open_the_case_list(clients_by_role, leeds_council, role):
    response = clients_by_role[role].get(reverse("partnerships:ccfa-list"))
    if role == "public":
        assert response.status_code == 302
    elif role in STAFF_ROLES:
        assert response.status_code == 200
    else:
        # A council officer who acts for no council has no list to see.
        assert response.status_code == 403


@pytest.mark.parametrize("role", ALL_ROLES)
def test_a_call_page_is_for_staff_only_among_the_roles(clients_by_role, leeds_council, leeds_officer, role):
    call = call_at("referred", by=leeds_officer, council=leeds_council)
    response = clients_by_role[role].get(call.get_absolute_url())
    if role == "public":
        assert response.status_code == 302
    elif role in STAFF_ROLES:
        assert response.status_code == 200
        assert b"/steps/" not in response.content  # staff read; the council takes the steps
    else:
        assert response.status_code == 404


def test_the_council_officer_lists_only_their_councils_calls(
    leeds_officer_client, leeds_council, other_council, leeds_officer
):
    mine = CommunityCallFactory(council=leeds_council)
    theirs = CommunityCallFactory(council=other_council)
    response = leeds_officer_client.get(reverse("partnerships:ccfa-list"))
    assert response.status_code == 200
    assert mine.reference.encode() in response.content
    assert theirs.reference.encode() not in response.content


def test_another_councils_officer_gets_404_for_a_call(bradford_officer_client, leeds_council, leeds_officer):
    call = call_at("referred", by=leeds_officer, council=leeds_council)
    assert bradford_officer_client.get(call.get_absolute_url()).status_code == 404
    step = reverse("partnerships:ccfa-step", args=[call.reference, "accept"])
    assert bradford_officer_client.post(step, {"reason": "Mine now"}).status_code == 404
    call.refresh_from_db()
    assert call.status == CallStatus.REFERRED


def test_the_overdue_filter_lists_overdue_calls(leeds_officer_client, leeds_council, leeds_officer):
    late = call_at("referred", by=leeds_officer, council=leeds_council, on=datetime.date(2026, 1, 5))
    on_time = call_at("referred", by=leeds_officer, council=leeds_council)
    response = leeds_officer_client.get(reverse("partnerships:ccfa-list"), {"overdue": "on"})
    assert late.reference.encode() in response.content
    assert on_time.reference.encode() not in response.content
    assert b"Overdue calls" in response.content


def test_the_case_list_query_count_does_not_grow_with_calls(
    leeds_officer_client, leeds_council, django_assert_num_queries
):
    url = reverse("partnerships:ccfa-list")
    CommunityCallFactory(council=leeds_council)
    leeds_officer_client.get(url)  # warm the session
    with django_assert_num_queries(9) as few:
        leeds_officer_client.get(url)
    CommunityCallFactory.create_batch(15, council=leeds_council)
    with django_assert_num_queries(len(few.captured_queries)):
        response = leeds_officer_client.get(url)
    assert response.content.count(b"/community-calls/calls/") == 16


def test_the_officer_sees_the_steps_they_may_take(leeds_officer_client, leeds_council, leeds_officer):
    call = call_at("with_councillor", by=leeds_officer, council=leeds_council)
    response = leeds_officer_client.get(call.get_absolute_url())
    assert reverse("partnerships:ccfa-step", args=[call.reference, "refer"]).encode() in response.content
    assert reverse("partnerships:ccfa-step", args=[call.reference, "resolve"]).encode() in response.content
    assert reverse("partnerships:ccfa-step", args=[call.reference, "accept"]).encode() not in response.content


def test_the_officer_records_each_step_through_the_pages(leeds_officer_client, leeds_council, leeds_officer):
    call = CommunityCallFactory(council=leeds_council)

    def step(name, **data):
        url = reverse("partnerships:ccfa-step", args=[call.reference, name])
        assert leeds_officer_client.get(url).status_code == 200
        response = leeds_officer_client.post(url, {"reason": f"Recorded {name}", **data})
        assert response.status_code == 302, response.content.decode()[:2000]
        call.refresh_from_db()

    step("pass_to_councillor")
    step("refer", councillor_outcome="Officers could not agree a fix")
    step("accept")
    report = SimpleUploadedFile("report.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    step("report", committee_report="Our report", recommendations="Build a crossing", report_file=report)
    step("respond", executive_response="Agreed")
    assert call.status == CallStatus.RESPONDED
    assert call.report_file
    assert (
        leeds_officer_client.get(reverse("partnerships:ccfa-document", args=[call.reference, "report"])).status_code
        == 200
    )
    public = signed_in_client(UserFactory()).get(
        reverse("partnerships:ccfa-status-document", args=[call.status_token, "report"])
    )
    assert public.status_code == 200
    assert call.history.first().history_change_reason == "Recorded respond"


def test_declining_without_reasons_shows_the_error(leeds_officer_client, leeds_council, leeds_officer):
    call = call_at("referred", by=leeds_officer, council=leeds_council)
    url = reverse("partnerships:ccfa-step", args=[call.reference, "decline"])
    response = leeds_officer_client.post(url, {"reason": "Declined", "decline_reasons": ""})
    assert response.status_code == 200
    assert b"There is a problem" in response.content
    call.refresh_from_db()
    assert call.status == CallStatus.REFERRED


def test_a_step_not_open_now_is_refused(leeds_officer_client, leeds_council, leeds_officer):
    call = call_at("raised", by=leeds_officer, council=leeds_council)
    url = reverse("partnerships:ccfa-step", args=[call.reference, "respond"])
    assert leeds_officer_client.get(url).status_code == 403
    response = leeds_officer_client.post(url, {"reason": "Too soon", "executive_response": "Early"})
    assert response.status_code == 200 and b"not possible while" in response.content
    assert leeds_officer_client.get(reverse("partnerships:ccfa-step", args=[call.reference, "nope"])).status_code == 404


def test_staff_cannot_take_a_step(staff_client, leeds_council, leeds_officer):
    call = call_at("referred", by=leeds_officer, council=leeds_council)
    url = reverse("partnerships:ccfa-step", args=[call.reference, "accept"])
    assert staff_client.get(url).status_code == 403
    response = staff_client.post(url, {"reason": "Accepting"})
    assert b"only an officer of the council" in response.content
    call.refresh_from_db()
    assert call.status == CallStatus.REFERRED
