"""The register's JSON API: schema, search, records, writes by staff, tokens, throttling, query counts."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from openapi_schema_validator import OAS30Validator
from openapi_schema_validator import validate as validate_against_schema
from openapi_spec_validator import validate as validate_spec
from rest_framework.authtoken.models import Token
from rest_framework.throttling import AnonRateThrottle

from thirdsector.accounts.roles import Role
from thirdsector.accounts.tests.factories import UserFactory
from thirdsector.conftest import ALL_ROLES
from thirdsector.conftest import STAFF_ROLES as STAFF_ROLE_NAMES
from thirdsector.register import api_urls
from thirdsector.register.models import Area, Characteristic, Identifier, Organisation, OrganisationStatus, PolicyArea
from thirdsector.register.tests.factories import IdentifierFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

LIST = reverse("register_api:organisation-list")
AREAS = reverse("register_api:area-list")
LEEDS, BRADFORD, YORKSHIRE, LONDON_REGION = "E08000035", "E08000032", "E12000003", "E12000007"
STAFF_ROLES = tuple(sorted(STAFF_ROLE_NAMES))
OTHER_ROLES = tuple(role for role in ALL_ROLES if role not in STAFF_ROLE_NAMES and role != "public")


def detail_url(organisation) -> str:
    return reverse("register_api:organisation-detail", args=[organisation.pk])


def identifiers_url(organisation) -> str:
    return reverse("register_api:organisation-identifiers", args=[organisation.pk])


def area(gss_code: str) -> Area:
    return Area.objects.get(gss_code=gss_code)


def names(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [row["name"] for row in response.json()["results"]]


def post_json(client, url, data):
    return client.post(url, data, content_type="application/json")


def patch_json(client, url, data):
    return client.patch(url, data, content_type="application/json")


@pytest.fixture(autouse=True)
def fresh_throttle_counts():
    """Throttles count requests in the cache; each test starts with none counted."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def schema(client) -> dict:
    return client.get(reverse("api-schema"), {"format": "json"}).json()


def assert_matches_schema(instance, schema: dict, component: str) -> None:
    # Formats are checked so an empty email matches only the schema's "empty" branch, not "email" too.
    validate_against_schema(
        instance,
        {"$ref": f"#/components/schemas/{component}", "components": schema["components"]},
        cls=OAS30Validator,
        format_checker=OAS30Validator.FORMAT_CHECKER,
    )


# ---- The schema and its pages -----------------------------------------------------------------


def test_the_schema_is_valid_openapi_3(client):
    response = client.get(reverse("api-schema"), {"format": "json"})
    assert response.status_code == 200
    spec = response.json()
    assert spec["openapi"].startswith("3.")
    validate_spec(spec)


def test_the_schema_documents_the_filters_the_reason_and_the_refusals(schema):
    search = schema["paths"]["/api/v1/organisations/"]["get"]
    parameters = {parameter["name"] for parameter in search["parameters"]}
    assert {
        "q",
        "kind",
        "size_band",
        "area",
        "policy_area",
        "characteristic",
        "include_removed",
        "cursor",
    } <= parameters
    create = schema["paths"]["/api/v1/organisations/"]["post"]
    assert {"201", "400", "401", "403"} <= set(create["responses"])
    for component in ("OrganisationCreate", "IdentifierCreate"):
        assert "reason" in schema["components"]["schemas"][component]["required"]
    assert "reason" in schema["components"]["schemas"]["PatchedOrganisationUpdate"]["properties"]
    assert "tokenAuth" in schema["components"]["securitySchemes"]


@pytest.mark.parametrize("name", ["api-docs", "api-redoc"])
def test_the_documentation_pages_show(client, name):
    assert client.get(reverse(name)).status_code == 200


def test_every_api_url_declares_who_may_use_it():
    for pattern in api_urls.urlpatterns:
        assert getattr(pattern.callback, "access", ""), f"{pattern.pattern} does not declare its access"


# ---- Searching --------------------------------------------------------------------------------


