import pytest
from django.db import connection
from django.urls import reverse

from thirdsector.conftest import ALL_ROLES, STAFF_ROLES
from thirdsector.register.models import Identifier, Organisation, OrganisationStatus
from thirdsector.register.tests.factories import IdentifierFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

STAFF = STAFF_ROLES


def edit_data(organisation, **changes):
    data = {
        "name": organisation.name,
        "kind": organisation.kind,
        "latest_income": "25000",
        "description": organisation.description,
        "town": organisation.town,
        "postcode": organisation.postcode,
        "reason": "Updated from their annual report",
    }
    data.update(changes)
    return data


@pytest.mark.parametrize("role", ALL_ROLES)
def test_everyone_can_see_an_organisation(clients_by_role, organisation, role):
    response = clients_by_role[role].get(organisation.get_absolute_url())
    assert response.status_code == 200
    assert organisation.name in response.content.decode()


@pytest.mark.parametrize("role", ALL_ROLES)
def test_only_staff_and_the_organisations_own_editors_may_edit(clients_by_role, organisation, role):
    response = clients_by_role[role].get(reverse("register:edit", args=[organisation.pk]))
    if role == "public":
        assert response.status_code == 302
    elif role in STAFF or role == "organisation_member":
        assert response.status_code == 200
    else:
        assert response.status_code == 403


def test_a_viewer_of_the_organisation_may_not_edit(viewer_user, organisation):
    from thirdsector.conftest import signed_in_client

    response = signed_in_client(viewer_user).get(reverse("register:edit", args=[organisation.pk]))
    assert response.status_code == 403


def test_a_member_cannot_post_changes_to_another_organisation(member_client, other_organisation):
    response = member_client.post(
        reverse("register:edit", args=[other_organisation.pk]), edit_data(other_organisation, description="Hacked")
    )
    assert response.status_code == 403
    other_organisation.refresh_from_db()
    assert other_organisation.description == ""


def test_a_member_edits_their_details_but_not_the_name_or_income(member_client, organisation):
    response = member_client.post(
        reverse("register:edit", args=[organisation.pk]),
        edit_data(organisation, name="New Name", latest_income="9", description="We run a tenants' forum"),
    )
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.description == "We run a tenants' forum"
    assert organisation.name == "Leeds Tenants Federation"
    assert organisation.latest_income == 25000


def test_staff_edit_the_income_and_the_size_band_follows(staff_client, organisation):
    staff_client.post(
        reverse("register:edit", args=[organisation.pk]), edit_data(organisation, latest_income="2500000")
    )
    organisation.refresh_from_db()
    assert organisation.size_band == "large"


def test_an_edit_needs_a_reason_and_saves_nothing_without_one(staff_client, organisation):
    response = staff_client.post(
        reverse("register:edit", args=[organisation.pk]), edit_data(organisation, description="Changed", reason="")
    )
    assert response.status_code == 200
    assert b"Enter the reason for this change" in response.content
    organisation.refresh_from_db()
    assert organisation.description == ""


def test_bad_input_is_shown_next_to_its_field(staff_client, organisation):
    response = staff_client.post(
        reverse("register:edit", args=[organisation.pk]),
        edit_data(organisation, latest_income="lots", website="not a url", name=""),
    )
    html = response.content.decode()
    assert "Enter the income as a number of pounds" in html
    assert "Enter a web address in the correct format" in html
    assert "Enter the organisation&#x27;s name" in html
    assert 'href="#id_latest_income"' in html


def test_an_unreadable_postcode_is_kept_and_flagged(staff_client, organisation):
    staff_client.post(reverse("register:edit", args=[organisation.pk]), edit_data(organisation, postcode="LS99"))
    organisation.refresh_from_db()
    assert organisation.postcode_needs_checking


def test_staff_add_an_organisation_with_its_main_identifier(staff_client):
    response = staff_client.post(
        reverse("register:create"),
        {"name": "Hull Food Bank", "kind": "registered_charity", "identifier": "1123456", "reason": "New"},
    )
    assert response.status_code == 200  # a bare number needs its scheme
    assert b"with its scheme" in response.content
    assert not Organisation.objects.filter(name="Hull Food Bank").exists()
    response = staff_client.post(
        reverse("register:create"),
        {"name": "Hull Food Bank", "kind": "registered_charity", "identifier": "gb-chc-1123456", "reason": "New"},
    )
    organisation = Organisation.objects.get(name="Hull Food Bank")
    assert response["Location"] == organisation.get_absolute_url()
    assert organisation.primary_identifier.org_id == "GB-CHC-1123456"


