"""Every API route, walked: lists page by keyset, and every view has rate limits and conditional reads.

A new endpoint that forgets any of these fails here rather than in a client's hands.
"""

from django.urls import URLPattern, URLResolver, get_resolver
from rest_framework.settings import api_settings

from thirdsector.core.api_conditional import ConditionalReadsMixin
from thirdsector.core.api_pagination import KeysetPagination

# Lists that are not pages of rows, named with why.
NOT_KEYSET = {
    # Open Referral UK requires page numbers (`page`, `per_page`, `total_pages`).
    "OrukServiceViewSet",
    # Aggregate figures, one object per request, not a list of rows.
    "FiguresViewSet",
    "ByAreaViewSet",
}


def _api_views():
    """(path, view class, actions) for every route under /api/v1/."""
    found = []

    def walk(patterns, prefix):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                path = prefix + str(pattern.pattern)
                view_class = getattr(pattern.callback, "cls", None)
                if path.startswith("api/v1/") and view_class is not None:
                    found.append((path, view_class, getattr(pattern.callback, "actions", None) or {}))

    walk(get_resolver().url_patterns, "")
    return found


def test_the_walk_finds_the_api():
    paths = {path for path, _view, _actions in _api_views()}
    assert len(paths) > 40
    assert "api/v1/^organisations/$" in paths


def test_every_list_pages_by_keyset_on_a_unique_tie_breaker():
    for path, view, actions in _api_views():
        if actions.get("get") != "list" or view.__name__ in NOT_KEYSET:
            continue
        assert view.pagination_class is not None and issubclass(view.pagination_class, KeysetPagination), path
        ordering = getattr(view, "keyset_ordering", KeysetPagination.ordering)
        assert len(ordering) == 2 and ordering[1].lstrip("-") == "id", path
        assert ordering[0].startswith("-") == ordering[1].startswith("-"), path


def test_every_api_view_is_rate_limited_and_answers_conditional_reads():
    for path, view, _actions in _api_views():
        if path.startswith(("api/v1/schema", "api/v1/docs", "api/v1/redoc")):
            continue
        assert view.throttle_classes == api_settings.DEFAULT_THROTTLE_CLASSES, path
        assert issubclass(view, ConditionalReadsMixin), path
