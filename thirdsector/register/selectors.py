"""Reads of the register shaped for its pages and the API.

Search works on both databases: PostgreSQL uses the full-text index on names (migration 0003);
SQLite, the embedded default, falls back to LIKE on each word.

The search page stays quick at 200,000 organisations (docs/benchmarks.md) because of how
`organisation_page` reads it on PostgreSQL:
- It reads one page and one row more, so it knows whether there is a next page without counting.
  It counts only when PostgreSQL expects at most EXACT_COUNT_UP_TO matches, and stops counting
  there; above that it shows PostgreSQL's estimate as "about": counting thousands of matches costs
  more than everything else on the page.
- Names mostly begin with a place, so a name search expected to match few names finds every match
  with the full-text index and sorts them, rather than reading names in order (see _Part).
- The area filter (based in the area, or serving it) is read as two parts joined by UNION, each of
  which an index can answer; one query with OR cannot use them.
- The lists the filters offer (areas, policy areas, characteristics) change rarely and are kept in
  memory for REFERENCE_DATA_SECONDS (see `_reference_data`).
`search_organisations` (the API, CSV) gives the same rows in the same order as one queryset.
"""

import json
import math
import re
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    F,
    Func,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    Window,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Concat
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from thirdsector.core.paging import ResultCount, ResultPage

from .models import Area, AreaType, Characteristic, Identifier, Organisation, OrganisationStatus, PolicyArea
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
# Results up to this many (by PostgreSQL's estimate) are counted exactly; more are shown as "about".
EXACT_COUNT_UP_TO = 1000
# Name searches expected to match at least this many organisations read names in order; see organisation_page.
READ_IN_NAME_ORDER_FROM = 5000
# How long a process trusts its copy of the areas, policy areas and characteristics.
REFERENCE_DATA_SECONDS = 300


@dataclass(frozen=True)
class RegisterFilters:
    q: str = ""
    kind: str = ""
    size_band: str = ""
    area: Area | None = None
    policy_area_id: int | None = None
    characteristic_id: int | None = None
    include_removed: bool = False

    @classmethod
    def from_choices(cls, data: dict, *, include_removed: bool) -> "RegisterFilters":
        """From the validated choices of the search form or the API (policy area and characteristic as objects)."""
        return cls(
            q=data.get("q", ""),
            kind=data.get("kind", ""),
            size_band=data.get("size_band", ""),
            area=data.get("area"),
            policy_area_id=data["policy_area"].pk if data.get("policy_area") else None,
            characteristic_id=data["characteristic"].pk if data.get("characteristic") else None,
            include_removed=include_removed,
        )


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def _name_matches(queryset: QuerySet, text: str) -> QuerySet:
    words = _words(text)
    if not words:
        return queryset
    if connection.vendor == "postgresql":
        # Each word matches as a prefix.
        return queryset.filter(_NameMatches(" & ".join(f"{word}:*" for word in words)))
    for word in words:
        queryset = queryset.filter(name__icontains=word)
    return queryset


class _NameMatches(Func):
    """The full-text match on names, written exactly as the expression index org_name_fts_idx has it.

    Django's SearchVector writes COALESCE(name::text, '') and so misses the index. Unlike raw SQL
    naming register_organisation.name, the column is named as the query calls it, which it must be
    when the search is a subquery (the area filter's parts).
    """

    output_field = BooleanField()

    def __init__(self, tsquery: str):
        super().__init__(F("name"))
        self.tsquery = tsquery

    def as_sql(self, compiler, connection, **extra_context):
        name, params = compiler.compile(self.source_expressions[0])
        sql = f"to_tsvector('simple'::regconfig, COALESCE({name}, '')) @@ to_tsquery('simple'::regconfig, %s)"
        return sql, (*params, self.tsquery)


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
    children = _reference_data("area_children", _load_area_children)
    ids = [area.pk]
    frontier = [area.pk]
    while frontier:
        frontier = [child for parent in frontier for child in children.get(parent, ())]
        ids.extend(frontier)
    return ids