def test_it_lists_active_organisations_by_name(client):
    OrganisationFactory(name="Zebra Crossing Trust")
    OrganisationFactory(name="Acorn Youth Club")
    OrganisationFactory(name="Gone Away Group", status=OrganisationStatus.REMOVED)
    assert names(client.get(LIST)) == ["Acorn Youth Club", "Zebra Crossing Trust"]


def test_a_row_matches_the_schema(client, schema):
    organisation = OrganisationFactory(name="Acorn Youth Club", latest_income=None, size_band="")
    IdentifierFactory(organisation=organisation, value="1123456")
    row = client.get(LIST).json()["results"][0]
    assert row["primary_org_id"] == "GB-CHC-1123456"
    assert row["local_authority"]["gss_code"] == LEEDS
    assert row["html_url"].endswith(organisation.get_absolute_url())
    assert_matches_schema(row, schema, "OrganisationRow")


def test_it_finds_by_words_of_the_name_in_any_order(client):
    OrganisationFactory(name="Leeds Tenants Federation")
    OrganisationFactory(name="Bradford Food Bank")
    assert names(client.get(LIST, {"q": "tenants leeds"})) == ["Leeds Tenants Federation"]


def test_it_finds_by_charity_number_and_org_id(client):
    IdentifierFactory(value="1123456", organisation__name="Numbered Charity")
    OrganisationFactory(name="Another")
    assert names(client.get(LIST, {"q": "1123456"})) == ["Numbered Charity"]
    assert names(client.get(LIST, {"q": " gb-chc-1123456 "})) == ["Numbered Charity"]


def test_it_finds_by_full_postcode_and_outward_code(client):
    OrganisationFactory(name="Sheffield One", postcode="S2 4AJ")
    OrganisationFactory(name="Leeds One", postcode="LS1 4AP")
    assert names(client.get(LIST, {"q": "s24aj"})) == ["Sheffield One"]
    assert names(client.get(LIST, {"q": "LS1"})) == ["Leeds One"]


def test_it_filters_by_kind(client):
    OrganisationFactory(name="A CIO", kind="cio")
    OrganisationFactory(name="A Charity")
    assert names(client.get(LIST, {"kind": "cio"})) == ["A CIO"]


def test_it_filters_by_size_band(client):
    OrganisationFactory(name="Big", latest_income=Decimal("5000000"))
    OrganisationFactory(name="Small", latest_income=Decimal("5000"))
    assert names(client.get(LIST, {"size_band": "micro"})) == ["Small"]


def test_it_filters_by_a_council_and_by_the_region_containing_it(client):
    OrganisationFactory(name="Based in Leeds")
    OrganisationFactory(name="Based in Bradford", local_authority=area(BRADFORD))
    serving = OrganisationFactory(name="Serves Leeds from London", local_authority=area("E09000033"))
    serving.areas_served.add(area(LEEDS))
    assert names(client.get(LIST, {"area": LEEDS})) == ["Based in Leeds", "Serves Leeds from London"]
    assert names(client.get(LIST, {"area": YORKSHIRE})) == [
        "Based in Bradford",
        "Based in Leeds",
        "Serves Leeds from London",
    ]
    assert names(client.get(LIST, {"area": LONDON_REGION})) == ["Serves Leeds from London"]


def test_it_filters_by_policy_area(client):
    housing = OrganisationFactory(name="Housing Group")
    housing.policy_areas.add(PolicyArea.objects.get(slug="housing"))
    OrganisationFactory(name="Sports Club").policy_areas.add(PolicyArea.objects.get(slug="sport"))
    assert names(client.get(LIST, {"policy_area": "housing"})) == ["Housing Group"]


def test_it_filters_by_characteristic(client):
    OrganisationFactory(name="Women-led Group").characteristics.add(Characteristic.objects.get(slug="women-led"))
    OrganisationFactory(name="Other Group")
    assert names(client.get(LIST, {"characteristic": "women-led"})) == ["Women-led Group"]


