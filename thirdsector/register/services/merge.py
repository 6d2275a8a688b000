"""Merging two records of one real body into one, moving every link and losing nothing.

Links are found from the model's own metadata, so foreign keys that later apps add to
Organisation (applications, grants, board seats, ...) move too without this module knowing them.
"""

from dataclasses import dataclass, field

from django.db import IntegrityError, models, transaction
from django.utils import timezone

from thirdsector.core.audit import attribute

from ..models import Identifier, Organisation, OrganisationStatus
from .organisations import EDITABLE_FIELDS, RELATED_SETS, RegisterError, refresh_derived_fields

# Fields copied from the merged record when the kept record has them empty: what a person may edit,
# except the name and kind, which are the kept record's own.
FILLABLE_FIELDS = tuple(name for name in EDITABLE_FIELDS if name not in {"name", "kind"})


@dataclass
class MergeResult:
    kept: Organisation
    merged: Organisation
    moved: dict[str, int] = field(default_factory=dict)
    duplicates_dropped: dict[str, int] = field(default_factory=dict)


def _is_history(model: type[models.Model]) -> bool:
    return getattr(model, "instance_type", None) is not None or model.__name__.startswith("Historical")


@transaction.atomic
def merge_organisations(*, keep: Organisation, merge: Organisation, by, reason: str) -> MergeResult:
    """Moves everything of `merge` onto `keep`, then marks `merge` removed and merged into `keep`."""
    if keep.pk == merge.pk:
        raise RegisterError("Choose two different organisations to merge")
    locked = Organisation.objects.select_for_update().in_bulk([keep.pk, merge.pk])
    keep, merge = locked[keep.pk], locked[merge.pk]
    if merge.merged_into_id or keep.merged_into_id:
        raise RegisterError("One of these organisations has already been merged into another")
    result = MergeResult(kept=keep, merged=merge)
    why = f"Merged {merge.name} (#{merge.pk}) into {keep.name} (#{keep.pk}): {reason}"

    _move_identifiers(keep, merge, by=by, reason=why, result=result)
    _move_links(keep, merge, result=result)
    result.moved["earlier merges"] = Organisation.objects.filter(merged_into=merge).update(merged_into=keep)

    for name in FILLABLE_FIELDS:
        if getattr(keep, name) in (None, "") and getattr(merge, name) not in (None, ""):
            setattr(keep, name, getattr(merge, name))
    refresh_derived_fields(keep)
    attribute(keep, by=by, reason=why)
    keep.save()
    for name in RELATED_SETS:
        getattr(keep, name).add(*getattr(merge, name).all())

    merge.status = OrganisationStatus.REMOVED
    merge.removed_on = timezone.localdate()
    merge.merged_into = keep
    attribute(merge, by=by, reason=why)
    merge.save()
    return result


def _move_identifiers(keep, merge, *, by, reason: str, result: MergeResult) -> None:
    keep_has_primary = keep.identifiers.filter(is_primary=True).exists()
    moved = 0
    for identifier in Identifier.objects.filter(organisation=merge).order_by("-is_primary"):
        identifier.organisation = keep
        if identifier.is_primary and keep_has_primary:
            identifier.is_primary = False
        keep_has_primary = keep_has_primary or identifier.is_primary
        attribute(identifier, by=by, reason=reason)
        identifier.save()
        moved += 1
    result.moved["identifiers"] = moved


def _move_links(keep, merge, *, result: MergeResult) -> None:
    """Repoints every other foreign key (and many-to-many row) that refers to the merged record."""
    for relation in Organisation._meta.get_fields(include_hidden=True):
        if not relation.auto_created or relation.concrete:
            continue
        model = relation.related_model
        if model in (Identifier, Organisation) or _is_history(model):
            continue
        if relation.many_to_many:
            through = relation.through
            column = relation.field.m2m_reverse_field_name()
        elif relation.one_to_many or relation.one_to_one:
            through, column = model, relation.field.name
        else:
            continue
        if through in {getattr(Organisation, name).through for name in RELATED_SETS}:
            continue
        _repoint(through, column, keep, merge, result)


def _repoint(model, column: str, keep, merge, result: MergeResult) -> None:
    label = model._meta.label
    rows = model._default_manager.filter(**{column: merge})
    try:
        with transaction.atomic():
            moved = rows.update(**{column: keep})
        result.moved[label] = moved
        return
    except IntegrityError:
        pass
    # Some rows clash with a unique constraint because `keep` already has the same link: the link
    # is kept once (on `keep`) and the clashing copy is dropped, counted in the result.
    moved = dropped = 0
    for row in rows:
        try:
            with transaction.atomic():
                setattr(row, column, keep)
                row.save(update_fields=[column])
            moved += 1
        except IntegrityError:
            row.delete()
            dropped += 1
    result.moved[label] = moved
    result.duplicates_dropped[label] = dropped
