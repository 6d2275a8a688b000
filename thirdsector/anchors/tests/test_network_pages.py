"""The public network: the criteria, the list with its filters and CSV, the map, and an anchor's page."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from thirdsector.register.models import Area, Characteristic
from thirdsector.register.tests.factories import OrganisationFactory

from ..maps import HEIGHT, WIDTH, circles
from ..models import AnchorStatus
from ..selectors.network import MapPoint
from .factories import AnchorFactory, AnchorServiceFactory, FinancialReturnFactory

pytestmark = pytest.mark.django_db


def _anchor_in(gss_code: str, name: str, **kwargs):
    area = Area.objects.get(gss_code=gss_code)
    return AnchorFactory(organisation=OrganisationFactory(name=name, local_authority=area), **kwargs)


@pytest.fixture
def network():
    """Leeds: one sustainable, one grant-dependent; Manchester: one sustainable; Bristol: proposed only."""
    leeds_good = _anchor_in("E08000035", "Hillside Community Association")
    leeds_dependent = _anchor_in("E08000035", "Chapeltown Community Hub", building=False)
    manchester = _anchor_in("E08000003", "Moss Side Neighbourhood Centre")
    _anchor_in("E06000023", "Bristol Proposed Hub", status=AnchorStatus.PROPOSED)
    FinancialReturnFactory(anchor=leeds_good, accepted=True)
    FinancialReturnFactory(anchor=leeds_dependent, income_grants=Decimal("80000"), accepted=True)
    FinancialReturnFactory(anchor=manchester, accepted=True)
    return leeds_good, leeds_dependent, manchester


def test_the_criteria_page_shows_each_criterion_and_the_thresholds(client):
    page = client.get(reverse("anchors:criteria")).content.decode()
    for words in ("Community-led", "Multi-purpose", "Local", "Owns or manages a building", "less than 50%", "3 months"):
        assert words in page


def test_the_list_shows_designated_anchors_only(client, network):
    page = client.get(reverse("anchors:network")).content.decode()
    assert "Hillside Community Association" in page
    assert "Moss Side Neighbourhood Centre" in page
    assert "Bristol Proposed Hub" not in page
    assert "3 anchors" in page


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"sustainable": "yes"}, {"Hillside Community Association", "Moss Side Neighbourhood Centre"}),
        ({"sustainable": "no"}, {"Chapeltown Community Hub"}),
        ({"owns_building": "no"}, {"Chapeltown Community Hub"}),
    ],
)
def test_the_list_filters(client, network, query, expected):
    response = client.get(reverse("anchors:network"), {"year": 2024, **query})
    names = {anchor.organisation.name for anchor in response.context["page_obj"]}
    assert names == expected


def test_the_list_filters_by_local_authority_and_region(client, network):
    leeds = Area.objects.get(gss_code="E08000035")
    response = client.get(reverse("anchors:network"), {"local_authority": leeds.pk})
    assert len(response.context["page_obj"]) == 2
    region = leeds.parent if leeds.parent.area_type == "RGN" else leeds.parent.parent
    response = client.get(reverse("anchors:network"), {"region": region.pk})
    assert {a.organisation.name for a in response.context["page_obj"]} == {
        "Hillside Community Association",
        "Chapeltown Community Hub",
    }


def test_the_list_filters_by_characteristic(client, network):
    characteristic = Characteristic.objects.first() or Characteristic.objects.create(slug="bme-led", name="BME-led")
    network[2].organisation.characteristics.add(characteristic)
    response = client.get(reverse("anchors:network"), {"characteristic": characteristic.slug})
    assert [a.organisation.name for a in response.context["page_obj"]] == ["Moss Side Neighbourhood Centre"]


def test_the_list_csv_holds_every_matching_anchor(client, network):
    response = client.get(reverse("anchors:network-csv"), {"year": 2024})
    lines = b"".join(response.streaming_content).decode().strip().splitlines()
    assert lines[0].startswith("Anchor,Local authority")
    assert len(lines) == 4
    assert any(line.startswith("Chapeltown Community Hub,Leeds,No,140000.00,57.1%") for line in lines), lines


def test_the_list_costs_the_same_queries_for_more_anchors(client, network, django_assert_num_queries):
    url = reverse("anchors:network")
    client.get(url)  # warm the caches of the filter form's choices
    with django_assert_num_queries(6) as first:
        client.get(url)
    for number in range(5):
        FinancialReturnFactory(anchor=_anchor_in("E08000035", f"More {number}"), accepted=True)
    with django_assert_num_queries(len(first.captured_queries)):
        client.get(url)


def test_the_map_has_one_circle_per_local_authority_and_the_same_table(client, network):
    response = client.get(reverse("anchors:map"), {"year": 2024})
    page = response.content.decode()
    assert page.count("<circle ") == 2
    assert 'role="img"' in page and "<title" in page and "aria-label" in page
    table = response.context["table"]
    assert [(row.label, row.cells[0].value, row.cells[1].value) for row in table.rows] == [
        ("Leeds", 2, 1),
        ("Manchester", 1, 1),
    ]


def test_the_map_csv_is_the_table(client, network):
    response = client.get(reverse("anchors:map-csv"), {"year": 2024})
    assert response.content.decode().splitlines()[1:] == ["Leeds,2,1", "Manchester,1,1"]


def test_the_map_costs_the_same_queries_for_more_anchors(client, network, django_assert_num_queries):
    url = reverse("anchors:map")
    client.get(url)
    with django_assert_num_queries(5) as first:
        client.get(url)
    _anchor_in("E08000025", "Birmingham Hub")
    with django_assert_num_queries(len(first.captured_queries)):
        client.get(url)


def test_the_map_places_the_north_above_the_south():
    north = MapPoint(1, "Shetland", 60.3, -1.3, 1, 0)
    south = MapPoint(2, "Cornwall", 50.3, -4.9, 4, 0)
    placed = {circle.point.name: circle for circle in circles([north, south, MapPoint(3, "Nowhere", None, None, 1, 0)])}
    assert set(placed) == {"Shetland", "Cornwall"}
    assert 0 <= placed["Cornwall"].x < placed["Shetland"].x <= WIDTH
    assert 0 <= placed["Shetland"].y < placed["Cornwall"].y <= HEIGHT
    assert placed["Cornwall"].r > placed["Shetland"].r


def test_an_anchors_page_shows_its_trend_and_services(client):
    anchor = _anchor_in("E08000035", "Hillside Community Association")
    FinancialReturnFactory(anchor=anchor, year=2023, income_grants=Decimal("70000"), accepted=True)
    FinancialReturnFactory(anchor=anchor, year=2024, accepted=True)
    FinancialReturnFactory(anchor=anchor, year=2025)  # not accepted: not in the public trend
    AnchorServiceFactory(anchor=anchor, name="Warm space café")
    response = client.get(reverse("anchors:anchor", args=[anchor.pk]))
    trend = response.context["trend"]
    assert [row.label for row in trend.rows] == ["2023 to 2024", "2024 to 2025"]
    assert [row.cells[4].value for row in trend.rows] == [Decimal("53.8"), Decimal("40.0")]
    page = response.content.decode()
    assert "Warm space café" in page
    assert "Financial returns" not in page  # the list of every return is for members and staff


def test_the_trend_csv_is_the_table(client):
    anchor = _anchor_in("E08000035", "Hillside Community Association")
    FinancialReturnFactory(anchor=anchor, year=2024, accepted=True)
    lines = client.get(reverse("anchors:anchor-trend-csv", args=[anchor.pk])).content.decode().splitlines()
    assert lines[1] == "2024 to 2025,100000,40000,30000,96000,40.0%,3.75,Yes"


def test_a_proposed_anchors_page_is_private(client, clients_by_role, organisation):
    anchor = AnchorFactory(organisation=organisation, status=AnchorStatus.PROPOSED)
    url = reverse("anchors:anchor", args=[anchor.pk])
    expected = {"department_staff": 200, "platform_admin": 200, "commissioner": 200, "organisation_member": 200}
    for role, role_client in clients_by_role.items():
        assert role_client.get(url).status_code == expected.get(role, 404), role


def test_members_see_every_return_and_others_do_not(client, member_client, anchor):
    FinancialReturnFactory(anchor=anchor, year=2025)
    url = reverse("anchors:anchor", args=[anchor.pk])
    assert "Financial returns" in member_client.get(url).content.decode()
    assert "Financial returns" not in client.get(url).content.decode()


def test_the_history_is_for_oversight(clients_by_role, anchor):
    url = reverse("anchors:anchor-history", args=[anchor.pk])
    allowed = {"department_staff", "platform_admin", "commissioner"}
    for role, role_client in clients_by_role.items():
        status = role_client.get(url).status_code
        assert (status == 200) == (role in allowed), role


def test_the_review_date_is_on_the_anchors_page(client, anchor):
    anchor.review_on = datetime.date(2027, 2, 1)
    anchor.save()
    assert "1 February 2027" in client.get(reverse("anchors:anchor", args=[anchor.pk])).content.decode()
