"""Links for places a request is not at hand: emails, and anything else read away from the site."""

from django.conf import settings


def absolute_url(path: str) -> str:
    """`path` (such as a view's `reverse(...)` or a model's `get_absolute_url()`) on the site's address.

    The address is the SITE_URL setting. When it is empty (production without SITE_URL) the path is
    returned unchanged: a relative link is better than one built from a request's Host header. A full
    address is returned as it is.
    """
    if path.startswith(("https://", "http://")):
        return path
    site = (getattr(settings, "SITE_URL", "") or "").rstrip("/")
    if not site:
        return path
    return f"{site}/{path.lstrip('/')}"
