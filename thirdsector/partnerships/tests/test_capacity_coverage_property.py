"""Property: the coverage the database works out matches the rule worked out by hand in Python, for any
mix of national and local bodies, areas at every level and narrower offers."""

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thirdsector.register.models import Area

from ..models.capacity import HelpKind
from ..selectors.capacity import coverage
from .capacity_factories import SupportBodyFactory, SupportOfferFactory

pytestmark = pytest.mark.django_db

# Leeds, Bradford, Yorkshire and The Humber (region), Kent (county), Maidstone (in Kent), Medway, Cardiff.
CODES = ["E08000035", "E08000032", "E12000003", "E10000016", "E07000110", "E06000035", "W06000015"]
PLACES = ["E08000035", "E08000032", "E07000110", "E06000035", "W06000015"]

offers = st.lists(
    st.tuples(st.sampled_from(HelpKind.values), st.lists(st.sampled_from(CODES), max_size=2, unique=True)),
    max_size=3,
    unique_by=lambda offer: offer[0],
)
bodies = st.lists(
    st.tuples(st.booleans(), st.lists(st.sampled_from(CODES), max_size=3, unique=True), offers), max_size=4
)


def reaches(place: Area, listed: set[str]) -> bool:
    above = [place.gss_code, place.parent.gss_code if place.parent else None]
    if place.parent and place.parent.parent:
        above.append(place.parent.parent.gss_code)
    return bool(listed & set(above))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(bodies=bodies)
def test_coverage_matches_the_rule(db, bodies):
    areas = {area.gss_code: area for area in Area.objects.filter(gss_code__in=CODES).select_related("parent__parent")}
    with transaction.atomic():
        expected = {(code, kind): False for code in PLACES for kind in HelpKind.values}
        for national, body_codes, body_offers in bodies:
            national = national and not body_codes
            body = SupportBodyFactory(is_national=national, areas=[areas[code] for code in body_codes])
            for kind, offer_codes in body_offers:
                SupportOfferFactory(body=body, kind=kind, areas=[areas[code] for code in offer_codes])
                for code in PLACES:
                    listed = set(offer_codes) if offer_codes else set(body_codes)
                    if (national and not offer_codes) or reaches(areas[code], listed):
                        expected[(code, kind)] = True
        rows = {row.gss_code: row for row in coverage() if row.gss_code in PLACES}
        actual = {(code, kind): rows[code].covered[kind] for code in PLACES for kind in HelpKind.values}
        transaction.set_rollback(True)
    assert actual == expected
