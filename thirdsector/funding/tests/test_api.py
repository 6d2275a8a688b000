"""The funding JSON API: who sees which programmes, rounds, applications and awards; filters; pages;
query counts; the schema."""

import datetime

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openapi_schema_validator import OAS30Validator
from openapi_schema_validator import validate as validate_against_schema
from openapi_spec_validator import validate as validate_spec
from rest_framework.authtoken.models import Token

from thirdsector.accounts.roles import MembershipRole, Role
from thirdsector.accounts.tests.factories import MembershipFactory, UserFactory
from thirdsector.conftest import ALL_ROLES, signed_in_client
from thirdsector.funding.api import urls as api_urls
from thirdsector.register.tests.factories import OrganisationFactory

from .factories import ApplicationFactory, AwardFactory, ProgrammeFactory, RoundFactory

pytestmark = pytest.mark.django_db

PROGRAMMES = reverse("funding_api:programme-list")
ROUNDS = reverse("funding_api:round-list")
APPLICATIONS = reverse("funding_api:application-list")
AWARDS = reverse("funding_api:award-list")
STAFF = ("department_staff", "platform_admin")
# Roles that neither run a programme nor belong to `organisation` (the fund administrator belongs to no body).
UNRELATED = tuple(role for role in ALL_ROLES if role not in (*STAFF, "organisation_member", "public"))


@pytest.fixture(autouse=True)
def fresh_throttle_counts():
    cache.clear()
    yield
    cache.clear()


def today() -> datetime.date:
    return timezone.localdate()


def results(response) -> list[dict]:
    assert response.status_code == 200, response.content
    return response.json()["results"]


def references(response) -> list[str]:
    return sorted(row["reference"] for row in results(response))


@pytest.fixture
def schema(client) -> dict:
    return client.get(reverse("api-schema"), {"format": "json"}).json()


def assert_matches_schema(instance, schema: dict, component: str) -> None:
    validate_against_schema(
        instance,
        {"$ref": f"#/components/schemas/{component}", "components": schema["components"]},
        cls=OAS30Validator,
        format_checker=OAS30Validator.FORMAT_CHECKER,
    )


@pytest.fixture
def unpublished_round(programme):
    return RoundFactory(programme=programme, name="Next year's round", is_published=False)


@pytest.fixture
def applications(open_round, organisation, other_organisation):
    """One application from `organisation` (ours) and one from another organisation (theirs)."""
    return {
        "ours": ApplicationFactory(round=open_round, organisation=organisation, reference="SPG-OURS2345"),
        "theirs": ApplicationFactory(round=open_round, organisation=other_organisation, reference="SPG-THRS2345"),
    }


@pytest.fixture
def awards(programme, organisation, other_organisation):
    """A published award to another organisation; unpublished ones to ours and to theirs."""
    return {
        "published": AwardFactory(
            programme=programme,
            organisation=other_organisation,
            reference="SPG-PUBL2345",
            status="accepted",
            published_on=today() - datetime.timedelta(days=1),
        ),
        "ours": AwardFactory(programme=programme, organisation=organisation, reference="SPG-OURS2345"),
        "theirs": AwardFactory(programme=programme, organisation=other_organisation, reference="SPG-THRS2345"),
    }


@pytest.fixture
def fund_administrator_client(programme):
    """A fund administrator who belongs to the body that administers `programme`: runs it."""
    user = UserFactory(roles=[Role.FUND_ADMINISTRATOR])
    MembershipFactory(user=user, organisation=programme.administering_body, role=MembershipRole.EDITOR)
    return signed_in_client(user)


# ---- The schema --------------------------------------------------------------------------------


def test_the_schema_stays_valid_openapi_3_with_the_funding_endpoints(schema):
    validate_spec(schema)
    for path in ("/api/v1/programmes/", "/api/v1/rounds/", "/api/v1/applications/", "/api/v1/awards/"):
        assert set(schema["paths"][path]) == {"get"}, path
    assert {"programme", "status", "financial_year", "organisation", "cursor"} <= {
        parameter["name"] for parameter in schema["paths"]["/api/v1/awards/"]["get"]["parameters"]
    }
    assert "401" in schema["paths"]["/api/v1/applications/"]["get"]["responses"]
    assert "404" in schema["paths"]["/api/v1/applications/{reference}/"]["get"]["responses"]


def test_every_funding_api_url_declares_who_may_use_it():
    for pattern in api_urls.urlpatterns:
        assert getattr(pattern.callback, "access", ""), f"{pattern.pattern} does not declare its access"


