"""Reads of the register shaped for its pages and the API.

Search works on both databases: PostgreSQL uses the full-text index on names (migration 0003);
SQLite, the embedded default, falls back to LIKE on each word.
"""

import re
from dataclasses import dataclass

from django.db import connection
from django.db.models import BooleanField, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.expressions import RawSQL

from .models import Area, Identifier, Organisation, OrganisationStatus
from .normalise import looks_like_outward_code, normalise_postcode
from .orgid import SCHEMES, InvalidOrgId, parse_org_id

LIST_COLUMNS = (
    "id",
    "name",
    "kind",
    "size_band",
    "town",
    "postcode",
    "status",
    "local_authority__name",
    "local_authority__is_current",
)


@dataclass(frozen=True)
class RegisterFilters:
    q: str = ""
    kind: str = ""
    size_band: str = ""
    area: Area | None = None
    policy_area_id: int | None = None
    characteristic_id: int | None = None
    include_removed: bool = False


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def _name_matches(queryset: QuerySet, text: str) -> QuerySet:
    words = _words(text)
    if not words:
        return queryset
    if connection.vendor == "postgresql":
        # Matches the expression index org_name_fts_idx exactly; each word matches as a prefix.
        tsquery = " & ".join(f"{word}:*" for word in words)
        return queryset.filter(
            RawSQL(
                "to_tsvector('simple'::regconfig, COALESCE(register_organisation.name, '')) "
                "@@ to_tsquery('simple'::regconfig, %s)",
                [tsquery],
                output_field=BooleanField(),
            )
        )
    for word in words:
        queryset = queryset.filter(name__icontains=word)
    return queryset


def _identifier_matches(text: str) -> Q | None:
    """A Q for organisations holding the identifier typed, or None if the text is not one."""
    compact = re.sub(r"\s+", "", text).upper()
    if compact.isdigit() and 6 <= len(compact) <= 8:
        values = {compact, compact.zfill(8)}
        return Q(Exists(Identifier.objects.filter(organisation=OuterRef("pk"), value__in=values)))
    if any(compact.startswith(prefix + "-") for prefix in SCHEMES) or compact.startswith(("XI-", "360G-")):
        try:
            org_id = parse_org_id(compact)
        except InvalidOrgId:
            return Q(pk__in=[])
        return Q(Exists(Identifier.objects.filter(organisation=OuterRef("pk"), org_id=str(org_id))))
    return None


def _postcode_matches(text: str) -> Q | None:
    full = normalise_postcode(text)
    if full:
        return Q(postcode=full)
    if looks_like_outward_code(text):
        return Q(postcode__startswith=text.strip().upper() + " ")
    return None


def area_and_places_within(area: Area) -> list[int]:
    """The area and every area below it (a region's councils, a county's districts)."""
    ids = [area.pk]
    frontier = [area.pk]
    while frontier:
        frontier = list(Area.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
        ids.extend(frontier)
    return ids


def search_organisations(filters: RegisterFilters) -> QuerySet[Organisation]:
    """Organisations matching the filters, ordered by name, shaped for the list page."""
    queryset = Organisation.objects.all()
    if not filters.include_removed:
        queryset = queryset.filter(status=OrganisationStatus.ACTIVE)
    q = filters.q.strip()
    if q:
        condition = _identifier_matches(q) or _postcode_matches(q)
        queryset = queryset.filter(condition) if condition is not None else _name_matches(queryset, q)
    if filters.kind:
        queryset = queryset.filter(kind=filters.kind)
    if filters.size_band:
        queryset = queryset.filter(size_band=filters.size_band)
    if filters.area is not None:
        area_ids = area_and_places_within(filters.area)
        serving = Organisation.areas_served.through.objects.filter(organisation=OuterRef("pk"), area_id__in=area_ids)
        queryset = queryset.filter(Q(local_authority_id__in=area_ids) | Q(Exists(serving)))
    if filters.policy_area_id:
        through = Organisation.policy_areas.through.objects
        queryset = queryset.filter(
            Exists(through.filter(organisation=OuterRef("pk"), policyarea_id=filters.policy_area_id))
        )
    if filters.characteristic_id:
        through = Organisation.characteristics.through.objects
        queryset = queryset.filter(
            Exists(through.filter(organisation=OuterRef("pk"), characteristic_id=filters.characteristic_id))
        )
    return queryset.order_by("name", "id")


def shape_for_list(queryset: QuerySet[Organisation]) -> QuerySet[Organisation]:
    """What a list row shows, in a fixed number of queries whatever the page size."""
    primary = Identifier.objects.filter(organisation=OuterRef("pk"), is_primary=True).values("org_id")[:1]
    return (
        queryset.select_related("local_authority")
        .only(*LIST_COLUMNS)
        .annotate(primary_org_id=Subquery(primary))
        .prefetch_related("characteristics")
    )


def organisation_for_page(pk: int) -> Organisation:
    return (
        Organisation.objects.select_related("local_authority", "merged_into")
        .prefetch_related(
            Prefetch("identifiers", queryset=Identifier.objects.order_by("-is_primary", "org_id")),
            "characteristics",
            "policy_areas",
            "areas_served",
        )
        .get(pk=pk)
    )


def area_choices() -> QuerySet[Area]:
    """Areas a person can filter by: regions and current councils."""
    return Area.objects.filter(is_current=True).only("id", "name", "area_type", "is_current").order_by("name")
