"""Public funding pages: open rounds, a round, published grants and the programmes, for anyone."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from thirdsector.conftest import ALL_ROLES
from thirdsector.funding.financial_years import financial_year_of
from thirdsector.funding.models import EligibilityRules, Programme
from thirdsector.register.models import Area
from thirdsector.register.tests.factories import OrganisationFactory

from .factories import AwardFactory, ProgrammeFactory, RoundFactory

pytestmark = pytest.mark.django_db


def _today():
    return timezone.localdate()


@pytest.mark.parametrize("role", ALL_ROLES)
def test_everyone_sees_the_public_pages(clients_by_role, open_round, role):
    for url in (
        reverse("funding:open-rounds"),
        reverse("funding:round", args=[open_round.pk]),
        reverse("funding:published-awards"),
        reverse("funding:programmes-public"),
    ):
        assert clients_by_role[role].get(url).status_code == 200, url


def test_open_rounds_lists_open_and_soon_opening_rounds_only(client, programme, open_round, settings):
    settings.FUNDING_ROUNDS_OPENING_SOON_DAYS = 60
    today = _today()
    soon = RoundFactory(
        programme=programme,
        name="Opening soon round",
        opens_on=today + datetime.timedelta(days=20),
        closes_on=today + datetime.timedelta(days=80),
    )
    RoundFactory(
        programme=programme,
        name="Far off round",
        opens_on=today + datetime.timedelta(days=200),
        closes_on=today + datetime.timedelta(days=260),
    )
    RoundFactory(
        programme=programme,
        name="Closed round",
        opens_on=today - datetime.timedelta(days=90),
        closes_on=today - datetime.timedelta(days=1),
    )
    RoundFactory(programme=programme, name="Unpublished round", is_published=False)
    closed_programme = ProgrammeFactory(status="closed")
    RoundFactory(programme=closed_programme, name="Round of a closed programme")  # fmt: skip
    EligibilityRules.objects.filter(programme=programme).update(
        maximum_income=Decimal("30000"), minimum_amount=Decimal("250"), maximum_amount=Decimal("5000")
    )
    page = client.get(reverse("funding:open-rounds")).content.decode()
    assert open_round.name in page and soon.name in page
    assert "Opening soon" in page
    for hidden in ("Far off round", "Closed round", "Unpublished round", "Round of a closed programme"):
        assert hidden not in page
    assert "Annual income under £30,000." in page
    assert "Grants of £250 to £5,000." in page


def test_open_rounds_link_to_apply_only_when_that_page_exists(client, open_round):
    page = client.get(reverse("funding:open-rounds")).content.decode()
    try:
        apply_url = reverse("funding:apply", args=[open_round.pk])
    except NoReverseMatch:
        assert "Apply" not in page.split("<main")[1].split("Grants already made")[0].replace("Applications", "")
    else:
        assert apply_url in page


def test_an_unpublished_round_is_not_found_for_the_public_and_other_roles(clients_by_role, programme):
    hidden = RoundFactory(programme=programme, is_published=False, name="Hidden round")
    url = reverse("funding:round", args=[hidden.pk])
    for role in ALL_ROLES:
        response = clients_by_role[role].get(url)
        if role in ("department_staff", "platform_admin"):
            assert response.status_code == 200
            assert "This round is not published" in response.content.decode()
        else:
            assert response.status_code == 404, role


def test_a_round_shows_its_dates_budget_and_rules(client, open_round):
    page = client.get(reverse("funding:round", args=[open_round.pk])).content.decode()
    assert open_round.name in page
    assert open_round.closes_on.strftime("%-d %B %Y") in page
    assert "£3,000,000.00" in page
    assert "Open to third sector organisations of any kind." in page


def test_an_unknown_round_is_not_found(client):
    assert client.get(reverse("funding:round", args=[999999])).status_code == 404


@pytest.fixture
def published(programme):
    today = _today()
    council = Area.objects.filter(is_current=True, parent__isnull=False).first()
    shown = AwardFactory(
        reference="SPG-SHOWN",
        programme=programme,
        title="Policy network core costs",
        status="accepted",
        published_on=today,
        amount=Decimal("150000"),
        organisation=OrganisationFactory(name="Leeds Tenants Federation", local_authority=council),
    )
    AwardFactory(reference="SPG-UNPUB", programme=programme, status="offered", title="Not yet accepted")
    AwardFactory(reference="SPG-LATER", programme=programme, status="accepted", title="Published tomorrow",
                 published_on=today + datetime.timedelta(days=1))  # fmt: skip
    return shown, council


def test_published_awards_show_only_published_grants(client, published):
    shown, _council = published
    response = client.get(reverse("funding:published-awards"))
    page = response.content.decode()
    assert "Policy network core costs" in page and "Leeds Tenants Federation" in page
    assert "£150,000.00" in page
    assert shown.starts_on.strftime("%-d %B %Y") in page
    assert "Not yet accepted" not in page
    assert "Published tomorrow" not in page


def test_published_awards_filter_by_programme_year_and_area(client, published, programme):
    shown, council = published
    other = ProgrammeFactory(budgets={financial_year_of(_today()) + 5: Decimal("1000000")})
    AwardFactory(reference="OTHER-1", programme=other, status="accepted", published_on=_today(),
                 years={financial_year_of(_today()) + 5: Decimal("150000")})  # fmt: skip
    url = reverse("funding:published-awards")

    def refs(**params):
        return [row[0].value for row in client.get(url, params).context["rows"]]

    assert set(refs()) == {"SPG-SHOWN", "OTHER-1"}
    assert refs(programme=programme.pk) == ["SPG-SHOWN"]
    assert refs(financial_year=financial_year_of(_today()) + 5) == ["OTHER-1"]
    assert refs(area=council.pk) == ["SPG-SHOWN"]


def test_published_awards_csv_is_what_is_shown_and_formula_safe(client, programme):
    AwardFactory(reference="SPG-X", programme=programme, title="@SUM(A1)", status="accepted", published_on=_today())
    page = client.get(reverse("funding:published-awards"))
    response = client.get(reverse("funding:published-awards"), {"format": "csv"})
    header, *rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert header == page.context["headers"]
    assert [row[0] for row in rows] == [row[0].value for row in page.context["rows"]]
    assert rows[0][3] == "'@SUM(A1)"


def test_the_published_awards_query_count_does_not_grow(client, programme, django_assert_num_queries):
    url = reverse("funding:published-awards")
    AwardFactory(programme=programme, status="accepted", published_on=_today())
    client.get(url)
    with django_assert_num_queries(4):
        client.get(url)
    for _ in range(8):
        AwardFactory(programme=programme, status="accepted", published_on=_today())
    with django_assert_num_queries(4):
        client.get(url)


def test_the_programmes_overview_includes_closed_programmes_and_replacements(client, programme):
    special = ProgrammeFactory(name="Special Grants Programme", slug="special-grants", code="SGP", status="closed")
    Programme.objects.filter(pk=programme.pk).update(replaces=special)
    page = client.get(reverse("funding:programmes-public")).content.decode()
    assert "Special Grants Programme" in page and "Closed" in page
    assert "Replaced by" in page and "Strategic Partners Grant Programme" in page


def test_the_open_rounds_query_count_does_not_grow(client, programme, django_assert_num_queries):
    RoundFactory(programme=programme)
    url = reverse("funding:open-rounds")
    client.get(url)
    with django_assert_num_queries(2):
        client.get(url)
    for _ in range(5):
        RoundFactory(programme=ProgrammeFactory())
    with django_assert_num_queries(2):
        client.get(url)