def test_rows_match_the_schema(staff_client, schema, programme, applications, awards, unpublished_round):
    assert_matches_schema(results(staff_client.get(PROGRAMMES))[0], schema, "Programme")
    detail = staff_client.get(reverse("funding_api:programme-detail", args=[programme.slug])).json()
    assert_matches_schema(detail, schema, "ProgrammeDetail")
    for row in results(staff_client.get(ROUNDS)):
        assert_matches_schema(row, schema, "Round")
    for row in results(staff_client.get(APPLICATIONS)):
        assert_matches_schema(row, schema, "Application")
    for row in results(staff_client.get(AWARDS)):
        assert_matches_schema(row, schema, "Award")
    for row in results(Client().get(AWARDS)):
        assert_matches_schema(row, schema, "Award")


def test_writes_are_not_offered(staff_client, awards):
    assert staff_client.post(AWARDS, {}, content_type="application/json").status_code == 405
    url = reverse("funding_api:award-detail", args=["SPG-OURS2345"])
    assert staff_client.patch(url, {}, content_type="application/json").status_code == 405
    assert staff_client.delete(url).status_code == 405


# ---- Programmes and rounds ---------------------------------------------------------------------


@pytest.mark.parametrize("role", ALL_ROLES)
def test_everyone_sees_the_programmes_with_their_budgets_and_criteria(clients_by_role, programme, role):
    client = clients_by_role[role]
    assert [row["slug"] for row in results(client.get(PROGRAMMES))] == ["strategic-partners"]
    detail = client.get(reverse("funding_api:programme-detail", args=["strategic-partners"])).json()
    assert [criterion["name"] for criterion in detail["criteria"]] == ["Reach", "Capacity"]
    assert len(detail["budgets"]) == 4
    assert detail["budgets"][0]["amount"] == "1000000.00"
    assert detail["budgets"][0]["remaining"] == "1000000.00"


def test_a_closed_programme_shows_what_replaced_what(client, programme):
    old = ProgrammeFactory(name="Special Grants Programme", slug="special-grants", code="SGP", status="closed")
    programme.replaces = old
    programme.save()
    rows = {row["slug"]: row for row in results(client.get(PROGRAMMES))}
    assert rows["special-grants"]["status"] == "closed"
    assert rows["strategic-partners"]["replaces"] == "http://testserver/api/v1/programmes/special-grants/"


def test_an_unknown_programme_is_a_404(client):
    assert client.get(reverse("funding_api:programme-detail", args=["nothing-here"])).status_code == 404


@pytest.mark.parametrize("role", ALL_ROLES)
def test_rounds_published_for_everyone_and_unpublished_for_staff(clients_by_role, role, open_round, unpublished_round):
    names = sorted(row["name"] for row in results(clients_by_role[role].get(ROUNDS)))
    hidden = reverse("funding_api:round-detail", args=[unpublished_round.pk])
    if role in STAFF:
        assert names == ["Core funding 2027 to 2030", "Next year's round"]
        assert clients_by_role[role].get(hidden).status_code == 200
    else:
        assert names == ["Core funding 2027 to 2030"]
        assert clients_by_role[role].get(hidden).status_code == 404


def test_a_fund_administrator_sees_the_unpublished_rounds_of_the_programmes_their_body_runs(
    fund_administrator_client, open_round, unpublished_round
):
    other = RoundFactory(is_published=False, name="Another programme's draft round")
    names = sorted(row["name"] for row in results(fund_administrator_client.get(ROUNDS)))
    assert names == ["Core funding 2027 to 2030", "Next year's round"]
    assert other.name not in names


def test_rounds_filter_by_programme_and_whether_open(client, programme, open_round):
    closed = RoundFactory(
        programme=programme,
        name="Last year's round",
        opens_on=today() - datetime.timedelta(days=400),
        closes_on=today() - datetime.timedelta(days=300),
    )
    RoundFactory(name="Another programme's round")
    assert [row["name"] for row in results(client.get(ROUNDS, {"programme": programme.slug}))] == [
        open_round.name,
        closed.name,
    ]
    open_rows = results(client.get(ROUNDS, {"programme": programme.slug, "open": "true"}))
    assert [(row["name"], row["is_open"]) for row in open_rows] == [(open_round.name, True)]
    assert [row["name"] for row in results(client.get(ROUNDS, {"programme": programme.slug, "open": "false"}))] == [
        closed.name
    ]


