"""Coverage gaps: which kinds of help reach each local authority, against a hand-built set of bodies.

The fixture: a national provider offers training everywhere; a Leeds CVS offers bid-writing help in Leeds
only; a Yorkshire-wide body offers governance support across the region and volunteering brokerage in
Bradford only (narrower than itself); a Kent-wide body offers volunteering brokerage in Kent's districts;
a body removed from the register offers bid-writing help in Manchester, which does not count.
"""

import pytest

from thirdsector.register.models import Area, OrganisationStatus
from thirdsector.register.tests.factories import OrganisationFactory

from ..models.capacity import HelpKind, SupportBodyKind
from ..selectors.capacity import PLACE_TYPES, coverage, coverage_regions, gaps_by_kind, support_body_list
from .capacity_factories import SupportBodyFactory, SupportOfferFactory

pytestmark = pytest.mark.django_db

TRAINING, BIDS, GOVERNANCE, VOLUNTEERING = (
    HelpKind.TRAINING,
    HelpKind.BID_WRITING,
    HelpKind.GOVERNANCE,
    HelpKind.VOLUNTEERING_BROKERAGE,
)


def area(code: str) -> Area:
    return Area.objects.get(gss_code=code)


@pytest.fixture
def bodies():
    national = SupportBodyFactory(kind=SupportBodyKind.NATIONAL_PROVIDER, is_national=True, areas=[])
    SupportOfferFactory(body=national, kind=TRAINING)
    leeds_cvs = SupportBodyFactory(areas=[area("E08000035")])
    SupportOfferFactory(body=leeds_cvs, kind=BIDS)
    yorkshire = SupportBodyFactory(kind=SupportBodyKind.LOCAL_INFRASTRUCTURE, areas=[area("E12000003")])
    SupportOfferFactory(body=yorkshire, kind=GOVERNANCE)
    SupportOfferFactory(body=yorkshire, kind=VOLUNTEERING, areas=[area("E08000032")])
    kent = SupportBodyFactory(areas=[area("E10000016")])
    SupportOfferFactory(body=kent, kind=VOLUNTEERING)
    removed = SupportBodyFactory(
        organisation=OrganisationFactory(status=OrganisationStatus.REMOVED), areas=[area("E08000003")]
    )
    SupportOfferFactory(body=removed, kind=BIDS)
    return {"national": national, "leeds": leeds_cvs, "yorkshire": yorkshire, "kent": kent, "removed": removed}


def reached(rows, name: str) -> dict:
    return next(row for row in rows if row.name == name).covered


def test_a_national_body_reaches_every_place(bodies):
    rows = coverage()
    assert all(row.covered[TRAINING] for row in rows)


def test_a_body_listing_one_local_authority_reaches_only_it(bodies):
    rows = coverage()
    assert reached(rows, "Leeds")[BIDS] is True
    assert reached(rows, "Bradford")[BIDS] is False
    assert sum(row.covered[BIDS] for row in rows) == 1


def test_a_region_reaches_every_local_authority_in_it(bodies):
    rows = coverage()
    assert reached(rows, "Leeds")[GOVERNANCE] and reached(rows, "Wakefield")[GOVERNANCE]
    assert reached(rows, "Manchester")[GOVERNANCE] is False
    in_yorkshire = [row for row in rows if row.region == "Yorkshire and The Humber"]
    assert in_yorkshire and all(row.covered[GOVERNANCE] for row in in_yorkshire)
    assert sum(row.covered[GOVERNANCE] for row in rows) == len(in_yorkshire)


def test_a_narrower_offer_reaches_only_its_own_areas(bodies):
    rows = coverage()
    assert reached(rows, "Bradford")[VOLUNTEERING] is True
    assert reached(rows, "Leeds")[VOLUNTEERING] is False


def test_a_county_reaches_its_districts_but_not_a_unitary_beside_it(bodies):
    rows = coverage()
    assert reached(rows, "Maidstone")[VOLUNTEERING] is True
    assert reached(rows, "Medway")[VOLUNTEERING] is False


def test_a_body_removed_from_the_register_does_not_count(bodies):
    assert reached(coverage(), "Manchester")[BIDS] is False


def test_gaps_are_the_places_and_kinds_no_offer_reaches(bodies):
    rows = {row.name: row for row in coverage()}
    assert rows["Leeds"].missing == [VOLUNTEERING]
    assert rows["Bradford"].missing == [BIDS]
    assert rows["Cardiff"].missing == [BIDS, GOVERNANCE, VOLUNTEERING]
    assert rows["Cardiff"].missing_count == 3


def test_gaps_counted_by_kind(bodies):
    rows = coverage()
    counts = gaps_by_kind(rows)
    assert counts[TRAINING] == 0
    assert counts[BIDS] == len(rows) - 1


def test_places_are_the_current_lower_and_single_tier_councils(bodies):
    rows = coverage()
    expected = Area.objects.filter(is_current=True, area_type__in=PLACE_TYPES).count()
    assert len(rows) == expected
    names = {row.name for row in rows}
    assert "Kent" not in names and "Yorkshire and The Humber" not in names


def test_rows_come_region_by_region_and_wales_is_its_own_group(bodies):
    rows = coverage()
    assert [row.region for row in rows] == sorted(row.region for row in rows)
    assert next(row for row in rows if row.name == "Cardiff").region == "Wales"
    assert "Yorkshire and The Humber" in coverage_regions()


def test_the_filters_keep_one_region_and_the_places_with_a_gap(bodies):
    yorkshire = coverage(region="Yorkshire and The Humber", gaps_only=True)
    assert yorkshire and {row.region for row in yorkshire} == {"Yorkshire and The Humber"}
    assert all(row.missing for row in yorkshire)


def test_with_no_bodies_every_cell_is_a_gap(db):
    rows = coverage()
    assert rows and all(row.missing_count == len(HelpKind) for row in rows)


def test_coverage_is_one_query_however_many_bodies(bodies, django_assert_num_queries):
    with django_assert_num_queries(1):
        coverage()
    for _ in range(5):
        SupportOfferFactory(body=SupportBodyFactory(areas=[area("E08000003")]), kind=GOVERNANCE)
    with django_assert_num_queries(1):
        rows = coverage()
    assert reached(rows, "Manchester")[GOVERNANCE] is True


def test_the_list_of_bodies_filters_to_those_reaching_an_area_with_a_kind(bodies):
    leeds = area("E08000035")
    assert set(support_body_list(area=leeds)) == {bodies["national"], bodies["leeds"], bodies["yorkshire"]}
    assert list(support_body_list(area=leeds, kind=BIDS)) == [bodies["leeds"]]
    assert list(support_body_list(area=area("E07000110"), kind=VOLUNTEERING)) == [bodies["kent"]]
    assert bodies["removed"] not in support_body_list()