def _without_area(filters: RegisterFilters) -> QuerySet[Organisation]:
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
    return queryset


def _based_in(area_ids: list[int]) -> Q:
    return Q(local_authority_id__in=area_ids)


def _serving(area_ids: list[int]) -> Q:
    served = Organisation.areas_served.through.objects.filter(organisation=OuterRef("pk"), area_id__in=area_ids)
    return Q(Exists(served))


@dataclass(frozen=True)
class _Part:
    """Some of the results. Read in name order from an index, stopping once the page is found; or,
    with `sort_matches`, found in full first and then sorted, when reading in name order could pass
    most of the register before reaching them."""

    queryset: QuerySet[Organisation]
    sort_matches: bool = False


def _parts(filters: RegisterFilters) -> list[_Part]:
    """The parts whose union is the result: on PostgreSQL, two for an area (based there; serving it)."""
    if filters.area is None or connection.vendor != "postgresql":
        return [_Part(search_organisations(filters))]
    if _is_name_search(filters.q):
        # The words' matches, from the full-text index, are few enough to check against the area one by one.
        return [_Part(search_organisations(filters), sort_matches=True)]
    queryset = _without_area(filters)
    area_ids = area_and_places_within(filters.area)
    if len(area_ids) > 1:
        return [_Part(queryset.filter(_based_in(area_ids))), _Part(queryset.filter(_serving(area_ids)))]
    # One council: names begin with the place ("Leicester Food Bank"), so its organisations sit together
    # in name order, far along it for most places. The few based there (org_local_authority_list_idx)
    # or serving it (served_area_org_idx) are found in full and sorted.
    return [
        _Part(queryset.filter(_based_in(area_ids)), sort_matches=True),
        _Part(queryset.filter(_serving(area_ids)), sort_matches=True),
    ]


def search_organisations(filters: RegisterFilters) -> QuerySet[Organisation]:
    """Organisations matching the filters, ordered by name, shaped for the list page."""
    queryset = _without_area(filters)
    if filters.area is not None:
        area_ids = area_and_places_within(filters.area)
        queryset = queryset.filter(_based_in(area_ids) | _serving(area_ids))
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


def organisation_page(filters: RegisterFilters, number, *, per_page: int) -> ResultPage:
    """The page `number` of the results, shaped for the list; like Paginator.get_page, a page that is
    not a number gives the first page and one past the end gives the last."""
    parts = _parts(filters)
    try:
        number = max(int(number), 1)
    except (TypeError, ValueError):
        number = 1
    estimate = _Estimate(parts)
    if _is_name_search(filters.q) and (estimate.rows() or 0) < READ_IN_NAME_ORDER_FROM:
        # Names mostly begin with a place ("Sheffield Food Bank"), so a word's matches can sit together
        # far along the name order: reading names in order until a page is found suits only words that
        # match many names. Fewer matches are found with the full-text index and then sorted.
        parts = [_Part(part.queryset, sort_matches=True) for part in parts]
    rows, total = _rows(parts, offset=(number - 1) * per_page, limit=per_page + 1)
    if not rows and number > 1:
        total = _exact_count(parts)
        number = max(math.ceil(total / per_page), 1)
        rows, _ = _rows(parts, offset=(number - 1) * per_page, limit=per_page)
        return ResultPage(rows, number, ResultCount(total, per_page))
    seen = (number - 1) * per_page + len(rows)
    if len(rows) <= per_page:
        return ResultPage(rows, number, ResultCount(seen, per_page))
    if total is not None:
        return ResultPage(rows[:per_page], number, ResultCount(total, per_page))
    return ResultPage(rows[:per_page], number, _count(parts, estimate, per_page=per_page, seen=seen))


def _is_name_search(q: str) -> bool:
    q = q.strip()
    return bool(_words(q)) and _identifier_matches(q) is None and _postcode_matches(q) is None


