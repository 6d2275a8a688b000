"""Datasets the platform publishes as open data: each defined once, in its own module here.

A dataset names its columns (name, Table Schema type, description), yields its rows in that order from
the owning app's published records only, and says when those records last changed. The downloads
(CSV, JSON, XLSX), the Table Schema and the catalogue's rows are all made from these definitions.
"""

import datetime
from collections.abc import Callable, Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # a Frictionless Table Schema type: string, integer, number, boolean, date, year
    description: str


@dataclass(frozen=True)
class Dataset:
    slug: str
    title: str
    description: str
    columns: tuple[Column, ...]
    rows: Callable[[], Iterator[tuple]]
    updated_at: Callable[[], datetime.datetime | None]
    page_url_name: str | None = None
    api_links: tuple[tuple[str, str], ...] = ()  # (label, URL name) of the API endpoints with the same records

    @property
    def header(self) -> list[str]:
        return [column.name for column in self.columns]


def registry() -> dict[str, Dataset]:
    """Every dataset by slug, in the catalogue's order (imported here so each module stays self-contained)."""
    from . import (
        board_minutes,
        breach_statistics,
        consultation_outcomes,
        consultations,
        local_area_agreements,
        published_grants,
        register_organisations,
        third_sector_contract_awards,
    )

    modules = (
        published_grants,
        third_sector_contract_awards,
        register_organisations,
        consultations,
        consultation_outcomes,
        breach_statistics,
        board_minutes,
        local_area_agreements,
    )
    return {module.DATASET.slug: module.DATASET for module in modules}
