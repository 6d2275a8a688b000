"""Whole pages kept for people who are not signed in, until the data they show changes.

A public page such as the register's search is the same for every visitor without a session: the form,
the query and the template, most of its cost, give the same bytes until an organisation changes. Such a
view is decorated with `anonymous_page_cache("register", ...)`: a visitor sending no cookies gets the
page as stored under the URL and the data's current *generation*. The owning app calls `invalidate`
whenever its data changes (its models' signals, and its bulk writes, which send none), which starts a new
generation, so a change shows on the next request; the timeout only bounds how long a page could be stale
if a write ever bypassed that. Anyone sending cookies (signed in, or with messages waiting) is never served
from or stored in the cache, so no one sees another person's page.
"""

import hashlib
import uuid
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction


def _generation_key(name: str) -> str:
    return f"page-cache:{name}:generation"


def generation(name: str) -> str:
    """The data's current generation: a random token, so a cache that lost it can never reuse an old one."""
    key = _generation_key(name)
    token = cache.get(key)
    if token is None:
        cache.add(key, uuid.uuid4().hex, timeout=None)
        token = cache.get(key)
    return token


def invalidate(name: str) -> None:
    """Starts a new generation once the current transaction commits: every page kept before is let go."""
    def start_new_generation() -> None:
        cache.set(_generation_key(name), uuid.uuid4().hex, timeout=None)

    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(start_new_generation)
    else:
        start_new_generation()


def anonymous_page_cache(name: str, *, timeout_setting: str) -> Callable:
    """Keeps the view's 200 answers to cookieless GETs for `settings.<timeout_setting>` seconds (0: off)."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            timeout = getattr(settings, timeout_setting)
            if not timeout or request.method != "GET" or request.COOKIES or request.user.is_authenticated:
                return view(request, *args, **kwargs)
            path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
            key = f"page-cache:{name}:{generation(name)}:{path}"
            response = cache.get(key)
            if response is None:
                response = view(request, *args, **kwargs)
                if response.status_code == 200 and not response.streaming and not response.cookies:
                    cache.set(key, response, timeout)
            return response

        return wrapper

    return decorator
