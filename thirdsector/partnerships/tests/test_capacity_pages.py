"""Capacity building pages: who may use each, what each shows, query counts, and a request's journey
through the real pages from asking to a completed outcome."""

import pytest
from django.urls import reverse

from thirdsector.accounts.roles import MembershipRole
from thirdsector.accounts.tests.factories import MembershipFactory
from thirdsector.conftest import ALL_ROLES, STAFF_ROLES, signed_in_client
from thirdsector.register.models import Area
from thirdsector.register.tests.factories import OrganisationFactory

from ..models.capacity import RequestStatus, SupportBody, SupportOffer, SupportRequest
from .capacity_factories import SupportBodyFactory, SupportOfferFactory, SupportRequestFactory, leeds

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"partnerships:{name}", args=args)


@pytest.fixture
def cvs():
    """Voluntary Action Leeds: bid-writing help in Leeds, with an editor who works its queue."""
    body = SupportBodyFactory(organisation=OrganisationFactory(name="Voluntary Action Leeds"))
    SupportOfferFactory(body=body)
    return body


@pytest.fixture
def cvs_client(cvs):
    return signed_in_client(MembershipFactory(organisation=cvs.organisation, role=MembershipRole.EDITOR).user)


@pytest.fixture
def request_to_cvs(cvs, organisation):
    return SupportRequestFactory(organisation=organisation, support_body=cvs)


# --- Public pages --------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ALL_ROLES)
def test_everyone_reads_the_bodies_and_the_gaps(clients_by_role, role, cvs):
    client = clients_by_role[role]
    for address in (url("capacity-bodies"), url("capacity-body", cvs.pk), url("capacity-gaps")):
        assert client.get(address).status_code == 200, address


def test_the_body_list_filters_by_area_and_kind(client, cvs):
    national = SupportBodyFactory(is_national=True, areas=[], organisation=OrganisationFactory(name="NCVO Help"))
    SupportOfferFactory(body=national, kind="training")
    page = client.get(url("capacity-bodies"), {"area": leeds().pk, "kind": "bid_writing"}).content.decode()
    assert "Voluntary Action Leeds" in page and "NCVO Help" not in page
    page = client.get(url("capacity-bodies"), {"kind": "training"}).content.decode()
    assert "NCVO Help" in page and "Voluntary Action Leeds" not in page


def test_the_body_list_pins_its_query_count(client, django_assert_num_queries, django_assert_max_num_queries):
    SupportOfferFactory()
    with django_assert_max_num_queries(15) as first:
        client.get(url("capacity-bodies"))
    for _ in range(4):
        SupportOfferFactory(body=SupportBodyFactory(areas=[leeds()]), kind="training")
    with django_assert_num_queries(len(first.captured_queries)):
        response = client.get(url("capacity-bodies"))
    assert response.context["page_obj"].paginator.count == 5


def test_the_body_list_downloads_as_csv(client, cvs):
    response = client.get(url("capacity-bodies-csv"))
    text = b"".join(response.streaming_content).decode()
    assert response["Content-Type"].startswith("text/csv")
    assert "Voluntary Action Leeds" in text and "Bid-writing help" in text


def test_a_body_s_page_shows_its_offers_areas_and_partnerships(client, cvs):
    from .factories import LocalStrategicPartnershipFactory

    partnership = LocalStrategicPartnershipFactory(name="Leeds Initiative")
    cvs.partnerships.add(partnership)
    page = client.get(url("capacity-body", cvs.pk)).content.decode()
    assert "Bid-writing help" in page and "Leeds" in page and "Leeds Initiative" in page
    assert "Change this support body" not in page


def test_the_gaps_page_has_the_map_and_the_table(client, cvs):
    page = client.get(url("capacity-gaps")).content.decode()
    assert 'role="img"' in page and "<circle" in page and "Leeds:" in page
    assert 'id="gaps"' in page and "Gap" in page