# ---- Applications ------------------------------------------------------------------------------


def test_the_public_is_asked_to_sign_in_for_applications(client, applications):
    assert client.get(APPLICATIONS).status_code == 401
    assert client.get(reverse("funding_api:application-detail", args=["SPG-OURS2345"])).status_code == 401


@pytest.mark.parametrize("role", [role for role in ALL_ROLES if role != "public"])
def test_who_sees_which_applications(clients_by_role, role, applications):
    client = clients_by_role[role]
    expected = {
        "department_staff": ["SPG-OURS2345", "SPG-THRS2345"],
        "platform_admin": ["SPG-OURS2345", "SPG-THRS2345"],
        "organisation_member": ["SPG-OURS2345"],
    }.get(role, [])
    assert references(client.get(APPLICATIONS)) == expected
    for reference in ("SPG-OURS2345", "SPG-THRS2345"):
        status = client.get(reverse("funding_api:application-detail", args=[reference])).status_code
        assert status == (200 if reference in expected else 404), (role, reference)


def test_a_viewer_of_the_organisation_sees_its_applications(viewer_user, applications):
    assert references(signed_in_client(viewer_user).get(APPLICATIONS)) == ["SPG-OURS2345"]


def test_a_fund_administrator_sees_the_applications_to_programmes_their_body_runs(
    fund_administrator_client, applications
):
    elsewhere = ApplicationFactory(reference="XYZ-ELSE2345")
    assert references(fund_administrator_client.get(APPLICATIONS)) == ["SPG-OURS2345", "SPG-THRS2345"]
    detail = reverse("funding_api:application-detail", args=[elsewhere.reference])
    assert fund_administrator_client.get(detail).status_code == 404


def test_an_application_shows_the_feedback_but_not_the_panels_reasons(member_client, applications):
    application = applications["ours"]
    application.status = "declined"
    application.decision_reasons = "Weak on reach."
    application.feedback = "Show more evidence of reach."
    application.save()
    body = member_client.get(reverse("funding_api:application-detail", args=[application.reference])).json()
    assert body["feedback"] == "Show more evidence of reach."
    assert "Weak on reach." not in str(body)
    assert body["organisation"]["name"] == "Leeds Tenants Federation"
    assert body["programme"]["slug"] == "strategic-partners"


def test_applications_filter_by_round_and_status(staff_client, applications, programme):
    later = RoundFactory(programme=programme, name="Later round")
    ApplicationFactory(round=later, reference="SPG-LATR2345", status="submitted")
    applications["ours"].status = "submitted"
    applications["ours"].save()
    assert references(staff_client.get(APPLICATIONS, {"round": later.pk})) == ["SPG-LATR2345"]
    assert references(staff_client.get(APPLICATIONS, {"status": "submitted"})) == ["SPG-LATR2345", "SPG-OURS2345"]
    assert references(
        staff_client.get(APPLICATIONS, {"status": "draft", "round": applications["theirs"].round_id})
    ) == ["SPG-THRS2345"]


def test_an_unknown_application_status_is_a_400_naming_the_parameter(staff_client):
    response = staff_client.get(APPLICATIONS, {"status": "funded"})
    assert response.status_code == 400
    assert "status" in response.json()


def test_an_application_links_to_its_award(staff_client, applications, programme):
    AwardFactory(programme=programme, organisation=applications["ours"].organisation, application=applications["ours"])
    rows = {row["reference"]: row for row in results(staff_client.get(APPLICATIONS))}
    assert rows["SPG-OURS2345"]["award"].startswith("http://testserver/api/v1/awards/")
    assert rows["SPG-THRS2345"]["award"] is None


# ---- Awards ------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ALL_ROLES)
def test_who_sees_which_awards_and_their_details(clients_by_role, role, awards):
    client = clients_by_role[role]
    rows = {row["reference"]: row for row in results(client.get(AWARDS))}
    if role in STAFF:
        assert sorted(rows) == ["SPG-OURS2345", "SPG-PUBL2345", "SPG-THRS2345"]
        assert all(row["details"] is not None for row in rows.values())
    elif role == "organisation_member":
        assert sorted(rows) == ["SPG-OURS2345", "SPG-PUBL2345"]
        assert rows["SPG-OURS2345"]["details"]["status"] == "draft"
        assert rows["SPG-PUBL2345"]["details"] is None
    else:
        assert sorted(rows) == ["SPG-PUBL2345"]
        assert rows["SPG-PUBL2345"]["details"] is None
    for reference in ("SPG-OURS2345", "SPG-THRS2345"):
        status = client.get(reverse("funding_api:award-detail", args=[reference])).status_code
        assert status == (200 if reference in rows else 404), (role, reference)


