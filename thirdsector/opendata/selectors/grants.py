"""The published awards the 360Giving export reads, shaped so each chunk of awards costs the same queries.

Every grant on the platform is a funding `Award`: strategic partners' core funding, the department's
regrant awards to local funders, the local funders' end grants and the asset transfer capital grants.
An award is public once it is published (on acceptance) and its publication date has come.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable, Iterator
from itertools import batched
from typing import NamedTuple

from django.conf import settings
from django.db.models import Max, OuterRef, QuerySet, Subquery

from thirdsector.funding.models import Award, Programme
from thirdsector.register.models import Identifier, Organisation

# Only what the export writes, so a million rows do not carry every award's conditions and notes.
AWARD_FIELDS = (
    "reference",
    "title",
    "description",
    "amount",
    "starts_on",
    "ends_on",
    "months",
    "regrant_type",
    "approved_at",
    "accepted_at",
    "published_on",
    "closed_at",
    "created_at",
    "programme__code",
    "programme__name",
    "programme__purpose",
    "programme__administering_body__name",
    "organisation__name",
    "organisation__town",
    "organisation__postcode",
    "organisation__local_authority__name",
    "organisation__local_authority__gss_code",
)


class OrgIdentifier(NamedTuple):
    scheme: str
    value: str
    org_id: str
    is_primary: bool


# Each organisation's identifiers, primary first, by organisation id.
IdentifiersByOrganisation = dict[int, list[OrgIdentifier]]


def published_awards(*, today: datetime.date) -> QuerySet[Award]:
    """Awards published on or before `today`, oldest first, with their programme, funder, recipient and place."""
    last_change = Award.history.filter(id=OuterRef("pk")).order_by("-history_date").values("history_date")[:1]
    return (
        Award.objects.filter(published_on__isnull=False, published_on__lte=today)
        .select_related("programme__administering_body", "organisation__local_authority")
        .only(*AWARD_FIELDS)
        .annotate(last_changed_at=Subquery(last_change))
        .order_by("pk")
    )


def identifiers_of(organisation_ids: Iterable[int]) -> IdentifiersByOrganisation:
    """The Org-IDs of these organisations in one query, primary first; plain tuples, as there may be thousands."""
    found: IdentifiersByOrganisation = defaultdict(list)
    rows = (
        Identifier.objects.filter(organisation_id__in=set(organisation_ids))
        .order_by("organisation_id", "-is_primary", "org_id")
        .values_list("organisation_id", "scheme", "value", "org_id", "is_primary")
    )
    for organisation_id, *identifier in rows:
        found[organisation_id].append(OrgIdentifier(*identifier))
    return found


def iterate_published_awards(
    *, today: datetime.date, chunk_size: int | None = None
) -> Iterator[tuple[Award, IdentifiersByOrganisation]]:
    """Each published award with its chunk's identifiers, in constant memory.

    The awards are one query read `chunk_size` rows at a time (a server-side cursor on PostgreSQL); each
    chunk adds one query for its recipients' and funders' identifiers. Django's `prefetch_related` would
    do the same in more time than the export spends on everything else.
    """
    chunk_size = chunk_size or settings.OPENDATA_EXPORT_CHUNK_SIZE
    for chunk in batched(published_awards(today=today).iterator(chunk_size=chunk_size), chunk_size):
        organisations = {award.organisation_id for award in chunk}
        organisations.update(award.programme.administering_body_id for award in chunk)
        identifiers = identifiers_of(organisations)
        for award in chunk:
            yield award, identifiers


def sources_changed_at() -> datetime.datetime | None:
    """The latest change to anything the export shows: awards, programmes, organisations, identifiers.

    Each is the maximum of an indexed history date (organisations: their `updated_at`), so it stays
    cheap at a million awards; None when nothing has been recorded yet.
    """
    moments = [
        Award.history.aggregate(latest=Max("history_date"))["latest"],
        Programme.history.aggregate(latest=Max("history_date"))["latest"],
        Identifier.history.aggregate(latest=Max("history_date"))["latest"],
        Organisation.objects.aggregate(latest=Max("updated_at"))["latest"],
    ]
    known = [moment for moment in moments if moment is not None]
    return max(known) if known else None