def test_the_gaps_page_is_a_fixed_number_of_queries(client, cvs, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        client.get(url("capacity-gaps"))


def test_the_gaps_download_has_a_row_per_place(client, cvs):
    response = client.get(url("capacity-gaps-csv"), {"region": "Yorkshire and The Humber"})
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert lines[0].startswith("Local authority,GSS code,Region or nation,Training,Bid-writing help")
    leeds_line = next(line for line in lines if line.startswith("Leeds,"))
    assert leeds_line.split(",")[4] == "covered" and leeds_line.split(",")[3] == "gap"


# --- Staff keep the bodies and offers ------------------------------------------------------------


@pytest.mark.parametrize("role", ALL_ROLES)
def test_only_staff_add_and_change_bodies_and_offers(clients_by_role, role, cvs):
    offer = cvs.offers.get()
    addresses = [
        url("capacity-body-add"),
        url("capacity-body-edit", cvs.pk),
        url("capacity-body-history", cvs.pk),
        url("capacity-offer-add", cvs.pk),
        url("capacity-offer-edit", cvs.pk, offer.pk),
        url("capacity-overview"),
        url("capacity-requests"),
    ]
    for address in addresses:
        status = clients_by_role[role].get(address).status_code
        if role in STAFF_ROLES:
            assert status == 200, address
        elif role == "public":
            assert status == 302, address
        else:
            assert status == 403, address


def test_staff_add_a_support_body(staff_client):
    organisation = OrganisationFactory(name="Wakefield District CVS")
    wakefield = Area.objects.get(gss_code="E08000036")
    response = staff_client.post(
        url("capacity-body-add"),
        {
            "organisation": organisation.pk,
            "kind": "cvs",
            "areas": [wakefield.pk],
            "contact_email": "hello@wdcvs.example",
            "reason": "New CVS",
        },
    )
    body = SupportBody.objects.get(organisation=organisation)
    assert response.status_code == 302 and response["Location"] == body.get_absolute_url()
    assert list(body.areas.all()) == [wakefield]
    assert body.history.first().history_change_reason == "New CVS"


def test_a_body_neither_national_nor_with_areas_is_refused_with_the_error_summary(staff_client):
    organisation = OrganisationFactory()
    response = staff_client.post(
        url("capacity-body-add"),
        {"organisation": organisation.pk, "kind": "cvs", "contact_email": "a@b.example", "reason": "New"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page and "Choose the areas the body covers" in page
    assert "<title>Error:" in page


def test_staff_add_an_offer_and_a_charged_offer_needs_its_cost(staff_client, cvs):
    data = {"kind": "governance", "description": "Trustee health checks", "is_free": "no", "reason": "New offer"}
    response = staff_client.post(url("capacity-offer-add", cvs.pk), data)
    assert "Say what the help costs" in response.content.decode()
    response = staff_client.post(url("capacity-offer-add", cvs.pk), {**data, "charges": "£50 a session"})
    assert response.status_code == 302
    assert SupportOffer.objects.get(body=cvs, kind="governance").charges == "£50 a session"


def test_staff_change_an_offer_and_its_history_shows(staff_client, cvs):
    offer = cvs.offers.get()
    staff_client.post(
        url("capacity-offer-edit", cvs.pk, offer.pk),
        {"kind": "bid_writing", "description": "Bid clinics every Tuesday", "is_free": "yes", "reason": "Clinics"},
    )
    offer.refresh_from_db()
    assert offer.description == "Bid clinics every Tuesday"
    assert "Clinics" in staff_client.get(url("capacity-body-history", cvs.pk)).content.decode()


# --- Asking for support --------------------------------------------------------------------------


def test_a_member_is_offered_only_bodies_reaching_their_area(member_client, cvs):
    elsewhere = SupportBodyFactory(
        organisation=OrganisationFactory(name="Manchester CVS"), areas=[Area.objects.get(gss_code="E08000003")]
    )
    SupportOfferFactory(body=elsewhere)
    organisation = member_client.get(url("capacity-request-new")).context["start"].fields["organisation"].queryset.get()
    page = member_client.get(url("capacity-request-new"), {"organisation": organisation.pk, "kind": "bid_writing"})
    text = page.content.decode()
    assert "Voluntary Action Leeds" in text and "Manchester CVS" not in text


def test_a_member_sends_a_request_to_a_body(member_client, organisation, cvs):
    query = f"?organisation={organisation.pk}&kind=bid_writing"
    response = member_client.post(
        url("capacity-request-new") + query, {"support_body": str(cvs.pk), "description": "Help with a bid"}
    )
    support_request = SupportRequest.objects.get()
    assert response.status_code == 302 and response["Location"] == support_request.get_absolute_url()
    assert support_request.status == RequestStatus.SUBMITTED and support_request.support_body == cvs


def test_a_member_may_leave_the_choice_to_staff(member_client, organisation):
    query = f"?organisation={organisation.pk}&kind=governance"
    member_client.post(url("capacity-request-new") + query, {"support_body": "staff", "description": "Trustees"})
    assert SupportRequest.objects.get().status == RequestStatus.AWAITING_BODY


def test_a_request_without_a_description_shows_the_error_summary(member_client, organisation, cvs):
    query = f"?organisation={organisation.pk}&kind=bid_writing"
    response = member_client.post(url("capacity-request-new") + query, {"support_body": str(cvs.pk)})
    page = response.content.decode()
    assert "govuk-error-summary" in page and "Describe the help you need" in page
    assert not SupportRequest.objects.exists()


def test_a_member_cannot_ask_for_another_organisation(member_client, other_organisation):
    query = f"?organisation={other_organisation.pk}&kind=bid_writing"
    response = member_client.post(url("capacity-request-new") + query, {"support_body": "staff", "description": "x"})
    assert response.status_code == 200 and not SupportRequest.objects.exists()


@pytest.mark.parametrize("role", ["assessor", "council_officer", "commissioner"])
def test_people_without_an_organisation_to_act_for_cannot_ask(clients_by_role, role):
    assert clients_by_role[role].get(url("capacity-request-new")).status_code == 403


def test_a_viewer_cannot_ask(viewer_user):
    assert signed_in_client(viewer_user).get(url("capacity-request-new")).status_code == 403


# --- Seeing requests -----------------------------------------------------------------------------


@pytest.mark.parametrize("role", ALL_ROLES)
def test_a_request_is_seen_by_its_organisation_its_body_and_staff_only(clients_by_role, role, request_to_cvs):
    status = clients_by_role[role].get(request_to_cvs.get_absolute_url()).status_code
    if role in STAFF_ROLES or role == "organisation_member":
        assert status == 200
    elif role == "public":
        assert status == 302
    else:
        assert status == 404


def test_the_support_body_s_members_see_the_request(cvs_client, request_to_cvs):
    assert cvs_client.get(request_to_cvs.get_absolute_url()).status_code == 200


def test_another_organisation_s_requests_are_not_listed(member_client, request_to_cvs, other_organisation):
    theirs = SupportRequestFactory(organisation=other_organisation)
    page = member_client.get(url("capacity-my-requests")).content.decode()
    assert request_to_cvs.reference in page and theirs.reference not in page
    assert member_client.get(theirs.get_absolute_url()).status_code == 404


def test_the_queue_shows_only_requests_sent_to_the_member_s_body(cvs_client, request_to_cvs):
    to_another_body = SupportRequestFactory()
    page = cvs_client.get(url("capacity-queue")).content.decode()
    assert request_to_cvs.reference in page and to_another_body.reference not in page
    assert cvs_client.get(to_another_body.get_absolute_url()).status_code == 404


def test_the_queue_filters_by_status(cvs_client, request_to_cvs, cvs):
    accepted = SupportRequestFactory(support_body=cvs, status=RequestStatus.ACCEPTED)
    page = cvs_client.get(url("capacity-queue"), {"status": "accepted"}).content.decode()
    assert accepted.reference in page and request_to_cvs.reference not in page


def test_the_queue_is_for_support_bodies_members(member_client):
    assert member_client.get(url("capacity-queue")).status_code == 403


def test_the_queue_pins_its_query_count(cvs_client, cvs, django_assert_num_queries, django_assert_max_num_queries):
    SupportRequestFactory(support_body=cvs)
    with django_assert_max_num_queries(15) as first:
        cvs_client.get(url("capacity-queue"))
    SupportRequestFactory.create_batch(4, support_body=cvs)
    with django_assert_num_queries(len(first.captured_queries)):
        cvs_client.get(url("capacity-queue"))


def test_my_requests_pins_its_query_count(
    member_client, organisation, cvs, django_assert_num_queries, django_assert_max_num_queries
):
    SupportRequestFactory(organisation=organisation, support_body=cvs)
    with django_assert_max_num_queries(15) as first:
        member_client.get(url("capacity-my-requests"))
    SupportRequestFactory.create_batch(4, organisation=organisation, support_body=cvs)
    with django_assert_num_queries(len(first.captured_queries)):
        member_client.get(url("capacity-my-requests"))


# --- The department's overview -------------------------------------------------------------------


def test_the_overview_counts_by_kind_and_status_and_links_to_the_rows(staff_client, request_to_cvs, cvs):
    SupportRequestFactory(
        support_body=cvs, status=RequestStatus.COMPLETED, outcome_category="bid_submitted", outcome="Sent"
    )
    response = staff_client.get(url("capacity-overview"))
    by_status, by_outcome = response.context["tables"]
    bids = next(row for row in by_status.rows if row.label == "Bid-writing help")
    submitted = bids.cells[list(RequestStatus).index(RequestStatus.SUBMITTED)]
    assert submitted.value == 1 and "status=submitted" in submitted.url and "kind=bid_writing" in submitted.url
    listed = staff_client.get(submitted.url).content.decode()
    assert request_to_cvs.reference in listed
    assert next(row for row in by_outcome.rows if row.label == "Bid-writing help").cells[0].value == 1


def test_the_overview_tables_download_as_csv(staff_client, request_to_cvs):
    response = staff_client.get(url("capacity-overview-csv", "by-status"))
    assert "Bid-writing help" in response.content.decode()
    assert staff_client.get(url("capacity-overview-csv", "nothing")).status_code == 404


def test_the_staff_list_filters_downloads_and_pins_its_query_count(
    staff_client, cvs, django_assert_num_queries, django_assert_max_num_queries
):
    SupportRequestFactory(support_body=cvs)
    with django_assert_max_num_queries(15) as first:
        staff_client.get(url("capacity-requests"))
    SupportRequestFactory.create_batch(4, support_body=cvs, status=RequestStatus.DECLINED, decline_reason="Full")
    with django_assert_num_queries(len(first.captured_queries)):
        response = staff_client.get(url("capacity-requests"), {"status": "declined"})
    assert response.context["page_obj"].paginator.count == 4
    csv_text = b"".join(staff_client.get(url("capacity-requests-csv")).streaming_content).decode()
    assert csv_text.count("\n") == 6


# --- The journey ---------------------------------------------------------------------------------


def test_a_request_goes_from_asking_to_a_completed_outcome_through_the_pages(
    member_client, organisation, cvs, cvs_client
):
    query = f"?organisation={organisation.pk}&kind=bid_writing"
    member_client.post(
        url("capacity-request-new") + query,
        {"support_body": str(cvs.pk), "description": "A bid to the lottery for a new kitchen"},
    )
    support_request = SupportRequest.objects.get()
    detail = cvs_client.get(support_request.get_absolute_url()).content.decode()
    assert url("capacity-request-step", support_request.reference, "accept") in detail
    steps = [
        ("accept", {"reason": "We can help"}),
        ("start", {"reason": "First meeting booked"}),
        (
            "complete",
            {"outcome_category": "bid_submitted", "outcome": "Bid for £8,000 submitted", "reason": "Done"},
        ),
    ]
    for name, data in steps:
        response = cvs_client.post(url("capacity-request-step", support_request.reference, name), data)
        assert response.status_code == 302, response.content.decode()
    support_request.refresh_from_db()
    assert support_request.status == RequestStatus.COMPLETED
    page = member_client.get(support_request.get_absolute_url()).content.decode()
    assert "Funding bid submitted" in page and "Bid for £8,000 submitted" in page
    assert [record.history_change_reason for record in support_request.history.order_by("history_id")] == [
        "Support requested",
        "We can help",
        "First meeting booked",
        "Done",
    ]


def test_a_step_someone_may_not_take_is_forbidden(member_client, request_to_cvs):
    address = url("capacity-request-step", request_to_cvs.reference, "accept")
    assert member_client.get(address).status_code == 403
    assert member_client.post(address, {"reason": "x"}).status_code == 403


def test_a_step_missing_its_record_shows_the_error_summary(cvs_client, request_to_cvs):
    response = cvs_client.post(url("capacity-request-step", request_to_cvs.reference, "decline"), {"reason": "No"})
    page = response.content.decode()
    assert "govuk-error-summary" in page and "Give the reason you cannot help" in page
    request_to_cvs.refresh_from_db()
    assert request_to_cvs.status == RequestStatus.SUBMITTED


def test_an_unknown_step_is_not_found(cvs_client, request_to_cvs):
    assert cvs_client.get(url("capacity-request-step", request_to_cvs.reference, "approve")).status_code == 404