def test_an_identifier_held_by_another_organisation_is_refused(staff_client, organisation, other_organisation):
    IdentifierFactory(organisation=other_organisation, value="1123456")
    response = staff_client.post(
        reverse("register:identifiers", args=[organisation.pk]),
        {"identifier": "GB-CHC-1123456", "reason": "From the register"},
    )
    assert b"already belongs to Bradford Food Bank" in response.content
    assert not organisation.identifiers.exists()


def test_staff_manage_identifiers_and_one_stays_main(staff_client, organisation):
    url = reverse("register:identifiers", args=[organisation.pk])
    staff_client.post(url, {"identifier": "GB-CHC-1123456", "reason": "From the register"})
    staff_client.post(url, {"scheme": "GB-COH", "identifier": "1234567", "reason": "Companies House"})
    company = Identifier.objects.get(org_id="GB-COH-01234567")
    assert not company.is_primary
    staff_client.post(reverse("register:identifier-primary", args=[organisation.pk, company.pk]), {"reason": "Main"})
    company.refresh_from_db()
    assert company.is_primary
    staff_client.post(reverse("register:identifier-remove", args=[organisation.pk, company.pk]), {"reason": "Wrong"})
    assert list(organisation.identifiers.values_list("org_id", "is_primary")) == [("GB-CHC-1123456", True)]


@pytest.mark.parametrize("role", sorted(set(ALL_ROLES) - STAFF - {"public"}))
def test_only_staff_manage_identifiers_and_status(clients_by_role, organisation, role):
    for name in ("register:identifiers", "register:status"):
        assert clients_by_role[role].get(reverse(name, args=[organisation.pk])).status_code == 403


def test_removed_organisations_leave_search_but_keep_their_page(staff_client, client, organisation):
    staff_client.post(reverse("register:status", args=[organisation.pk]), {"reason": "Charity wound up"})
    organisation.refresh_from_db()
    assert organisation.status == OrganisationStatus.REMOVED
    assert organisation.name not in client.get(reverse("register:search")).content.decode()
    assert b"Removed" in client.get(organisation.get_absolute_url()).content
    staff_search = staff_client.get(reverse("register:search"), {"include_removed": "on"})
    assert organisation.name in staff_search.content.decode()


@pytest.mark.parametrize("role", ALL_ROLES)
def test_history_is_for_staff_and_the_commissioner(clients_by_role, organisation, role):
    response = clients_by_role[role].get(reverse("register:history", args=[organisation.pk]))
    if role == "public":
        assert response.status_code == 302
    elif role in STAFF | {"commissioner"}:
        assert response.status_code == 200
    else:
        assert response.status_code == 403


def test_history_shows_who_changed_what_when_and_why(staff_client, staff_user, organisation):
    staff_client.post(
        reverse("register:edit", args=[organisation.pk]),
        edit_data(organisation, description="We run a tenants' forum", reason="Annual report 2026"),
    )
    record = organisation.history.latest()
    assert record.history_user == staff_user
    assert record.history_change_reason == "Annual report 2026"
    html = staff_client.get(reverse("register:history", args=[organisation.pk])).content.decode()
    assert "Sam Staff" in html
    assert "Annual report 2026" in html
    assert "What the organisation does" in html
    assert "We run a tenants&#x27; forum" in html


def test_the_list_page_query_count_does_not_grow_with_rows(client, django_assert_num_queries):
    def count_for(rows: int) -> int:
        Organisation.objects.all().delete()
        for number in range(rows):
            IdentifierFactory(organisation=OrganisationFactory(name=f"Group {number}"))
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("register:search"), {"kind": "registered_charity"}).status_code == 200
        return len(queries)

    # A single page needs no count (it is the rows shown); more pages take one count, however many rows
    # (on PostgreSQL, after asking the planner's estimate, so that huge results are not counted).
    counting = 2 if connection.vendor == "postgresql" else 1
    assert count_for(3) + counting == count_for(25) == count_for(60)
    with django_assert_num_queries(count_for(25)):
        client.get(reverse("register:search"), {"kind": "registered_charity"})


def test_the_list_page_makes_a_fixed_number_of_queries(client, django_assert_num_queries):
    for number in range(25):
        IdentifierFactory(organisation=OrganisationFactory(name=f"Group {number}"))
    # areas, policy areas, characteristics (filter choices), count, rows with their characteristics
    planner_estimate = 1 if connection.vendor == "postgresql" else 0
    with django_assert_num_queries(5 + planner_estimate):
        client.get(reverse("register:search"), {"q": "group"})


def test_the_csv_download_is_the_page_shown_and_safe_in_spreadsheets(client):
    OrganisationFactory(name="=HYPERLINK(evil)")
    OrganisationFactory(name="Acorn Trust")
    response = client.get(reverse("register:search"), {"format": "csv"})
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/csv")
    assert "'=HYPERLINK(evil)" in body
    assert "Acorn Trust" in body
