"""ETag and Last-Modified on every API read, and 304 Not Modified to a client that already has it.

Done once, in `ConditionalReadsMixin.finalize_response`, which every API view inherits (the shared
RegisterApiViewSet and core.api_views.ApiView). The ETag is a hash of the body as it would be sent,
so it is exact whatever the view shows: it changes when anything in the body changes, including
nested records, the page's links, or what this reader may see. Where the records read have an update
time (django-simple-history's `history_date`, or an `updated_at` field), a read of one record also
gives Last-Modified, its own latest change (one query). A list gives no Last-Modified: its ETag
already covers every row, link and nested record on the page, where a time would miss rows that left
it. As HTTP says, If-None-Match wins over If-Modified-Since, so a client that keeps the ETag is exact
even where a nested record changed; only If-Modified-Since sent alone is compared with the time.
"""

import hashlib

from django.db.models import Max
from django.http import HttpResponseNotModified
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date, parse_etags, parse_http_date_safe, quote_etag
from rest_framework import status
from rest_framework.response import Response

CONDITIONAL_METHODS = ("GET", "HEAD")
# Sent along with a 304, as RFC 9110 asks, so the client's stored copy stays described correctly.
KEPT_ON_304 = ("ETag", "Last-Modified", "Cache-Control", "Vary", "Content-Location", "Expires")


def body_etag(content: bytes) -> str:
    return quote_etag(hashlib.sha256(content).hexdigest()[:32])


class ConditionalReadsMixin:
    """For DRF views: adds ETag/Last-Modified to successful reads and answers conditional ones."""

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method not in CONDITIONAL_METHODS or response.status_code != status.HTTP_200_OK:
            return response
        if not isinstance(response, Response) or response.streaming:
            return response
        response.render()
        etag = body_etag(response.content)
        response["ETag"] = etag
        modified = self.last_modified()
        if modified is not None:
            response["Last-Modified"] = http_date(modified.timestamp())
        # The body differs by who asks (a key, a token, a session), so shared caches must keep them apart.
        patch_vary_headers(response, ("Authorization", "Cookie"))
        if self._not_modified(request, etag, modified):
            return self._not_modified_response(response)
        return response

    def last_modified(self):
        """The latest change to the one record read, or None for a list or a record keeping no update time."""
        lookup = self._lookup_filter()
        queryset = None if lookup is None else self._records_read()
        if queryset is None:
            return None
        model = queryset.model
        history = getattr(model, "history", None)
        if history is not None:
            changes = history.filter(**{f"{model._meta.pk.attname}__in": queryset.filter(**lookup).values("pk")})
            return changes.aggregate(latest=Max("history_date"))["latest"]
        if any(field.name == "updated_at" for field in model._meta.get_fields()):
            return queryset.filter(**lookup).aggregate(latest=Max("updated_at"))["latest"]
        return None

    def _records_read(self):
        try:
            return self.get_queryset()
        except (AssertionError, AttributeError):
            return None

    def _lookup_filter(self) -> dict | None:
        lookup_field = getattr(self, "lookup_field", "pk")
        value = self.kwargs.get(getattr(self, "lookup_url_kwarg", None) or lookup_field)
        return None if value is None else {lookup_field: value}

    @staticmethod
    def _not_modified(request, etag: str, modified) -> bool:
        if_none_match = request.headers.get("If-None-Match")
        if if_none_match:
            tags = parse_etags(if_none_match)
            weak_free = {tag.removeprefix("W/") for tag in tags}
            return "*" in tags or etag in weak_free
        if_modified_since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
        return modified is not None and if_modified_since is not None and int(modified.timestamp()) <= if_modified_since

    @staticmethod
    def _not_modified_response(response) -> HttpResponseNotModified:
        answer = HttpResponseNotModified()
        for header in KEPT_ON_304:
            if header in response:
                answer[header] = response[header]
        return answer
