"""Staff lists of applications, awards and payments: who sees them, each filter, CSV, query counts."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from thirdsector.accounts.roles import MembershipRole, Role
from thirdsector.accounts.tests.factories import MembershipFactory, UserFactory
from thirdsector.conftest import ALL_ROLES, STAFF_ROLES, signed_in_client
from thirdsector.funding.financial_years import financial_year_of
from thirdsector.register.models import Area
from thirdsector.register.tests.factories import OrganisationFactory

from .factories import ApplicationFactory, AwardFactory, PaymentFactory, ProgrammeFactory, RoundFactory

pytestmark = pytest.mark.django_db

LISTS = ("funding:applications", "funding:awards", "funding:payment-list")


def _csv(response) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(body)))


def _shown(client, name, **params) -> list[str]:
    """The first column (references) of the rows on the page."""
    response = client.get(reverse(name), params)
    assert response.status_code == 200
    return [row[0].value for row in response.context["rows"]]


@pytest.mark.parametrize("role", ALL_ROLES)
@pytest.mark.parametrize("name", LISTS)
def test_only_programme_staff_see_the_lists(clients_by_role, role, name):
    response = clients_by_role[role].get(reverse(name))
    if role == "public":
        assert response.status_code == 302
    elif role in STAFF_ROLES or role == "fund_administrator":
        assert response.status_code == 200
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("name", LISTS)
def test_a_fund_administrator_sees_only_their_bodys_programmes(name):
    body = OrganisationFactory(name="Lottery Distributor")
    theirs = ProgrammeFactory(administering_body=body)
    others = ProgrammeFactory()
    for programme, reference in ((theirs, "THEIRS"), (others, "OTHERS")):
        round_ = RoundFactory(programme=programme)
        ApplicationFactory(round=round_, reference=f"APP-{reference}")
        award = AwardFactory(programme=programme, reference=f"AW-{reference}", status="accepted")
        PaymentFactory(award=award)
    user = UserFactory(roles=[Role.FUND_ADMINISTRATOR])
    MembershipFactory(organisation=body, user=user, role=MembershipRole.EDITOR)
    client = signed_in_client(user)
    page = client.get(reverse(name)).content.decode()
    assert "THEIRS" in page
    assert "OTHERS" not in page
    # Naming the other programme in the filter is refused, not shown.
    response = client.get(reverse(name), {"programme": others.pk})
    assert "OTHERS" not in response.content.decode()
    assert "Choose a programme from the list" in response.content.decode()


@pytest.fixture
def two_programmes(programme, open_round):
    other = ProgrammeFactory(name="Small Grants Fund", slug="small-grants", code="SGF")
    other_round = RoundFactory(programme=other, name="Small grants 2026")
    return programme, open_round, other, other_round


def test_applications_filter_by_programme_round_status_amount_and_name(staff_client, two_programmes):
    programme, open_round, other, other_round = two_programmes
    later_round = RoundFactory(programme=programme, name="Later")
    ApplicationFactory(
        reference="APP-A",
        round=open_round,
        status="submitted",
        amount_requested=Decimal("1000"),
        organisation=OrganisationFactory(name="Leeds Tenants"),
    )
    ApplicationFactory(
        reference="APP-B",
        round=later_round,
        status="draft",
        amount_requested=Decimal("9000"),
        organisation=OrganisationFactory(name="York Carers"),
    )
    ApplicationFactory(reference="APP-C", round=other_round, status="submitted", amount_requested=Decimal("500"),
                       organisation=OrganisationFactory(name="Hull Food Bank"))  # fmt: skip
    name = "funding:applications"
    assert _shown(staff_client, name) == ["APP-C", "APP-B", "APP-A"]
    assert _shown(staff_client, name, programme=programme.pk) == ["APP-B", "APP-A"]
    assert _shown(staff_client, name, round=later_round.pk) == ["APP-B"]
    assert _shown(staff_client, name, status="submitted") == ["APP-C", "APP-A"]
    assert _shown(staff_client, name, amount_from="900") == ["APP-B", "APP-A"]
    assert _shown(staff_client, name, amount_from="900", amount_to="5000") == ["APP-A"]
    assert _shown(staff_client, name, organisation="food") == ["APP-C"]


def test_applications_filter_by_the_financial_year_their_work_starts(staff_client, open_round):
    year = financial_year_of(timezone.localdate())
    ApplicationFactory(reference="APP-NOW", round=open_round, starts_on=datetime.date(year, 4, 1))
    ApplicationFactory(reference="APP-NEXT", round=open_round, starts_on=datetime.date(year + 2, 3, 31))
    assert _shown(staff_client, "funding:applications", financial_year=year) == ["APP-NOW"]
    assert _shown(staff_client, "funding:applications", financial_year=year + 1) == ["APP-NEXT"]


def test_awards_filter_by_each_field(staff_client, two_programmes):
    programme, open_round, other, other_round = two_programmes
    year = financial_year_of(timezone.localdate())
    AwardFactory(
        reference="AW-A",
        programme=programme,
        round=open_round,
        status="accepted",
        amount=Decimal("150000"),
        organisation=OrganisationFactory(name="Leeds Tenants"),
    )
    AwardFactory(
        reference="AW-B",
        programme=programme,
        status="draft",
        is_short=True,
        amount=Decimal("3000"),
        years={year + 3: Decimal("3000")},
        organisation=OrganisationFactory(name="York Carers"),
    )
    AwardFactory(reference="AW-C", programme=other, round=other_round, status="withdrawn",
                 amount=Decimal("600"), years={year: Decimal("600")},
                 organisation=OrganisationFactory(name="Hull Food Bank"))  # fmt: skip
    name = "funding:awards"
    assert set(_shown(staff_client, name)) == {"AW-A", "AW-B", "AW-C"}
    assert set(_shown(staff_client, name, programme=programme.pk)) == {"AW-A", "AW-B"}
    assert _shown(staff_client, name, round=open_round.pk) == ["AW-A"]
    assert _shown(staff_client, name, status="draft") == ["AW-B"]
    assert _shown(staff_client, name, status="committed") == ["AW-A"]
    assert _shown(staff_client, name, short_only="on") == ["AW-B"]
    assert set(_shown(staff_client, name, financial_year=year)) == {"AW-A", "AW-C"}
    assert _shown(staff_client, name, financial_year=year + 3) == ["AW-B"]
    assert set(_shown(staff_client, name, amount_to="5000")) == {"AW-B", "AW-C"}
    assert _shown(staff_client, name, amount_from="1000", amount_to="5000") == ["AW-B"]
    assert _shown(staff_client, name, organisation="york") == ["AW-B"]


def test_lists_filter_by_the_organisations_region_or_council(staff_client, programme):
    council = Area.objects.filter(is_current=True, parent__isnull=False, parent__area_type="RGN").first()
    elsewhere = (
        Area.objects.filter(is_current=True).exclude(parent=council.parent).exclude(pk=council.parent_id).first()
    )
    AwardFactory(reference="AW-HERE", programme=programme, organisation=OrganisationFactory(local_authority=council))
    AwardFactory(reference="AW-AWAY", programme=programme, organisation=OrganisationFactory(local_authority=elsewhere))
    assert _shown(staff_client, "funding:awards", area=council.pk) == ["AW-HERE"]
    # A region takes in its councils.
    assert _shown(staff_client, "funding:awards", area=council.parent_id) == ["AW-HERE"]


def test_payments_filter_by_status_and_due_dates(staff_client, programme):
    today = timezone.localdate()
    award = AwardFactory(programme=programme, status="accepted", reference="AW-P")
    PaymentFactory(award=award, number=1, due_on=today, status="paid")
    PaymentFactory(award=award, number=2, due_on=today + datetime.timedelta(days=10))
    PaymentFactory(award=award, number=3, due_on=today + datetime.timedelta(days=40), status="held")
    response = staff_client.get(reverse("funding:payment-list"), {"status": "due"})
    assert [row[3].value for row in response.context["rows"]] == [2]
    response = staff_client.get(
        reverse("funding:payment-list"),
        {"due_from": today.isoformat(), "due_to": (today + datetime.timedelta(days=30)).isoformat()},
    )
    assert [row[3].value for row in response.context["rows"]] == [1, 2]
    response = staff_client.get(reverse("funding:payment-list"), {"status": "held"})
    assert [row[3].value for row in response.context["rows"]] == [3]


def test_a_bad_filter_shows_the_error_summary_not_a_500(staff_client):
    response = staff_client.get(reverse("funding:awards"), {"amount_from": "lots", "status": "nonsense"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert response.context["page_obj"] is None


def test_the_csv_is_exactly_the_rows_shown_and_safe_in_a_spreadsheet(staff_client, programme):
    AwardFactory(reference="AW-1", programme=programme, title="=HYPERLINK(\"http://evil\")",
                 organisation=OrganisationFactory(name="+Plus Trust"), is_short=True)  # fmt: skip
    AwardFactory(reference="AW-2", programme=programme, title="Core funding", amount=Decimal("90000.50"))
    AwardFactory(reference="AW-3", programme=ProgrammeFactory(), title="Not this programme")
    params = {"programme": programme.pk}
    page = staff_client.get(reverse("funding:awards"), params)
    shown = [[cell.value for cell in row] for row in page.context["rows"]]
    response = staff_client.get(reverse("funding:awards"), {**params, "format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    assert response.streaming
    header, *rows = _csv(response)
    assert header == page.context["headers"]
    assert len(rows) == len(shown) == 2
    for csv_row, shown_row in zip(rows, shown, strict=True):
        for csv_value, value in zip(csv_row, shown_row, strict=True):
            if isinstance(value, datetime.date):
                assert csv_value == value.isoformat()
            elif isinstance(value, str) and value.startswith(("=", "+")):
                assert csv_value == "'" + value
            else:
                assert csv_value == ("" if value is None else str(value))
    flat = [value for row in rows for value in row]
    assert '\'=HYPERLINK("http://evil")' in flat
    assert "'+Plus Trust" in flat
    assert not any(value.startswith(("=", "+", "-", "@")) for value in flat)


def test_the_csv_is_every_row_matching_not_only_the_page(staff_client, programme, settings):
    settings.FUNDING_LIST_PAGE_SIZE = 2
    for n in range(5):
        AwardFactory(reference=f"AW-{n}", programme=programme)
    header, *rows = _csv(staff_client.get(reverse("funding:awards"), {"format": "csv"}))
    assert len(rows) == 5


def test_pages_count_up_to_the_cap_then_say_more_than(staff_client, programme, settings):
    settings.FUNDING_LIST_PAGE_SIZE = 2
    settings.FUNDING_LIST_EXACT_COUNT_UP_TO = 3
    for n in range(5):
        AwardFactory(reference=f"AW-{n}", programme=programme)
    response = staff_client.get(reverse("funding:awards"))
    assert "More than 3 awards" in response.content.decode()
    last = staff_client.get(reverse("funding:awards"), {"page": 3})
    assert len(last.context["rows"]) == 1
    assert not last.context["page_obj"].has_next()
    settings.FUNDING_LIST_EXACT_COUNT_UP_TO = 10
    response = staff_client.get(reverse("funding:awards"))
    assert "5 awards" in response.content.decode()
    assert response.context["page_obj"].paginator.num_pages == 3
    # Past the end: the last page.
    assert staff_client.get(reverse("funding:awards"), {"page": 99}).context["page_obj"].number == 3


# Signing in and the role checks, the financial years and areas the filters offer, the rows, and the
# programmes (and rounds) the filters offer.
@pytest.mark.parametrize(
    "name,queries", [("funding:applications", 10), ("funding:awards", 10), ("funding:payment-list", 9)]
)
def test_the_lists_query_count_does_not_grow_with_rows(staff_client, programme, open_round, name, queries,
                                                       django_assert_num_queries):  # fmt: skip
    def add(n):
        for _ in range(n):
            ApplicationFactory(round=open_round)
            PaymentFactory(award=AwardFactory(programme=programme, round=open_round, status="accepted"))

    add(1)
    url = reverse(name)
    staff_client.get(url)
    with django_assert_num_queries(queries):
        staff_client.get(url)
    add(10)
    with django_assert_num_queries(queries):
        staff_client.get(url)
