"""Rate limits for every API view: the public by address, people by account, machine clients by key.

They are REST_FRAMEWORK["DEFAULT_THROTTLE_CLASSES"], so a view gets all three without naming them. A
request with an API key is counted against that key alone, at the key's own rate (`ApiKey.rate`),
never against the address it comes from: a council's integration behind a shared proxy is not held
back by its neighbours, and a key issued for 1000/hour gets exactly that. A refused request is
answered 429 with Retry-After (DRF's `Throttled`).
"""

from rest_framework.throttling import AnonRateThrottle, SimpleRateThrottle, UserRateThrottle

from thirdsector.accounts.models import ApiKey


def api_key_of(request) -> ApiKey | None:
    """The machine client's key the request was authenticated with, if any."""
    auth = getattr(request, "auth", None)
    return auth if isinstance(auth, ApiKey) else None


class PublicRateThrottle(AnonRateThrottle):
    """The public, by address, at the `anon` rate; machine clients with a key are counted by key."""

    def get_cache_key(self, request, view):
        if api_key_of(request) is not None:
            return None
        return super().get_cache_key(request, view)


class PersonRateThrottle(UserRateThrottle):
    """People signed in, by account, at the `user` rate."""

    def get_cache_key(self, request, view):
        if not request.user.is_authenticated:
            return None
        return super().get_cache_key(request, view)


class ApiKeyRateThrottle(SimpleRateThrottle):
    """A machine client, by its key's prefix (unique, and not the secret), at the key's own rate."""

    scope = "api_key"

    def get_rate(self):
        # Each key carries its rate; there is no rate for the scope as a whole.
        return None

    def allow_request(self, request, view) -> bool:
        key = api_key_of(request)
        if key is None:
            return True
        self.rate = key.rate
        self.num_requests, self.duration = self.parse_rate(key.rate)
        return super().allow_request(request, view)

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": api_key_of(request).prefix}
