"""The audit trail: who changed a record, when, what changed and why.

Records are kept by django-simple-history on every audited model. Services call `attribute()` before
saving so the history says who acted and why, in requests and in background tasks alike.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import models


def attribute(instance: models.Model, *, by, reason: str) -> models.Model:
    """Marks the next save of `instance` as done by `by` for `reason`."""
    instance._history_user = by
    instance._change_reason = reason
    return instance


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: Any
    new: Any


@dataclass(frozen=True)
class HistoryEntry:
    when: datetime
    who: str
    action: str
    reason: str
    changes: list[FieldChange]


_ACTIONS = {"+": "Created", "~": "Changed", "-": "Deleted"}


def _display(record, field_name: str, value) -> Any:
    field = record.instance_type._meta.get_field(field_name)
    if isinstance(value, list):  # many-to-many snapshot: a list of through-row dicts
        key = field.m2m_reverse_field_name()
        named = field.related_model._default_manager.in_bulk([row[key] for row in value])
        return ", ".join(sorted(str(named[row[key]]) for row in value if row[key] in named))
    if getattr(field, "choices", None):
        return dict(field.flatchoices).get(value, value)
    if field.many_to_one and value is not None:
        # A person or record by name, not its id; one that no longer exists keeps the id.
        related = field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related is not None else value
    return value


def history_of(instance: models.Model, *, limit: int = 200) -> list[HistoryEntry]:
    """The record's history, newest first, each entry with the fields it changed."""
    records = list(
        instance.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1]
    )
    entries = []
    for index, record in enumerate(records[:limit]):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes: list[FieldChange] = []
        if previous is not None and record.history_type == "~":
            delta = record.diff_against(previous, foreign_keys_are_objs=False)
            changes = [
                FieldChange(
                    str(record.instance_type._meta.get_field(change.field).verbose_name).capitalize(),
                    _display(record, change.field, change.old),
                    _display(record, change.field, change.new),
                )
                for change in delta.changes
            ]
        who = str(record.history_user) if record.history_user else "The system"
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=who,
                action=_ACTIONS.get(record.history_type, record.history_type),
                reason=record.history_change_reason or "",
                changes=changes,
            )
        )
    return entries