def test_filters_combine(client):
    match = OrganisationFactory(name="Small CIO in Leeds", kind="cio", latest_income=Decimal("5000"))
    match.characteristics.add(Characteristic.objects.get(slug="user-led"))
    OrganisationFactory(
        name="Small CIO in Bradford", kind="cio", latest_income=Decimal("5000"), local_authority=area(BRADFORD)
    )
    found = client.get(LIST, {"kind": "cio", "size_band": "micro", "area": LEEDS, "characteristic": "user-led"})
    assert names(found) == ["Small CIO in Leeds"]


@pytest.mark.parametrize(
    ("parameter", "value", "message"),
    [
        ("kind", "spaceship", "Choose a kind from the list"),
        ("size_band", "huge", "Choose a size band from the list"),
        ("area", "E99999999", "No area has the GSS code E99999999"),
        ("policy_area", "nothing", "No policy area has the slug nothing"),
        ("characteristic", "nothing", "No characteristic has the slug nothing"),
    ],
)
def test_an_unknown_filter_value_is_a_400_naming_the_parameter(client, parameter, value, message):
    response = client.get(LIST, {parameter: value})
    assert response.status_code == 400
    assert message in response.json()[parameter][0]


def test_removed_organisations_are_listed_for_staff_who_ask(client, staff_client):
    OrganisationFactory(name="Active")
    OrganisationFactory(name="Removed", status=OrganisationStatus.REMOVED)
    assert names(staff_client.get(LIST)) == ["Active"]
    assert names(staff_client.get(LIST, {"include_removed": "true"})) == ["Active", "Removed"]


@pytest.mark.parametrize("role", ["public", *OTHER_ROLES])
def test_removed_organisations_stay_hidden_from_everyone_else(clients_by_role, role):
    OrganisationFactory(name="Removed", status=OrganisationStatus.REMOVED)
    assert "Removed" not in names(clients_by_role[role].get(LIST, {"include_removed": "true"}))


# ---- Pages ------------------------------------------------------------------------------------


def test_pages_follow_on_without_repeats_or_gaps(client):
    # Repeated names test the tie-break on id.
    created = [OrganisationFactory(name=f"Group {index % 7}") for index in range(25)]
    seen, url, pages = [], LIST + "?page_size=10", 0
    while url:
        response = client.get(url)
        assert response.status_code == 200
        body = response.json()
        seen.extend(row["id"] for row in body["results"])
        url = body["next"]
        pages += 1
    assert pages == 3
    assert len(seen) == len(set(seen)) == 25
    expected = [organisation.pk for organisation in sorted(created, key=lambda o: (o.name, o.pk))]
    assert seen == expected


def test_the_previous_link_returns_the_page_before(client):
    for index in range(12):
        OrganisationFactory(name=f"Group {index:02}")
    first = client.get(LIST, {"page_size": 5}).json()
    assert first["previous"] is None
    second = client.get(first["next"]).json()
    back = client.get(second["previous"]).json()
    assert [row["id"] for row in back["results"]] == [row["id"] for row in first["results"]]
    assert back["next"] is not None


def test_a_cursor_stays_exact_when_rows_are_added_before_it(client):
    for index in range(6):
        OrganisationFactory(name=f"Group {index}")
    first = client.get(LIST, {"page_size": 3}).json()
    OrganisationFactory(name="Aardvark Club")
    second = client.get(first["next"]).json()
    assert [row["name"] for row in second["results"]] == ["Group 3", "Group 4", "Group 5"]
    assert second["next"] is None


def test_the_filters_carry_on_to_the_next_page(client):
    for index in range(4):
        OrganisationFactory(name=f"CIO {index}", kind="cio")
        OrganisationFactory(name=f"Charity {index}")
    first = client.get(LIST, {"kind": "cio", "page_size": 2}).json()
    second = client.get(first["next"]).json()
    assert [row["name"] for row in second["results"]] == ["CIO 2", "CIO 3"]


@pytest.mark.parametrize("cursor", ["rubbish", "bm90IGpzb24", "WyJ4IiwiYSIsMV0"])
def test_a_cursor_that_was_not_given_out_is_a_400(client, cursor):
    response = client.get(LIST, {"cursor": cursor})
    assert response.status_code == 400
    assert "cursor" in response.json()


