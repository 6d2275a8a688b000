from django.conf import settings
from django.urls import reverse

from thirdsector.accounts.access import is_staff


def navigation_for(request) -> list[dict]:
    """The service navigation, by role: everyone sees the register; staff see their tools too."""
    items = [("Organisations", reverse("register:search"))]
    user = request.user
    if user.is_authenticated:
        if user.memberships.exists():
            items.append(("Your organisations", reverse("accounts:your-organisations")))
        if is_staff(user):
            items += [
                ("Imports", reverse("register:imports")),
                ("Duplicates", reverse("register:duplicates")),
            ]
        if user.is_staff:
            items.append(("Admin", reverse("admin:index")))
    # The item whose address is the longest start of this page's is the one the page belongs to.
    matching = [url for _, url in items if request.path.startswith(url) and url != "/"]
    current = max(matching, key=len, default=None)
    return [{"label": label, "url": url, "active": url == current} for label, url in items]


def service(request) -> dict:
    return {
        "service_name": settings.SERVICE_NAME,
        "service_phase": settings.SERVICE_PHASE,
        "navigation": navigation_for(request) if hasattr(request, "user") else [],
    }
