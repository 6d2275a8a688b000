from django.conf import settings
from django.urls import reverse

from thirdsector.accounts.access import is_staff
from thirdsector.accounts.roles import Role


def navigation_for(request) -> list[dict]:
    """The service navigation, by role: everyone sees the register and funding; each role its own tools."""
    user = request.user
    staff = is_staff(user)
    items = [("Organisations", reverse("register:search"))]
    if not staff:
        items += [("Funding", reverse("funding:open-rounds")), ("Consultations", reverse("compact:consultations"))]
    items += [
        ("Boards", reverse("partnerships:boards")),
        ("Local partnerships", reverse("partnerships:local-partnerships")),
    ]
    if user.is_authenticated:
        if user.memberships.exists():
            items += [
                ("Your organisations", reverse("accounts:your-organisations")),
                ("Your funding", reverse("funding:portal")),
            ]
        if user.has_role(Role.ASSESSOR):
            items.append(("Assessments", reverse("funding:my-assessments")))
        if staff or user.has_role(Role.FUND_ADMINISTRATOR):
            items += [("Programmes", reverse("funding:programmes")), ("Payments", reverse("funding:payments"))]
        if user.has_role(Role.COUNCIL_OFFICER):
            items.append(("Community calls", reverse("partnerships:ccfa-list")))
        if staff or user.has_role(Role.BOARD_MEMBER, Role.COMMISSIONER):
            items.append(("Strategy progress", reverse("partnerships:progress_plan")))
        if staff or user.has_role(Role.COMMISSIONER):
            items.append(("The Compact", reverse("compact:dashboard")))
        if staff:
            items += [
                ("Partners", reverse("funding:partners")),
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