class _Estimate:
    """PostgreSQL's estimate of the rows matching, asked for once and only if needed (None elsewhere)."""

    def __init__(self, parts: list[_Part]):
        self.parts = parts
        self._rows: int | None = None

    def rows(self) -> int | None:
        if self._rows is None and connection.vendor == "postgresql":
            # The larger part's: in the register most organisations serving an area are based in it.
            self._rows = max(_estimated_rows(part.queryset) for part in self.parts)
        return self._rows


def _rows(parts: list[_Part], *, offset: int, limit: int) -> tuple[list[Organisation], int | None]:
    """The rows from `offset`, and how many match in all when that came free (None otherwise)."""
    total, few = None, True
    if all(part.sort_matches for part in parts):
        # Every match is read to be sorted, so counting them as well costs nothing more.
        if len(parts) == 1:
            matches = parts[0].queryset
        else:
            ids = [part.queryset.order_by().values("pk") for part in parts]
            matches = Organisation.objects.filter(pk__in=ids[0].union(*ids[1:], all=True))
        matches = matches.annotate(matches=Window(Count("pk"))).order_by(*_ordering(True))
        ids = list(matches.values_list("pk", "matches")[offset : offset + limit])
        total = ids[0][1] if ids else None
        queryset, offset = Organisation.objects.filter(pk__in=[pk for pk, _ in ids]), 0
    elif len(parts) == 1:
        queryset, few = parts[0].queryset, False
    else:
        # The first offset + limit of each part, in name order, hold the first offset + limit of the union.
        first = [part.queryset.order_by(*_ordering(part.sort_matches)).values("pk")[: offset + limit] for part in parts]
        queryset = Organisation.objects.filter(pk__in=first[0].union(*first[1:], all=True))
    # When the rows are already few, sort them rather than read an index in name order.
    rows = list(_shape_for_page(queryset).order_by(*_ordering(few))[offset : offset + limit])
    in_order = connection.vendor == "postgresql"
    for organisation in rows:
        names = organisation.characteristic_names.split(_SEPARATOR) if organisation.characteristic_names else []
        # Elsewhere (SQLite) sort here, by code point as SQLite orders text.
        organisation.characteristic_names = names if in_order else sorted(names)
    return rows, total


def _ordering(sort_matches: bool) -> tuple:
    # name || '' sorts exactly as name does, but no index has it: PostgreSQL finds every match first.
    return (Concat("name", Value("")), "id") if sort_matches else ("name", "id")


# Between characteristic names in one column: a control character no name contains.
_SEPARATOR = "\x1f"


def _shape_for_page(queryset: QuerySet[Organisation]) -> QuerySet[Organisation]:
    """As shape_for_list, with the characteristics' names in the same query rather than a prefetch.

    The two columns are written in SQL: as Subquery expressions they took Django longer to turn
    into SQL (about 1 ms) than PostgreSQL took to run the whole query.
    """
    primary_org_id = RawSQL(
        "SELECT i.org_id FROM register_identifier i "
        "WHERE i.organisation_id = register_organisation.id AND i.is_primary LIMIT 1",
        (),
    )
    if connection.vendor == "postgresql":
        characteristic_names = RawSQL(
            "SELECT string_agg(c.name, %s ORDER BY c.name) FROM register_characteristic c "
            "JOIN register_organisation_characteristics t ON t.characteristic_id = c.id "
            "WHERE t.organisation_id = register_organisation.id",
            (_SEPARATOR,),
        )
    else:  # SQLite before 3.44 cannot order inside an aggregate: _rows sorts the names
        characteristic_names = RawSQL(
            "SELECT group_concat(c.name, %s) FROM register_characteristic c "
            "JOIN register_organisation_characteristics t ON t.characteristic_id = c.id "
            "WHERE t.organisation_id = register_organisation.id",
            (_SEPARATOR,),
        )
    return (
        queryset.select_related("local_authority")
        .only(*LIST_COLUMNS)
        .annotate(primary_org_id=primary_org_id, characteristic_names=characteristic_names)
    )


