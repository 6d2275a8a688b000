"""Likely duplicates in the register: organisations at one postcode with similar names.

The database finds organisations sharing a postcode (an indexed self-join, so it stays cheap at
200,000 organisations); names are then compared in Python with difflib, which behaves the same on
PostgreSQL and SQLite. Records whose postcode needs checking are left out: their postcode says nothing.
"""

from dataclasses import dataclass
from difflib import SequenceMatcher

from django.db.models import Count, QuerySet

from .models import Organisation, OrganisationStatus

# Names at least this similar (0–1, difflib's ratio of normalised names) are shown as likely duplicates.
SIMILARITY_THRESHOLD = 0.75
# How many same-postcode pairs one look at the register examines; the page says when there were more.
CANDIDATE_LIMIT = 20_000


@dataclass(frozen=True)
class LikelyDuplicate:
    first: Organisation
    second: Organisation
    similarity: float

    @property
    def percent(self) -> int:
        return round(self.similarity * 100)


def name_similarity(first: str, second: str) -> float:
    return SequenceMatcher(None, first, second).ratio()


def likely_duplicates(*, threshold: float = SIMILARITY_THRESHOLD) -> list[LikelyDuplicate]:
    """Pairs of active organisations at the same postcode whose normalised names are alike, most alike first."""
    active = Organisation.objects.filter(status=OrganisationStatus.ACTIVE, postcode_needs_checking=False).exclude(
        postcode=""
    )
    # Group by postcode in one pass over rows ordered by postcode.
    candidates: list[tuple[int, int, float]] = []
    group: list[tuple[int, str]] = []
    current_postcode = None
    for pk, postcode, name in _shared_postcode_rows(active):
        if postcode != current_postcode:
            candidates.extend(_similar_pairs(group, threshold))
            group, current_postcode = [], postcode
        group.append((pk, name))
    candidates.extend(_similar_pairs(group, threshold))
    candidates.sort(key=lambda pair: (-pair[2], pair[0], pair[1]))
    organisations = Organisation.objects.in_bulk({pk for pair in candidates for pk in pair[:2]})
    return [LikelyDuplicate(organisations[a], organisations[b], score) for a, b, score in candidates]


def _shared_postcode_rows(active: QuerySet[Organisation]):
    """(pk, postcode, normalised name) of organisations whose postcode at least one other shares."""
    shared = active.values("postcode").annotate(n=Count("pk")).filter(n__gt=1).values("postcode")
    return (
        active.filter(postcode__in=shared)
        .order_by("postcode", "pk")
        .values_list("pk", "postcode", "normalised_name")[:CANDIDATE_LIMIT]
    )


def _similar_pairs(group: list[tuple[int, str]], threshold: float) -> list[tuple[int, int, float]]:
    found = []
    for index, (first_pk, first_name) in enumerate(group):
        for second_pk, second_name in group[index + 1 :]:
            score = name_similarity(first_name, second_name)
            if score >= threshold:
                found.append((first_pk, second_pk, score))
    return found
