"""Keyset pages for the funding lists, in each list's own order (newest first for most).

The register's `KeysetPagination` orders by (name, id) ascending; funding lists are read newest first,
by a date and the id, which the tables' indexes hold (award_list_idx is (-starts_on, -id)). The cursor
carries the last row's values; a page asks for rows after them, so it stays exact while rows are
added, and costs the same on page 1 and page 5,000.
"""

import base64
import binascii
import datetime
import json

from django.db.models import Q, QuerySet
from rest_framework.exceptions import ValidationError

from thirdsector.register.api.pagination import BACKWARD, FORWARD, KeysetPagination

INVALID_CURSOR = "This cursor is not valid: start again from the first page"


class FundingKeysetPagination(KeysetPagination):
    """Ordered by the view's `keyset_ordering`: two fields, the second unique, both the same direction.

    Values may be text, whole numbers, dates or date-times; a cursor holds them as JSON.
    """

    def paginate_queryset(self, queryset: QuerySet, request, view=None) -> list:
        self.ordering = tuple(getattr(view, "keyset_ordering", ("-id", "-id")))
        self.descending = self.ordering[0].startswith("-")
        self.fields = tuple(name.lstrip("-") for name in self.ordering)
        self.model = queryset.model
        self.request = request
        size = self._page_size(request)
        position = self._position(request)
        if position is None:
            direction = FORWARD
            rows = list(queryset.order_by(*self._order(FORWARD))[: size + 1])
        else:
            direction, sort_value, tie_value = position
            rows = list(
                queryset.filter(self._beyond(direction, sort_value, tie_value)).order_by(*self._order(direction))[
                    : size + 1
                ]
            )
        more = len(rows) > size
        rows = rows[:size]
        if direction == BACKWARD:
            rows.reverse()
        self.next_cursor = self.previous_cursor = None
        if rows:
            if more or direction == BACKWARD:
                self.next_cursor = self._encode(FORWARD, rows[-1])
            if (direction == FORWARD and position is not None) or (direction == BACKWARD and more):
                self.previous_cursor = self._encode(BACKWARD, rows[0])
        return rows

    def _order(self, direction: str) -> list[str]:
        # Going back, read the other way and turn the page round afterwards.
        flip = direction == BACKWARD
        descending = self.descending != flip
        return [f"-{name}" if descending else name for name in self.fields]

    def _beyond(self, direction: str, sort_value, tie_value) -> Q:
        sort_field, tie_field = self.fields
        later = (direction == FORWARD) != self.descending
        lookup = "gt" if later else "lt"
        return Q(**{f"{sort_field}__{lookup}": sort_value}) | Q(
            **{sort_field: sort_value, f"{tie_field}__{lookup}": tie_value}
        )

    def _encode(self, direction: str, row) -> str:
        values = [direction, *(_to_json(getattr(row, name)) for name in self.fields)]
        return base64.urlsafe_b64encode(json.dumps(values, separators=(",", ":")).encode()).decode().rstrip("=")

    def _position(self, request):
        text = request.query_params.get(self.cursor_query_param)
        if not text:
            return None
        try:
            direction, sort_value, tie_value = json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
            if direction not in (FORWARD, BACKWARD):
                raise ValueError(direction)
            sort_value = self._from_json(self.fields[0], sort_value)
            tie_value = self._from_json(self.fields[1], tie_value)
        except (binascii.Error, UnicodeDecodeError, ValueError, TypeError) as error:
            raise ValidationError({self.cursor_query_param: [INVALID_CURSOR]}) from error
        return direction, sort_value, tie_value

    def _from_json(self, name: str, value):
        field = self.model._meta.get_field(name)
        kind = field.get_internal_type()
        if kind in ("AutoField", "BigAutoField", "IntegerField", "PositiveIntegerField", "PositiveSmallIntegerField"):
            if type(value) is not int:
                raise TypeError(value)
            return value
        if not isinstance(value, str):
            raise TypeError(value)
        if kind == "DateField":
            return datetime.date.fromisoformat(value)
        if kind == "DateTimeField":
            return datetime.datetime.fromisoformat(value)
        return value


def _to_json(value):
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    return value