@pytest.mark.parametrize("size", ["0", "101", "ten"])
def test_a_page_size_out_of_range_is_a_400(client, size):
    response = client.get(LIST, {"page_size": size})
    assert response.status_code == 400
    assert response.json()["page_size"] == ["Enter a whole number from 1 to 100"]


# ---- One organisation -------------------------------------------------------------------------


def test_an_organisation_is_shown_with_its_whole_record(client, schema):
    organisation = OrganisationFactory(
        name="Leeds Tenants Federation",
        latest_income=Decimal("125000.00"),
        address_line_1="1 Park Row",
        town="Leeds",
        postcode="LS1 5AB",
        website="https://tenants.example.org",
    )
    IdentifierFactory(organisation=organisation, value="1123456")
    IdentifierFactory(organisation=organisation, scheme="GB-COH", value="01234567", is_primary=False)
    organisation.characteristics.add(Characteristic.objects.get(slug="user-led"))
    organisation.policy_areas.add(PolicyArea.objects.get(slug="housing"))
    organisation.areas_served.add(area(LEEDS), area(BRADFORD))
    response = client.get(detail_url(organisation))
    assert response.status_code == 200
    body = response.json()
    assert body["name"] == "Leeds Tenants Federation"
    assert body["identifiers"] == [
        {"org_id": "GB-CHC-1123456", "scheme": "GB-CHC", "value": "1123456", "is_primary": True},
        {"org_id": "GB-COH-01234567", "scheme": "GB-COH", "value": "01234567", "is_primary": False},
    ]
    assert body["primary_org_id"] == "GB-CHC-1123456"
    assert body["characteristics"] == [{"slug": "user-led", "name": "User-led"}]
    assert body["policy_areas"] == [{"slug": "housing", "name": "Housing and tenant engagement"}]
    assert [(served["gss_code"], served["name"]) for served in body["areas_served"]] == [
        (BRADFORD, "Bradford"),
        (LEEDS, "Leeds"),
    ]
    assert body["local_authority"]["gss_code"] == LEEDS
    assert body["local_authority"]["url"].endswith(reverse("register_api:area-detail", args=[LEEDS]))
    assert (body["size_band"], body["latest_income"]) == ("medium", "125000.00")
    assert (body["address_line_1"], body["town"], body["postcode"]) == ("1 Park Row", "Leeds", "LS1 5AB")
    assert body["status"] == "active"
    assert body["url"] == "http://testserver" + detail_url(organisation)
    assert body["html_url"] == "http://testserver" + organisation.get_absolute_url()
    assert_matches_schema(body, schema, "Organisation")


def test_an_unknown_organisation_is_a_404(client):
    assert client.get(reverse("register_api:organisation-detail", args=[999999])).status_code == 404


def test_a_removed_organisation_is_hidden_from_the_public_and_shown_to_staff(clients_by_role):
    removed = OrganisationFactory(status=OrganisationStatus.REMOVED)
    for role, client in clients_by_role.items():
        expected = 200 if role in STAFF_ROLES else 404
        assert client.get(detail_url(removed)).status_code == expected, role


# ---- Areas ------------------------------------------------------------------------------------


def test_areas_are_listed_by_name_and_filtered_by_type_and_whether_current(client):
    regions = client.get(AREAS, {"type": "RGN", "page_size": 100}).json()
    assert len(regions["results"]) == 9
    assert regions["results"][0]["name"] == "East Midlands"
    abolished = client.get(AREAS, {"type": "CTY", "current": "false", "page_size": 100}).json()["results"]
    assert abolished
    assert all(not row["is_current"] and row["type"] == "CTY" for row in abolished)
    within = [row["gss_code"] for row in client.get(AREAS, {"parent": YORKSHIRE, "page_size": 100}).json()["results"]]
    assert LEEDS in within and BRADFORD in within


def test_the_area_list_pages_through_every_area(client):
    seen, url = [], AREAS + "?page_size=100"
    while url:
        body = client.get(url).json()
        seen.extend(row["gss_code"] for row in body["results"])
        url = body["next"]
    assert len(seen) == len(set(seen)) == Area.objects.filter(gss_code__isnull=False).count()


