"""The register: every active organisation as its search results show it, with its main Org-ID.

Removed organisations, contacts, members, notes and the register's history are not published here.
"""

from collections.abc import Iterator

from django.conf import settings
from django.db.models import Max

from thirdsector.register.models import Organisation
from thirdsector.register.selectors import RegisterFilters, search_organisations, shape_for_list

from . import Column, Dataset
from ._common import page_path

COLUMNS = (
    Column("id", "integer", "The organisation's number on this register"),
    Column("name", "string", "Its name"),
    Column("kind", "string", "The kind of organisation (charity, community interest company, council, ...)"),
    Column("size_band", "string", "Its size band by latest annual income (NCVO), empty when not known"),
    Column("primary_org_id", "string", "Its main Org-ID, such as GB-CHC-1123456"),
    Column("town", "string", "The town it is based in"),
    Column("postcode", "string", "Its postcode"),
    Column("local_authority", "string", "The local authority it is based in"),
    Column("characteristics", "string", "What it is (BME-led, user-led, ...), separated by semicolons"),
    Column("url", "string", "Its page on the register"),
)


def rows() -> Iterator[tuple]:
    path = page_path("register:organisation")
    organisations = shape_for_list(search_organisations(RegisterFilters()))
    for organisation in organisations.iterator(chunk_size=settings.OPENDATA_EXPORT_CHUNK_SIZE):
        area = organisation.local_authority
        yield (
            organisation.pk,
            organisation.name,
            organisation.get_kind_display(),
            organisation.get_size_band_display(),
            organisation.primary_org_id,
            organisation.town,
            organisation.postcode,
            area.name if area else None,
            "; ".join(sorted(characteristic.name for characteristic in organisation.characteristics.all())),
            path.format(id=organisation.pk),
        )


def updated_at():
    return Organisation.objects.aggregate(latest=Max("updated_at"))["latest"]


DATASET = Dataset(
    slug="register-organisations",
    title="Register of third sector organisations",
    description="Every active organisation on the register with its Org-ID, kind, size band and local authority.",
    columns=COLUMNS,
    rows=rows,
    updated_at=updated_at,
    page_url_name="register:search",
    api_links=(("JSON (API)", "register_api:organisation-list"),),
)
