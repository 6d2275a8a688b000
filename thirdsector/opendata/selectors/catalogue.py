"""The data catalogue: every public dataset the platform publishes, with its formats and update time.

A dataset's links come from `core.tables.link`, which gives None for a URL no app defines yet, so a
dataset appears once its pages exist and not before. The same queries whatever the data: the newest
360Giving snapshot, each dataset of `opendata.datasets` asking for its last change (once, also for the
Compact statistics row), and the latest change to anchors' services.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone

from thirdsector.anchors.models import AnchorService
from thirdsector.core.tables import link

from .. import three_sixty_giving_standard as standard
from ..datasets import Dataset as PublishedDataset
from ..datasets import registry
from ..datasets._common import latest_change
from .snapshots import latest_snapshot

API_SCHEMA = "OpenAPI description of the API"
# Where the anchors app publishes community anchors' services as Open Referral UK.
ORUK_SERVICE_URL_NAME = "anchors_api:oruk-service-list"


@dataclass(frozen=True)
class Link:
    label: str
    url: str


@dataclass
class Dataset:
    title: str
    description: str
    updated: str
    downloads: list[Link] = field(default_factory=list)
    page: str | None = None
    schema: Link | None = None
    licence: Link = field(default_factory=lambda: Link(settings.OPENDATA_LICENCE_NAME, settings.OPENDATA_LICENCE_URL))


def _links(*candidates: tuple[str, str | None]) -> list[Link]:
    return [Link(label, url) for label, url in candidates if url]


def _with_query(url: str | None, query: str) -> str | None:
    return f"{url}?{query}" if url else None


def _when(moment: datetime.datetime | datetime.date | None, *, empty: str) -> str:
    if moment is None:
        return empty
    if isinstance(moment, datetime.datetime):
        return timezone.localtime(moment).strftime("%-d %B %Y at %-I:%M%p").replace("AM", "am").replace("PM", "pm")
    return moment.strftime("%-d %B %Y")


def _published(
    dataset: PublishedDataset,
    updated: datetime.datetime | None,
    *,
    page: str | None = None,
    links: tuple[tuple[str, str | None], ...] | None = None,
) -> Dataset:
    """A dataset defined in `opendata.datasets`: its own downloads and schema, then `links` (by default the
    API's endpoints for the same records); `page` overrides the dataset's page (to add a filter)."""
    if links is None:
        links = tuple((label, link(url_name)) for label, url_name in dataset.api_links)
    return Dataset(
        title=dataset.title,
        description=dataset.description,
        updated=_when(updated, empty="Nothing published yet"),
        page=page or (link(dataset.page_url_name) if dataset.page_url_name else None),
        downloads=_links(
            ("CSV", link("opendata:dataset-csv", dataset.slug)),
            ("JSON", link("opendata:dataset-json", dataset.slug)),
            ("XLSX", link("opendata:dataset-xlsx", dataset.slug)),
            *links,
        ),
        schema=Link("Table Schema (JSON)", link("opendata:dataset-schema", dataset.slug)),
    )


def datasets(*, today: datetime.date) -> list[Dataset]:
    """The catalogue's rows, each with at least one download; datasets without one are left out."""
    api_schema = link("api-schema")
    schema = Link(API_SCHEMA, api_schema) if api_schema else None
    snapshot = latest_snapshot()
    published = registry()
    updated = {slug: dataset.updated_at() for slug, dataset in published.items()}
    compact_changes = [updated[slug] for slug in ("compact-breach-statistics", "consultations") if updated[slug]]
    statistics_year = f"year={today.year}"
    catalogue = [
        Dataset(
            title="Grants in the 360Giving Data Standard",
            description=(
                "Every published grant: strategic partners' core funding, regrant awards to local funders and their "
                "end grants, and Community Asset Transfer Fund capital grants, with Org-IDs for funders and "
                "recipients and ONS codes for places. The data package index lets 360Giving harvest it."
            ),
            updated=_when(snapshot.generated_at if snapshot else None, empty="Generated at the first download"),
            downloads=_links(
                ("JSON data package", link("opendata:360giving-json")),
                ("CSV", link("opendata:360giving-csv")),
                ("XLSX", link("opendata:360giving-xlsx")),
                ("Data package index (JSON)", link("opendata:360giving-index")),
            ),
            schema=Link("360Giving Data Standard 1.4.3", standard.DOCUMENTATION_URL),
        ),
        _published(
            published.pop("published-grants"),
            updated["published-grants"],
            links=(
                ("CSV as filtered on the page", _with_query(link("funding:published-awards"), "format=csv")),
                ("JSON (API)", link("funding_api:award-list")),
            ),
        ),
        _published(
            published.pop("third-sector-contract-awards"),
            updated["third-sector-contract-awards"],
            page=_with_query(link("commissioning:published-awards"), "third_sector=yes"),
            links=(
                (
                    "CSV as filtered on the page",
                    _with_query(link("commissioning:published-awards"), "third_sector=yes&format=csv"),
                ),
                ("JSON (API)", _with_query(link("commissioning_api:award-list"), "third_sector=yes")),
            ),
        ),
        _published(
            published.pop("register-organisations"),
            updated["register-organisations"],
            links=(
                ("CSV (a page of search results)", _with_query(link("register:search"), "format=csv")),
                ("JSON (API)", link("register_api:organisation-list")),
            ),
        ),
        Dataset(
            title="Compact statistics",
            description=f"Compact breaches and consultations by public body and by commitment, for {today.year}.",
            updated=_when(max(compact_changes) if compact_changes else None, empty="Nothing reported yet"),
            page=link("compact:statistics"),
            downloads=_links(
                (
                    "CSV: breaches by public body",
                    _with_query(link("compact:statistics-csv", "breaches"), statistics_year),
                ),
                (
                    "CSV: breaches by commitment",
                    _with_query(link("compact:statistics-csv", "commitments"), statistics_year),
                ),
                (
                    "CSV: consultations by public body",
                    _with_query(link("compact:statistics-csv", "consultations"), statistics_year),
                ),
                ("JSON (API): breach statistics", link("compact_api:breach-statistics")),
            ),
            schema=schema,
        ),
        Dataset(
            title="Community anchors' services (Open Referral UK)",
            description="Services run by community anchor organisations, in the Open Referral UK format.",
            updated=_when(latest_change(AnchorService.history.all()), empty="No services published yet"),
            downloads=_links(("JSON (Open Referral UK)", link(ORUK_SERVICE_URL_NAME))),
            schema=Link("Open Referral UK", "https://openreferraluk.org/"),
        ),
    ]
    catalogue[-1:-1] = [_published(dataset, updated[slug]) for slug, dataset in published.items()]
    return [dataset for dataset in catalogue if dataset.downloads]