def test_an_area_is_shown_with_its_region_and_the_places_around_it(client, schema):
    leeds = client.get(reverse("register_api:area-detail", args=[LEEDS])).json()
    assert (leeds["name"], leeds["type"], leeds["parent"]["gss_code"]) == ("Leeds", "MD", YORKSHIRE)
    assert leeds["organisations_url"].endswith(f"{LIST}?area={LEEDS}")
    assert_matches_schema(leeds, schema, "AreaDetail")
    region = client.get(reverse("register_api:area-detail", args=[YORKSHIRE])).json()
    assert LEEDS in [child["gss_code"] for child in region["children"]]
    county = client.get(reverse("register_api:area-detail", args=["E10000023"])).json()
    assert county["is_current"] is False
    assert [successor["gss_code"] for successor in county["replaced_by"]] == ["E06000065"]


def test_an_unknown_area_is_a_404(client):
    assert client.get(reverse("register_api:area-detail", args=["E99999999"])).status_code == 404


def test_areas_cannot_be_written(staff_client):
    assert post_json(staff_client, AREAS, {"name": "Atlantis"}).status_code == 405


# ---- Who may write ----------------------------------------------------------------------------

NEW_ORGANISATION = {
    "name": "Wakefield Carers",
    "kind": "registered_charity",
    "identifiers": ["GB-CHC-1123456"],
    "reason": "Registered with the Charity Commission",
}


def writes(organisation) -> list[tuple]:
    return [
        (post_json, LIST, {**NEW_ORGANISATION, "identifiers": ["GB-CHC-1123456"]}),
        (patch_json, detail_url(organisation), {"town": "Wakefield", "reason": "Moved"}),
        (post_json, identifiers_url(organisation), {"identifier": "GB-CHC-1123456", "reason": "Found it"}),
    ]


@pytest.mark.parametrize("role", OTHER_ROLES)
def test_other_roles_cannot_write(clients_by_role, organisation, role):
    for send, url, data in writes(organisation):
        response = send(clients_by_role[role], url, data)
        assert response.status_code == 403, (role, url)
        assert response.json()["detail"] == "Only department staff and platform admins may change the register"
    assert not Identifier.objects.exists()
    assert not Organisation.objects.filter(town="Wakefield").exists()


def test_the_public_is_asked_to_authenticate(client, organisation):
    for send, url, data in writes(organisation):
        response = send(client, url, data)
        assert response.status_code == 401, url
        assert response["WWW-Authenticate"] == "Token"
    assert not Identifier.objects.exists()


