"""Keyset pages: each page starts after the last row of the one before, by (name, id).

Why not DRF's CursorPagination: it remembers only the first ordering field and steps over ties by
an offset, and names are not unique. Keying on (name, id) gives the order people expect (the HTML
search's order) and stays exact while rows are added or removed: no row is shown twice or skipped.
The filter `name > n OR (name = n AND id > i)` is served by the (status, name, id) index.
"""

import base64
import binascii
import json

from django.conf import settings
from django.db.models import Q, QuerySet
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import BasePagination
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

FORWARD, BACKWARD = "n", "p"


class KeysetPagination(BasePagination):
    ordering = ("name", "id")  # a field people sort by, then a unique field that breaks ties
    page_size = settings.REGISTER_PAGE_SIZE
    max_page_size = 100
    cursor_query_param = "cursor"
    page_size_query_param = "page_size"

    def paginate_queryset(self, queryset: QuerySet, request, view=None) -> list:
        self.request = request
        size = self._page_size(request)
        position = self._position(request)
        sort_field, tie_field = self.ordering
        if position is None:
            direction = FORWARD
            rows = list(queryset.order_by(sort_field, tie_field)[: size + 1])
        else:
            direction, sort_value, tie_value = position
            if direction == FORWARD:
                after = Q(**{f"{sort_field}__gt": sort_value}) | Q(
                    **{sort_field: sort_value, f"{tie_field}__gt": tie_value}
                )
                rows = list(queryset.filter(after).order_by(sort_field, tie_field)[: size + 1])
            else:
                before = Q(**{f"{sort_field}__lt": sort_value}) | Q(
                    **{sort_field: sort_value, f"{tie_field}__lt": tie_value}
                )
                rows = list(queryset.filter(before).order_by(f"-{sort_field}", f"-{tie_field}")[: size + 1])
        more = len(rows) > size
        rows = rows[:size]
        if direction == BACKWARD:
            rows.reverse()
        self.next_cursor = self.previous_cursor = None
        if rows:
            # Forward, there is an earlier page whenever we started from a cursor; backward, there is
            # always a later page (the one we came from).
            if more or direction == BACKWARD:
                self.next_cursor = self._encode(FORWARD, rows[-1])
            if (direction == FORWARD and position is not None) or (direction == BACKWARD and more):
                self.previous_cursor = self._encode(BACKWARD, rows[0])
        return rows

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

    def _encode(self, direction: str, row) -> str:
        values = [direction, *(getattr(row, field) for field in self.ordering)]
        return base64.urlsafe_b64encode(json.dumps(values, separators=(",", ":")).encode()).decode().rstrip("=")

    def _position(self, request) -> tuple[str, str, int] | None:
        text = request.query_params.get(self.cursor_query_param)
        if not text:
            return None
        try:
            direction, sort_value, tie_value = json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
        except (binascii.Error, UnicodeDecodeError, ValueError, TypeError):
            direction = sort_value = tie_value = None
        if direction not in (FORWARD, BACKWARD) or not isinstance(sort_value, str) or type(tie_value) is not int:
            raise ValidationError(
                {self.cursor_query_param: ["This cursor is not valid: start again from the first page"]}
            )
        return direction, sort_value, tie_value

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
                "next": {**link, "description": "The next page, or null on the last page"},
                "previous": {**link, "description": "The page before, or null on the first page"},
                "results": schema,
            },
        }
