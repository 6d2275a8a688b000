import pytest
from django.urls import reverse

from thirdsector.accounts.models import Membership
from thirdsector.accounts.roles import MembershipRole
from thirdsector.accounts.tests.factories import MembershipFactory, UserFactory
from thirdsector.register.models import Characteristic, Organisation, OrganisationStatus
from thirdsector.register.services.merge import merge_organisations
from thirdsector.register.services.organisations import RegisterError
from thirdsector.register.tests.factories import IdentifierFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(db):
    keep = OrganisationFactory(name="Leeds Tenants Federation", website="", description="")
    merge = OrganisationFactory(
        name="Leeds Tenants Federation Ltd", website="https://ltf.example.org", description="Tenants' voice"
    )
    return keep, merge


def test_merge_moves_identifiers_keeping_one_primary(pair, staff_user):
    keep, merge = pair
    IdentifierFactory(organisation=keep, value="1111111", is_primary=True)
    IdentifierFactory(organisation=merge, value="2222222", is_primary=True)
    merge_organisations(keep=keep, merge=merge, by=staff_user, reason="Same charity")
    identifiers = list(keep.identifiers.order_by("org_id").values_list("org_id", "is_primary"))
    assert identifiers == [("GB-CHC-1111111", True), ("GB-CHC-2222222", False)]


def test_merge_moves_memberships_and_keeps_one_link_when_both_had_it(pair, staff_user):
    keep, merge = pair
    both = UserFactory()
    MembershipFactory(user=both, organisation=keep, role=MembershipRole.ADMINISTRATOR)
    MembershipFactory(user=both, organisation=merge, role=MembershipRole.VIEWER)
    only_merged = MembershipFactory(organisation=merge).user
    result = merge_organisations(keep=keep, merge=merge, by=staff_user, reason="Same charity")
    assert set(Membership.objects.filter(organisation=keep).values_list("user_id", flat=True)) == {
        both.pk,
        only_merged.pk,
    }
    assert not Membership.objects.filter(organisation=merge).exists()
    assert result.duplicates_dropped["accounts.Membership"] == 1


def test_merge_fills_empty_fields_and_unites_characteristics(pair, staff_user):
    keep, merge = pair
    bme = Characteristic.objects.get(slug="bme-led")
    merge.characteristics.add(bme)
    merge_organisations(keep=keep, merge=merge, by=staff_user, reason="Same charity")
    keep.refresh_from_db()
    assert keep.website == "https://ltf.example.org"
    assert keep.description == "Tenants' voice"
    assert list(keep.characteristics.all()) == [bme]


def test_merged_record_is_kept_removed_and_points_to_the_kept_one(pair, staff_user):
    keep, merge = pair
    merge_organisations(keep=keep, merge=merge, by=staff_user, reason="Same charity")
    merge.refresh_from_db()
    assert merge.status == OrganisationStatus.REMOVED
    assert merge.merged_into == keep


def test_merge_is_audited_on_both_records_with_who_and_why(pair, staff_user):
    keep, merge = pair
    merge_organisations(keep=keep, merge=merge, by=staff_user, reason="Same charity")
    for organisation in (keep, merge):
        latest = organisation.history.latest()
        assert latest.history_user == staff_user
        assert "Same charity" in latest.history_change_reason
        assert f"#{merge.pk}" in latest.history_change_reason


def test_a_record_cannot_be_merged_twice_or_into_itself(pair, staff_user):
    keep, merge = pair
    with pytest.raises(RegisterError):
        merge_organisations(keep=keep, merge=keep, by=staff_user, reason="Oops")
    merge_organisations(keep=keep, merge=merge, by=staff_user, reason="Same charity")
    with pytest.raises(RegisterError):
        merge_organisations(keep=keep, merge=merge, by=staff_user, reason="Again")


def test_earlier_merges_follow_to_the_kept_record(pair, staff_user):
    keep, merge = pair
    older = OrganisationFactory(name="Leeds Tenants Fed")
    merge_organisations(keep=merge, merge=older, by=staff_user, reason="Same")
    merge_organisations(keep=keep, merge=merge, by=staff_user, reason="Same")
    older.refresh_from_db()
    assert older.merged_into == keep


def test_merge_page_merges_the_chosen_record(pair, staff_client):
    keep, merge = pair
    url = reverse("register:merge", args=[keep.pk, merge.pk])
    assert staff_client.get(url).status_code == 200
    response = staff_client.post(url, {"keep": str(merge.pk), "reason": "Same body"})
    assert response.status_code == 302
    keep.refresh_from_db()
    assert keep.merged_into_id == merge.pk


def test_merge_page_needs_a_choice_and_a_reason(pair, staff_client):
    keep, merge = pair
    response = staff_client.post(reverse("register:merge", args=[keep.pk, merge.pk]), {})
    assert b"Choose the record to keep" in response.content
    assert b"Enter the reason for this change" in response.content
    assert Organisation.objects.filter(merged_into__isnull=False).count() == 0


def test_merged_record_page_redirects_to_the_kept_one(pair, staff_user, client):
    keep, merge = pair
    merge_organisations(keep=keep, merge=merge, by=staff_user, reason="Same")
    response = client.get(reverse("register:organisation", args=[merge.pk]))
    assert response.status_code == 302
    assert response["Location"] == keep.get_absolute_url()


@pytest.mark.parametrize(
    "role",
    [
        "public",
        "assessor",
        "commissioner",
        "board_member",
        "council_officer",
        "fund_administrator",
        "organisation_member",
        "member_elsewhere",
    ],
)
def test_only_staff_see_duplicates_and_merge(clients_by_role, pair, role):
    keep, merge = pair
    for url in (reverse("register:duplicates"), reverse("register:merge", args=[keep.pk, merge.pk])):
        response = clients_by_role[role].get(url)
        expected = 302 if role == "public" else 403
        assert response.status_code == expected, url


def test_duplicates_lists_similar_names_at_one_postcode(staff_client):
    OrganisationFactory(name="Hull Neighbours Centre", postcode="HU1 1AA")
    OrganisationFactory(name="The Hull Neighbours Centre Ltd", postcode="HU1 1AA")
    OrganisationFactory(name="Hull Food Bank", postcode="HU1 1AA")
    OrganisationFactory(name="Hull Neighbours Centre", postcode="HU2 2BB")
    response = staff_client.get(reverse("register:duplicates"))
    pairs = [(p.first.name, p.second.name) for p in response.context["page_obj"]]
    assert pairs == [("Hull Neighbours Centre", "The Hull Neighbours Centre Ltd")]


def test_duplicates_page_query_count_does_not_grow(staff_client, django_assert_max_num_queries):
    for number in range(10):
        OrganisationFactory(name=f"Twin Group {number}", postcode=f"HU{number} 1AA")
        OrganisationFactory(name=f"Twin Group {number} Ltd", postcode=f"HU{number} 1AA")
    with django_assert_max_num_queries(8):
        staff_client.get(reverse("register:duplicates"))