@pytest.mark.parametrize("role", STAFF_ROLES)
def test_staff_add_an_organisation_with_its_identifiers(clients_by_role, role):
    response = post_json(
        clients_by_role[role],
        LIST,
        {
            **NEW_ORGANISATION,
            "identifiers": [" gb-chc-1123456 ", "GB-COH-1234567"],
            "latest_income": "15000",
            "local_authority": "E08000036",
            "areas_served": ["E08000036", LEEDS],
            "characteristics": ["user-led"],
            "policy_areas": ["health", "advice"],
            "postcode": "wf1 2ab",
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert response["Location"] == body["url"]
    organisation = Organisation.objects.get(pk=body["id"])
    assert organisation.name == "Wakefield Carers"
    assert (organisation.size_band, organisation.postcode) == ("small", "WF1 2AB")
    assert [(i.org_id, i.is_primary) for i in organisation.identifiers.all()] == [
        ("GB-CHC-1123456", True),
        ("GB-COH-01234567", False),
    ]
    assert sorted(organisation.areas_served.values_list("gss_code", flat=True)) == ["E08000035", "E08000036"]
    assert body["policy_areas"] == [
        {"slug": "advice", "name": "Advice and advocacy"},
        {"slug": "health", "name": "Health and wellbeing"},
    ]


def test_creating_records_who_and_why_in_the_history(staff_user, staff_client):
    response = post_json(staff_client, LIST, NEW_ORGANISATION)
    organisation = Organisation.objects.get(pk=response.json()["id"])
    record = organisation.history.get()
    assert (record.history_type, record.history_user, record.history_change_reason) == (
        "+",
        staff_user,
        "Registered with the Charity Commission",
    )
    identifier_record = Identifier.history.get(org_id="GB-CHC-1123456")
    assert (identifier_record.history_user, identifier_record.history_change_reason) == (
        staff_user,
        "Registered with the Charity Commission",
    )


def test_staff_change_only_the_fields_sent(staff_user, staff_client):
    organisation = OrganisationFactory(name="Leeds Tenants", description="Tenants together")
    response = patch_json(
        staff_client,
        detail_url(organisation),
        {"latest_income": "2500000", "policy_areas": ["housing"], "reason": "Latest accounts filed"},
    )
    assert response.status_code == 200, response.content
    assert response.json()["size_band"] == "large"
    organisation.refresh_from_db()
    assert (organisation.name, organisation.description) == ("Leeds Tenants", "Tenants together")
    assert organisation.latest_income == Decimal("2500000")
    assert list(organisation.policy_areas.values_list("slug", flat=True)) == ["housing"]
    record = organisation.history.latest()
    assert (record.history_user, record.history_change_reason) == (staff_user, "Latest accounts filed")


def test_staff_add_an_identifier(staff_user, staff_client, organisation):
    IdentifierFactory(organisation=organisation, value="1123456")
    response = post_json(
        staff_client,
        identifiers_url(organisation),
        {"identifier": "1234567", "scheme": "GB-COH", "make_primary": True, "reason": "Incorporated"},
    )
    assert response.status_code == 201, response.content
    assert response.json() == {"org_id": "GB-COH-01234567", "scheme": "GB-COH", "value": "01234567", "is_primary": True}
    assert list(organisation.identifiers.values_list("org_id", "is_primary")) == [
        ("GB-COH-01234567", True),
        ("GB-CHC-1123456", False),
    ]
    record = Identifier.history.filter(org_id="GB-COH-01234567").get()
    assert (record.history_user, record.history_change_reason) == (staff_user, "Incorporated")


@pytest.mark.parametrize("reason", [None, "", "   "])
def test_every_write_needs_a_reason(staff_client, organisation, reason):
    for send, url, data in writes(organisation):
        data = {key: value for key, value in data.items() if key != "reason"}
        if reason is not None:
            data["reason"] = reason
        response = send(staff_client, url, data)
        assert response.status_code == 400, url
        assert response.json()["reason"] == ["Enter the reason for this change"]
    assert not Identifier.objects.exists()
    assert Organisation.objects.count() == 1


def test_a_reason_longer_than_the_history_keeps_is_refused(staff_client, organisation):
    response = patch_json(staff_client, detail_url(organisation), {"town": "Otley", "reason": "x" * 101})
    assert response.status_code == 400
    assert response.json()["reason"] == ["Enter a reason of 100 characters or fewer"]


def test_an_org_id_of_the_wrong_shape_is_a_400_naming_the_shape(staff_client, organisation):
    response = post_json(staff_client, LIST, {**NEW_ORGANISATION, "identifiers": ["GB-CHC-12"]})
    assert response.status_code == 400
    assert response.json()["identifiers"] == {
        "0": [
            "Enter a GB-CHC identifier (Charity Commission for England and Wales) as a charity number of 6 or 7 digits"
        ]
    }
    response = post_json(
        staff_client, identifiers_url(organisation), {"identifier": "SC12", "scheme": "GB-SC", "reason": "Found"}
    )
    assert response.status_code == 400
    assert response.json()["identifier"] == [
        "Enter a GB-SC identifier (Scottish Charity Regulator) as SC followed by 6 digits, like SC012345"
    ]
    assert not Organisation.objects.filter(name="Wakefield Carers").exists()


def test_an_org_id_another_organisation_holds_is_a_400_and_nothing_is_saved(staff_client, organisation):
    IdentifierFactory(organisation=organisation, value="1123456")
    response = post_json(staff_client, LIST, {**NEW_ORGANISATION, "identifiers": ["GB-CHC-1123456"]})
    assert response.status_code == 400
    assert response.json()["identifiers"] == [
        "GB-CHC-1123456 already belongs to Leeds Tenants Federation: if they are the same body, merge them"
    ]
    assert not Organisation.objects.filter(name="Wakefield Carers").exists()
    again = post_json(staff_client, identifiers_url(organisation), {"identifier": "GB-CHC-1123456", "reason": "Again"})
    assert again.status_code == 400
    assert again.json()["identifier"] == ["GB-CHC-1123456 is already one of this organisation's identifiers"]


def test_invalid_fields_are_400s_with_plain_messages(staff_client, organisation):
    response = post_json(
        staff_client,
        LIST,
        {"kind": "spaceship", "latest_income": "-5", "local_authority": "E99999999", "reason": "Test"},
    )
    assert response.status_code == 400
    errors = response.json()
    assert errors["name"] == ["Enter the organisation's name"]
    assert errors["kind"][0].startswith("Choose a kind from the list")
    assert errors["latest_income"] == ["Income cannot be less than £0"]
    assert errors["local_authority"] == ["No current area has the GSS code E99999999: see /api/v1/areas/?current=true"]


def test_fields_that_cannot_be_written_are_refused_not_ignored(staff_client, organisation):
    response = patch_json(
        staff_client,
        detail_url(organisation),
        {"status": "removed", "size_band": "major", "identifiers": ["GB-CHC-1123456"], "reason": "Try"},
    )
    assert response.status_code == 400
    errors = response.json()
    assert set(errors) == {"status", "size_band", "identifiers"}
    assert errors["size_band"] == ["The size band follows from latest_income"]
    organisation.refresh_from_db()
    assert organisation.status == OrganisationStatus.ACTIVE


def test_a_merged_record_cannot_be_changed(staff_client, organisation, other_organisation):
    merged = OrganisationFactory(name="Old Name", status=OrganisationStatus.REMOVED, merged_into=other_organisation)
    response = patch_json(staff_client, detail_url(merged), {"town": "Otley", "reason": "Moved"})
    assert response.status_code == 400
    assert response.json()["non_field_errors"] == [
        f"This record was merged into Bradford Food Bank (id {other_organisation.pk}): change that record instead"
    ]


def test_writes_to_an_unknown_organisation_are_404s(staff_client):
    missing = reverse("register_api:organisation-detail", args=[999999])
    assert patch_json(staff_client, missing, {"town": "Otley", "reason": "Moved"}).status_code == 404
    missing_identifiers = reverse("register_api:organisation-identifiers", args=[999999])
    assert (
        post_json(staff_client, missing_identifiers, {"identifier": "GB-CHC-1123456", "reason": "x"}).status_code == 404
    )


def test_put_and_delete_are_not_offered(staff_client, organisation):
    assert staff_client.put(detail_url(organisation), {}, content_type="application/json").status_code == 405
    assert staff_client.delete(detail_url(organisation)).status_code == 405


# ---- Tokens -----------------------------------------------------------------------------------


def token_client(key: str) -> Client:
    return Client(headers={"Authorization": f"Token {key}"})


def test_a_staff_token_writes_and_is_recorded_as_its_person(db):
    machine = UserFactory(email="importer@example.org", roles=[Role.DEPARTMENT_STAFF])
    client = token_client(Token.objects.create(user=machine).key)
    assert names(client.get(LIST)) == []
    response = post_json(client, LIST, NEW_ORGANISATION)
    assert response.status_code == 201, response.content
    assert Organisation.objects.get().history.get().history_user == machine


def test_a_token_of_someone_who_is_not_staff_reads_but_cannot_write(member_user):
    OrganisationFactory(name="Visible")
    client = token_client(Token.objects.create(user=member_user).key)
    assert "Visible" in names(client.get(LIST))
    assert post_json(client, LIST, NEW_ORGANISATION).status_code == 403


def test_an_unknown_token_is_a_401(client):
    response = token_client("0" * 40).get(LIST)
    assert response.status_code == 401
    assert response.json()["detail"] == "Invalid token."


def test_the_command_issues_a_token(db):
    staff = UserFactory(email="importer@example.org", roles=[Role.DEPARTMENT_STAFF])
    out, err = StringIO(), StringIO()
    call_command("create_api_token", "Importer@Example.org", stdout=out, stderr=err)
    assert out.getvalue().strip() == Token.objects.get(user=staff).key
    assert "may change the register" in err.getvalue()


def test_the_command_replaces_a_token_only_when_asked(db):
    person = UserFactory(email="reader@example.org")
    old = Token.objects.create(user=person).key
    with pytest.raises(CommandError, match="already has a token: use --replace"):
        call_command("create_api_token", "reader@example.org", stdout=StringIO(), stderr=StringIO())
    out = StringIO()
    call_command("create_api_token", "reader@example.org", "--replace", stdout=out, stderr=StringIO())
    new = Token.objects.get(user=person).key
    assert new != old and out.getvalue().strip() == new
    assert token_client(old).get(LIST).status_code == 401


@pytest.mark.parametrize(
    ("email", "message"), [("nobody@example.org", "No one has the email"), ("off@example.org", "switched off")]
)
def test_the_command_refuses_unknown_and_switched_off_people(db, email, message):
    UserFactory(email="off@example.org", is_active=False)
    with pytest.raises(CommandError, match=message):
        call_command("create_api_token", email, stdout=StringIO(), stderr=StringIO())


# ---- Throttling -------------------------------------------------------------------------------


def test_the_public_is_throttled(client, monkeypatch):
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "2/minute"})
    assert [client.get(LIST).status_code for _ in range(3)] == [200, 200, 429]
    assert "Retry-After" in client.get(LIST)


