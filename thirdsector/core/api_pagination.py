"""Keyset pages for the JSON API: each page starts after the last row of the one before.

Why not DRF's CursorPagination: it remembers only the first ordering field and steps over ties by an
offset. Here a list is ordered by two fields, a sort field and a unique one that breaks ties, both the
same direction (the view's `keyset_ordering`, by default name then id); the cursor carries the last
row's values and the next page asks for rows beyond them (`sort > s OR (sort = s AND id > i)`), which
the tables' indexes serve. Pages stay exact while rows are added or removed and cost the same on page 1
and page 5,000.
"""

import base64
import binascii
import datetime
import json

from django.conf import settings
from django.db.models import Q, QuerySet
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import BasePagination
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

FORWARD, BACKWARD = "n", "p"
INVALID_CURSOR = "This cursor is not valid: start again from the first page"
_WHOLE_NUMBER_FIELDS = {
    "AutoField",
    "BigAutoField",
    "IntegerField",
    "PositiveIntegerField",
    "PositiveSmallIntegerField",
}


class KeysetPagination(BasePagination):
    """Values may be text, whole numbers, dates or date-times; a cursor holds them as JSON."""

    ordering = ("name", "id")
    page_size = settings.API_PAGE_SIZE
    max_page_size = 100
    cursor_query_param = "cursor"
    page_size_query_param = "page_size"

    def paginate_queryset(self, queryset: QuerySet, request, view=None) -> list:
        self.ordering = tuple(getattr(view, "keyset_ordering", self.ordering))
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
        if kind in _WHOLE_NUMBER_FIELDS:
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

    def get_paginated_response(self, data) -> Response:
        return Response(
            {"next": self._link(self.next_cursor), "previous": self._link(self.previous_cursor), "results": data}
        )

    def _link(self, cursor: str | None) -> str | None:
        if cursor is None:
            return None
        return replace_query_param(self.request.build_absolute_uri(), self.cursor_query_param, cursor)

    def _page_size(self, request) -> int:
        text = request.query_params.get(self.page_size_query_param)
        if text is None:
            return self.page_size
        if not text.isdigit() or not 1 <= int(text) <= self.max_page_size:
            raise ValidationError(
                {self.page_size_query_param: [f"Enter a whole number from 1 to {self.max_page_size}"]}
            )
        return int(text)

    def get_schema_operation_parameters(self, view) -> list[dict]:
        return [
            {
                "name": self.cursor_query_param,
                "required": False,
                "in": "query",
                "description": "Where the page starts: copy it from the `next` or `previous` link, never build it",
                "schema": {"type": "string"},
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": f"Rows per page, from 1 to {self.max_page_size} (default {self.page_size})",
                "schema": {"type": "integer", "minimum": 1, "maximum": self.max_page_size},
            },
        ]

    def get_paginated_response_schema(self, schema: dict) -> dict:
        link = {"type": "string", "format": "uri", "nullable": True}
        return {
            "type": "object",
            "required": ["next", "previous", "results"],
            "properties": {
                "next": {
                    **link,
                    "description": "The next page, or null on the last page",
                    "example": "https://thirdsector.example/api/v1/organisations/?cursor=WyJuIiwiTGVlZHMiLDQyXQ",
                },
                "previous": {**link, "description": "The page before, or null on the first page", "example": None},
                "results": schema,
            },
        }


def _to_json(value):
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    return value
