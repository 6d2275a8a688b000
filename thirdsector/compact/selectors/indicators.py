"""The Compact's figures for the strategy's indicators (see `measures/definitions.py`).

They count exactly what the Compact dashboard counts (the same selectors), and link to the same lists of
rows, so a figure on the strategy dashboard can be followed to the cases or consultations behind it.
"""

import datetime

from thirdsector.core.measurements import Measurement
from thirdsector.core.tables import link

from .awareness import training_completion_by_team, training_completion_overall
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


def training_coverage(*, year: int) -> list[Measurement]:
    """In-scope staff (whose role makes policy or funds the sector) whose Compact training still counts on
    31 December of the year (completed within COMPACT_TRAINING_VALID_YEARS before it), of all in-scope staff.

    Only staff in a team on that day count (joined on or before it, not yet left), so a past year's figure
    is the teams as they then were. The headline counts each person once, however many teams they are in;
    the breakdown is by team. The team's rows are its in-scope members on that day on the team page, each
    marked trained or not.
    """
    on = datetime.date(year, 12, 31)
    overall = training_completion_overall(today=on)
    if not overall.in_scope:
        return []
    measurements = [
        Measurement(year, overall.trained, overall.in_scope, rows_url=link("compact:training-completion", on=on))
    ]
    for row in training_completion_by_team(today=on):
        if not row.in_scope:
            continue
        measurements.append(
            Measurement(
                year,
                row.trained,
                row.in_scope,
                breakdown="team",
                key=str(row.team.pk),
                label=f"{row.team.name} ({row.team.body.organisation.name})",
                rows_url=link("compact:team", row.team.pk, on=on, in_scope="yes"),
            )
        )
    return measurements