# ---- Query counts -----------------------------------------------------------------------------


def make_organisations(count: int) -> None:
    user_led = Characteristic.objects.get(slug="user-led")
    for index in range(count):
        organisation = OrganisationFactory(name=f"Group {index:02}")
        IdentifierFactory(organisation=organisation)
        organisation.characteristics.add(user_led)


@pytest.mark.parametrize("rows", [5, 25])
def test_the_list_takes_the_same_queries_whatever_the_number_of_rows(client, django_assert_num_queries, rows):
    make_organisations(rows)
    # The page with its primary Org-IDs and local authorities; then the characteristics of its rows.
    with django_assert_num_queries(2):
        response = client.get(LIST, {"page_size": 100})
    assert len(response.json()["results"]) == rows


@pytest.mark.parametrize("rows", [5, 25])
def test_a_filtered_list_takes_the_same_queries_whatever_the_number_of_rows(client, django_assert_num_queries, rows):
    make_organisations(rows)
    # The region and the characteristic named; the places within the region (one query for the
    # tree of areas, kept in memory outside tests); the page; its characteristics.
    with django_assert_num_queries(5):
        response = client.get(LIST, {"area": YORKSHIRE, "characteristic": "user-led", "page_size": 100})
    assert len(response.json()["results"]) == rows


@pytest.mark.parametrize("rows", [5, 25])
def test_the_list_for_staff_with_a_token_takes_the_same_queries(django_assert_num_queries, rows):
    make_organisations(rows)
    client = token_client(Token.objects.create(user=UserFactory(roles=[Role.DEPARTMENT_STAFF])).key)
    # The token and its person; their roles (for include_removed); the page; its characteristics.
    with django_assert_num_queries(4):
        response = client.get(LIST, {"include_removed": "true", "page_size": 100})
    assert len(response.json()["results"]) == rows


def test_an_organisation_takes_a_fixed_number_of_queries(client, django_assert_num_queries):
    organisation = OrganisationFactory()
    for index in range(5):
        IdentifierFactory(organisation=organisation, is_primary=index == 0)
    organisation.areas_served.add(*Area.objects.filter(parent__gss_code=YORKSHIRE))
    # The record with its local authority; identifiers, characteristics, policy areas, areas served.
    with django_assert_num_queries(5):
        assert client.get(detail_url(organisation)).status_code == 200
