"""The anchors' figure for the strategy's third measure (see `measures/definitions.py`), by financial year.

It counts what the network dashboard counts (the same selectors) and links to the same list of returns.
"""

from thirdsector.core.measurements import Measurement
from thirdsector.core.tables import link

from .network import network_sustainability, sustainability_by_region


def sustainable_network(*, year: int) -> list[Measurement]:
    """Anchors whose accepted return for the year meets the sustainability thresholds, of all accepted returns."""
    share, _rows = network_sustainability(year)
    measurements = [
        Measurement(
            year,
            share.sustainable,
            share.assessed,
            rows_url=link("anchors:dashboard-rows", year=year),
            public_url=link("anchors:network", year=year),
        )
    ]
    for region in sustainability_by_region(year):
        if not region.this_year.assessed:
            continue
        filters = {"region": region.region_id} if region.region_id else {}
        measurements.append(
            Measurement(
                year,
                region.this_year.sustainable,
                region.this_year.assessed,
                breakdown="region",
                key=str(region.region_id or "none"),
                label=region.name,
                rows_url=link("anchors:dashboard-rows", year=year, **filters),
                public_url=link("anchors:network", year=year, **filters),
            )
        )
    return measurements