def test_the_public_sees_only_the_public_fields(client, awards):
    row = client.get(reverse("funding_api:award-detail", args=["SPG-PUBL2345"])).json()
    assert row["details"] is None
    assert "conditions" not in row and "status" not in row
    assert row["amount"] == "150000.00"
    assert row["organisation"]["name"] == "Bradford Food Bank"
    assert [year["amount"] for year in row["years"]] == ["50000.00", "50000.00", "50000.00"]


def test_an_award_published_from_tomorrow_is_not_public_yet(client, programme):
    AwardFactory(programme=programme, reference="SPG-SOON2345", published_on=today() + datetime.timedelta(days=1))
    assert references(client.get(AWARDS)) == []


def test_awards_filter_by_programme_status_financial_year_and_organisation(staff_client, awards, organisation):
    other_programme = ProgrammeFactory()
    this_year = awards["ours"].years.order_by("financial_year").first().financial_year
    AwardFactory(
        programme=other_programme,
        organisation=organisation,
        reference="TG-LATE2345",
        starts_on=datetime.date(this_year + 5, 4, 1),
        status="approved",
    )
    assert references(staff_client.get(AWARDS, {"programme": other_programme.slug})) == ["TG-LATE2345"]
    assert references(staff_client.get(AWARDS, {"status": "accepted"})) == ["SPG-PUBL2345"]
    assert references(staff_client.get(AWARDS, {"financial_year": this_year + 5})) == ["TG-LATE2345"]
    assert references(staff_client.get(AWARDS, {"financial_year": this_year})) == [
        "SPG-OURS2345",
        "SPG-PUBL2345",
        "SPG-THRS2345",
    ]
    assert references(staff_client.get(AWARDS, {"organisation": organisation.pk})) == ["SPG-OURS2345", "TG-LATE2345"]
    both = {"organisation": organisation.pk, "programme": "strategic-partners", "status": "draft"}
    assert references(staff_client.get(AWARDS, both)) == ["SPG-OURS2345"]


def test_an_unknown_programme_filters_to_nothing(staff_client, awards):
    assert references(staff_client.get(AWARDS, {"programme": "no-such-programme"})) == []


def test_filters_never_widen_what_the_public_sees(client, awards):
    assert references(client.get(AWARDS, {"status": "draft"})) == []
    assert references(client.get(AWARDS, {"organisation": awards["ours"].organisation_id})) == []


def test_a_token_sees_what_its_person_sees(member_user, awards):
    client = Client(headers={"Authorization": f"Token {Token.objects.create(user=member_user).key}"})
    assert references(client.get(AWARDS)) == ["SPG-OURS2345", "SPG-PUBL2345"]


# ---- Keyset pages ------------------------------------------------------------------------------


