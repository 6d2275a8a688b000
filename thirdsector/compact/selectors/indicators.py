"""The Compact's figures for the strategy's indicators (see `measures/definitions.py`).

They count exactly what the Compact dashboard counts (the same selectors), and link to the same lists of
rows, so a figure on the strategy dashboard can be followed to the cases or consultations behind it.
"""

from thirdsector.core.measurements import Measurement
from thirdsector.core.tables import link

from .dashboard import breaches_by_body, compact_bodies, consultations_by_body


def _breaches(year: int, *, upheld: bool) -> list[Measurement]:
    by_body, total = breaches_by_body(year)
    outcome = "upheld" if upheld else None

    def count(counts) -> int:
        return counts.upheld if upheld else counts.reported

    headline = Measurement(
        year,
        count(total),
        rows_url=link("compact:dashboard-rows", "breaches", year=year, outcome=outcome),
        public_url=link("compact:statistics", year=year),
    )
    return [headline] + [
        Measurement(
            year,
            count(by_body[body.pk]) if body.pk in by_body else 0,
            breakdown="body",
            key=str(body.pk),
            label=body.organisation.name,
            rows_url=link("compact:dashboard-rows", "breaches", year=year, body=body.pk, outcome=outcome),
            public_url=link("compact:statistics", year=year),
        )
        for body in compact_bodies()
    ]


def breaches_reported(*, year: int) -> list[Measurement]:
    """Breach cases reported in the year, against each body."""
    return _breaches(year, upheld=False)


def breaches_upheld(*, year: int) -> list[Measurement]:
    """Breach cases reported in the year whose finding upheld them in whole or in part."""
    return _breaches(year, upheld=True)


def consultations_of_full_length(*, year: int) -> list[Measurement]:
    """Published consultations opening in the year that ran for the minimum period or longer, of all of them.

    The linked rows are every published consultation of the year; those shorter than the minimum are
    marked on that list, so the part can be counted from the whole.
    """
    by_body = consultations_by_body(year, today=None)
    published = sum(counts.published for counts in by_body.values())
    short = sum(counts.short for counts in by_body.values())
    measurements = [
        Measurement(
            year,
            published - short,
            published,
            rows_url=link("compact:dashboard-rows", "consultations", year=year),
            public_url=link("compact:statistics-consultations", year=year),
        )
    ]
    for body in compact_bodies():
        counts = by_body.get(body.pk)
        if counts is None:
            continue
        measurements.append(
            Measurement(
                year,
                counts.published - counts.short,
                counts.published,
                breakdown="body",
                key=str(body.pk),
                label=body.organisation.name,
                rows_url=link("compact:dashboard-rows", "consultations", year=year, body=body.pk),
                public_url=link("compact:statistics-consultations", year=year, body=body.pk),
            )
        )
    return measurements
