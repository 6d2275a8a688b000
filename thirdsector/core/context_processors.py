from django.conf import settings
from django.urls import reverse
from django.utils.module_loading import import_string

from thirdsector.accounts.access import is_staff
from thirdsector.accounts.roles import Role
from thirdsector.core.tools import RUNS_ASSET_FUND


def navigation_for(request) -> list[dict]:
    """The service navigation: each role's everyday pages. The home page lists everything else a role may use."""
    user = request.user
    staff = is_staff(user)
    items = [("Organisations", reverse("register:search"))]
    if not staff:
        items += [("Funding", reverse("funding:open-rounds")), ("Consultations", reverse("compact:consultations"))]
    if not user.is_authenticated:
        items += [
            ("Opportunities", reverse("commissioning:finder")),
            ("Community anchors", reverse("anchors:network")),
        ]
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
        if user.has_role(Role.FUND_ADMINISTRATOR) and import_string(RUNS_ASSET_FUND)(user):
            items.append(("Asset transfer fund", reverse("assets:dashboard")))
        if user.has_role(Role.COUNCIL_OFFICER):
            items += [
                ("Community calls", reverse("partnerships:ccfa-list")),
                ("Council assets", reverse("assets:council")),
                ("Commissioning", reverse("commissioning:portal")),
            ]
        if staff or user.has_role(Role.BOARD_MEMBER, Role.COMMISSIONER):
            items += [
                ("Strategy progress", reverse("partnerships:progress_plan")),
                ("Strategy dashboard", reverse("measures:dashboard")),
            ]
        if staff or user.has_role(Role.COMMISSIONER):
            items.append(("The Compact", reverse("compact:dashboard")))
        if staff:
            items += [
                ("Partners", reverse("funding:partners")),
                ("Imports", reverse("register:imports")),
            ]
        if user.is_staff:
            items.append(("Admin", reverse("admin:index")))
    else:
        items.append(("Open data", reverse("opendata:catalogue")))
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