def _exact_count(parts: list[_Part], *, up_to: int | None = None) -> int:
    ids = [part.queryset.order_by().values("pk") for part in parts]
    ids = ids[0].union(*ids[1:]) if len(ids) > 1 else ids[0]
    return (ids[:up_to] if up_to else ids).count()


def _count(parts: list[_Part], estimate: _Estimate, *, per_page: int, seen: int) -> ResultCount:
    """The count when there is more than one page; `seen` rows are known to match."""
    expected = estimate.rows()
    if expected is None:
        return ResultCount(_exact_count(parts), per_page)
    pages_seen = math.ceil(seen / per_page)
    if expected > EXACT_COUNT_UP_TO:
        return ResultCount(_rounded(max(expected, seen)), per_page, is_estimate=True, pages_seen=pages_seen)
    # Estimates of several words assume they are unrelated, so "mental health" is expected far less
    # often than it is found: count, but stop after EXACT_COUNT_UP_TO.
    counted = _exact_count(parts, up_to=EXACT_COUNT_UP_TO + 1)
    if counted > EXACT_COUNT_UP_TO:
        return ResultCount(EXACT_COUNT_UP_TO, per_page, is_lower_bound=True, pages_seen=pages_seen)
    return ResultCount(counted, per_page)


def _estimated_rows(queryset: QuerySet) -> int:
    """PostgreSQL's estimate of how many rows the queryset gives: planning only, nothing is read."""
    plan = json.loads(queryset.order_by().values("pk").explain(format="json"))
    return int(plan[0]["Plan"]["Plan Rows"])


def _rounded(number: int) -> int:
    """To two significant figures: 7,925 is about 7,900."""
    digits = len(str(number))
    return round(number, 2 - digits) if digits > 2 else number


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


def area_label(name: str, area_type: str) -> str:
    """How an area is named in a list to choose from: 'Leeds (Metropolitan district)'."""
    return f"{name} ({AreaType(area_type).label})"


def area_filter_choices() -> tuple[tuple[int, str], ...]:
    """`area_choices()` as (id, label) pairs, from memory: the search form offers over 400."""
    return _reference_data("area_choices", _load_area_choices)


def policy_area_choices() -> tuple[tuple[int, str], ...]:
    return _reference_data("policy_area_choices", lambda: tuple(PolicyArea.objects.values_list("pk", "name")))


def characteristic_choices() -> tuple[tuple[int, str], ...]:
    return _reference_data("characteristic_choices", lambda: tuple(Characteristic.objects.values_list("pk", "name")))


def _load_area_choices() -> tuple[tuple[int, str], ...]:
    rows = area_choices().values_list("pk", "name", "area_type")
    return tuple((pk, area_label(name, area_type)) for pk, name, area_type in rows)


def _load_area_children() -> dict[int, tuple[int, ...]]:
    children: dict[int, list[int]] = {}
    for pk, parent_id in Area.objects.filter(parent__isnull=False).order_by("name").values_list("pk", "parent_id"):
        children.setdefault(parent_id, []).append(pk)
    return {parent: tuple(ids) for parent, ids in children.items()}


# Reference data in memory: {key: (expiry on the monotonic clock, value)}.
_reference_cache: dict[str, tuple[float, object]] = {}


def _reference_data(key: str, load: Callable[[], object]):
    """Areas, policy areas and characteristics change by migration or rarely in Django admin.

    A change made in this process empties the cache at once (the signals below); other processes
    see it within REFERENCE_DATA_SECONDS. Inside a transaction the cache is not used, so rows that
    may yet be rolled back (in tests, for instance) never linger in it.
    """
    if connection.in_atomic_block:
        return load()
    now = time.monotonic()
    cached = _reference_cache.get(key)
    if cached is not None and cached[0] > now:
        return cached[1]
    value = load()
    _reference_cache[key] = (now + REFERENCE_DATA_SECONDS, value)
    return value


@receiver([post_save, post_delete], sender=Area)
@receiver([post_save, post_delete], sender=PolicyArea)
@receiver([post_save, post_delete], sender=Characteristic)
def _forget_reference_data(**kwargs) -> None:
    _reference_cache.clear()
