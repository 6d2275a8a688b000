"""Every view of ours says who may use it (see accounts/access.py)."""

from django.urls import URLPattern, URLResolver, get_resolver

THIRD_PARTY = ("django.contrib.admin", "django.contrib.auth", "rest_framework", "drf_spectacular")


def _patterns(resolver, prefix=""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from _patterns(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry.callback


def test_every_view_declares_who_may_use_it():
    missing = []
    for route, view in _patterns(get_resolver()):
        module = getattr(view, "__module__", "")
        if route.startswith("admin/") or module.startswith(THIRD_PARTY) and not route.startswith("api/"):
            continue
        declared = getattr(view, "access", None) or getattr(getattr(view, "cls", None), "access", None)
        if not declared:
            missing.append(f"{route} ({module}.{getattr(view, '__name__', view)})")
    assert missing == [], "Views without an access declaration:\n" + "\n".join(missing)
