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
    path = request.path
    return [{"label": label, "url": url, "active": path.startswith(url) and url != "/"} for label, url in items]


def service(request) -> dict:
    return {
        "service_name": settings.SERVICE_NAME,
        "service_phase": settings.SERVICE_PHASE,
        "navigation": navigation_for(request) if hasattr(request, "user") else [],
    }