def make_published_awards(programme, count: int) -> list[str]:
    """`count` published awards, two starting on each day, so pages must break ties by id."""
    first = datetime.date(2020, 4, 1)
    for number in range(count):
        AwardFactory(
            programme=programme,
            reference=f"SPG-{number:08d}",
            starts_on=first + datetime.timedelta(days=number // 2),
            status="accepted",
            published_on=datetime.date(2020, 1, 1),
        )
    # Newest start first, then highest id first.
    return [f"SPG-{number:08d}" for number in reversed(range(count))]


def test_award_pages_follow_on_newest_first_without_repeats_or_gaps(client, programme):
    expected = make_published_awards(programme, 7)
    seen, url = [], f"{AWARDS}?page_size=2"
    while url:
        body = client.get(url).json()
        seen += [row["reference"] for row in body["results"]]
        url = body["next"]
    assert seen == expected


def test_the_previous_link_returns_the_page_before(client, programme):
    expected = make_published_awards(programme, 6)
    second = client.get(client.get(AWARDS, {"page_size": 2}).json()["next"]).json()
    assert [row["reference"] for row in second["results"]] == expected[2:4]
    first_again = client.get(second["previous"]).json()
    assert [row["reference"] for row in first_again["results"]] == expected[:2]
    assert first_again["previous"] is None


def test_a_cursor_stays_exact_when_awards_are_added_before_it(client, programme):
    expected = make_published_awards(programme, 4)
    second_page = client.get(AWARDS, {"page_size": 2}).json()["next"]
    AwardFactory(programme=programme, reference="SPG-NEWE2345", published_on=datetime.date(2020, 1, 1))
    assert [row["reference"] for row in client.get(second_page).json()["results"]] == expected[2:]


def test_the_filters_carry_on_to_the_next_page(staff_client, programme):
    make_published_awards(programme, 4)
    AwardFactory(reference="TG-ELSE2345", published_on=datetime.date(2020, 1, 1))
    body = staff_client.get(AWARDS, {"programme": programme.slug, "page_size": 3}).json()
    rest = staff_client.get(body["next"]).json()["results"]
    assert [row["reference"] for row in rest] == ["SPG-00000000"]


def test_application_and_round_pages_follow_on(staff_client, open_round, programme):
    for number in range(5):
        ApplicationFactory(round=open_round, reference=f"SPG-A{number:07d}")
        RoundFactory(programme=programme, opens_on=datetime.date(2020, 1, 1 + number), name=f"Round {number}")
    for url in (APPLICATIONS, ROUNDS, PROGRAMMES):
        seen, next_url = [], f"{url}?page_size=2"
        while next_url:
            body = staff_client.get(next_url).json()
            seen += body["results"]
            next_url = body["next"]
        assert len(seen) == len(results(staff_client.get(url, {"page_size": 100}))), url


@pytest.mark.parametrize("cursor", ["nonsense", "WyJuIiwiMjAyMC0wNC0wMSIsImEiXQ", "WyJ4IiwxLDJd"])
def test_a_cursor_that_was_not_given_out_is_a_400(client, cursor):
    response = client.get(AWARDS, {"cursor": cursor})
    assert response.status_code == 400
    assert response.json() == {"cursor": ["This cursor is not valid: start again from the first page"]}


# ---- Query counts ------------------------------------------------------------------------------


def make_awards_with_applications(programme, round_, count: int) -> None:
    for _ in range(count):
        organisation = OrganisationFactory()
        application = ApplicationFactory(round=round_, organisation=organisation)
        AwardFactory(
            programme=programme,
            round=round_,
            organisation=organisation,
            application=application,
            status="accepted",
            published_on=datetime.date(2020, 1, 1),
        )


@pytest.mark.parametrize("rows", [3, 12])
def test_the_public_award_list_takes_the_same_queries_whatever_the_number_of_rows(
    client, django_assert_num_queries, programme, open_round, rows
):
    make_awards_with_applications(programme, open_round, rows)
    # The page with its programme, round, organisation and application; their yearly amounts.
    with django_assert_num_queries(2):
        assert len(results(client.get(AWARDS, {"page_size": 100}))) == rows


@pytest.mark.parametrize("rows", [3, 12])
def test_the_staff_award_list_takes_the_same_queries_whatever_the_number_of_rows(
    staff_client, django_assert_num_queries, programme, open_round, rows
):
    make_awards_with_applications(programme, open_round, rows)
    # Session, person, roles, memberships; the programme named; the filtered page; its yearly amounts.
    with django_assert_num_queries(7):
        response = staff_client.get(AWARDS, {"page_size": 100, "programme": programme.slug, "financial_year": 2020})
    assert response.status_code == 200


@pytest.mark.parametrize("rows", [3, 12])
def test_the_application_list_takes_the_same_queries_whatever_the_number_of_rows(
    member_client, organisation, django_assert_num_queries, programme, rows
):
    for _ in range(rows):
        ApplicationFactory(round=RoundFactory(programme=programme), organisation=organisation)
    # Session, person, memberships, roles (twice: staff, then fund administrator); the page.
    with django_assert_num_queries(5):
        assert len(results(member_client.get(APPLICATIONS, {"page_size": 100}))) == rows


@pytest.mark.parametrize("rows", [3, 12])
def test_the_round_list_takes_the_same_queries_whatever_the_number_of_rows(
    client, django_assert_num_queries, programme, rows
):
    for _ in range(rows):
        RoundFactory(programme=programme)
    with django_assert_num_queries(1):
        assert len(results(client.get(ROUNDS, {"page_size": 100}))) == rows


def test_a_programme_takes_a_fixed_number_of_queries(client, django_assert_num_queries, programme):
    # The programme with its body and the one it replaced; budgets; criteria; its latest change (Last-Modified).
    with django_assert_num_queries(4):
        assert client.get(reverse("funding_api:programme-detail", args=[programme.slug])).status_code == 200
