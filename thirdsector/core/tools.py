"""What each person can do on the service, grouped by area: the home page lists it.

The service navigation holds only each role's everyday pages; everything else a role may use is listed
here, so nothing is reachable only by knowing its address. Each entry names the roles it is for, the
same roles its view declares.
"""

from dataclasses import dataclass

from django.utils.module_loading import import_string

from thirdsector.accounts.access import STAFF_ROLES
from thirdsector.accounts.roles import Role
from thirdsector.core.tables import link

EVERYONE = "everyone"
SIGNED_IN = "signed in"
MEMBERS = "members"  # anyone who belongs to an organisation
STAFF = tuple(STAFF_ROLES)
OVERSIGHT = (*STAFF, Role.COMMISSIONER)
BOARD = (*OVERSIGHT, Role.BOARD_MEMBER)
PROGRAMMES = (*STAFF, Role.FUND_ADMINISTRATOR)
# Pages open to only some people of a role, decided by the owning app's own rule (a dotted path).
RUNS_ASSET_FUND = "thirdsector.assets.permissions.sees_fund"


@dataclass(frozen=True)
class Tool:
    label: str
    url_name: str
    who: str | tuple[str, ...]  # EVERYONE, SIGNED_IN, MEMBERS, roles, or the dotted path of a rule


SECTIONS: tuple[tuple[str, tuple[Tool, ...]], ...] = (
    (
        "Organisations",
        (
            Tool("Search the register", "register:search", EVERYONE),
            Tool("Your organisations", "accounts:your-organisations", MEMBERS),
            Tool("Import the Charity Commission register", "register:imports", STAFF),
            Tool("Likely duplicates", "register:duplicates", STAFF),
        ),
    ),
    (
        "Funding",
        (
            Tool("Funding open for applications", "funding:open-rounds", EVERYONE),
            Tool("Grants awarded", "funding:published-awards", EVERYONE),
            Tool("Small grants by area", "funding:small-grants-by-area", EVERYONE),
            Tool("Your applications and grants", "funding:portal", MEMBERS),
            Tool("Your assessments", "funding:my-assessments", (Role.ASSESSOR,)),
            Tool("Programmes", "funding:programmes", PROGRAMMES),
            Tool("Applications", "funding:applications", PROGRAMMES),
            Tool("Awards", "funding:awards", PROGRAMMES),
            Tool("Payments", "funding:payments", PROGRAMMES),
            Tool("Time taken to decide applications", "funding:decision-times", STAFF),
            Tool("Strategic partners", "funding:partners", STAFF),
            Tool("Small grants fund: allocation to local funders", "funding:allocation-funds", OVERSIGHT),
            Tool("Small grants: every end grant", "funding:small-grants", PROGRAMMES + (Role.COMMISSIONER,)),
        ),
    ),
    (
        "Community assets and anchors",
        (
            Tool("Buildings offered for community transfer", "assets:offered", EVERYONE),
            Tool("Assets transferred", "assets:transferred", EVERYONE),
            Tool("Your asset transfer proposals", "assets:applicant", MEMBERS),
            Tool("Your council's assets", "assets:council", (Role.COUNCIL_OFFICER,)),
            Tool("Community Asset Transfer Fund", "assets:dashboard", RUNS_ASSET_FUND),
            Tool("The community anchor network", "anchors:network", EVERYONE),
            Tool("Map of community anchors", "anchors:map", EVERYONE),
            Tool("What makes a community anchor", "anchors:criteria", EVERYONE),
            Tool("Your community anchors", "anchors:mine", MEMBERS),
            Tool("Community anchors dashboard", "anchors:dashboard", BOARD),
            Tool("Designations to decide", "anchors:designation-queue", STAFF),
            Tool("Anchors' returns to accept", "anchors:return-queue", STAFF),
        ),
    ),
    (
        "The Compact",
        (
            Tool("Consultations", "compact:consultations", EVERYONE),
            Tool("Report a Compact breach", "compact:breach-report", EVERYONE),
            Tool("Compact statistics", "compact:statistics", EVERYONE),
            Tool("Compact dashboard", "compact:dashboard", OVERSIGHT),
        ),
    ),
    (
        "Partnerships",
        (
            Tool("Boards", "partnerships:boards", EVERYONE),
            Tool("Local strategic partnerships", "partnerships:local-partnerships", EVERYONE),
            Tool("Raise a Community Call for Action", "partnerships:ccfa-raise", EVERYONE),
            Tool("Community calls", "partnerships:ccfa-list", (Role.COUNCIL_OFFICER,)),
            Tool("Strategy progress", "partnerships:progress_plan", BOARD),
            Tool("Support for the sector", "partnerships:capacity-bodies", EVERYONE),
            Tool("Where support is missing", "partnerships:capacity-gaps", EVERYONE),
            Tool("Ask for support", "partnerships:capacity-request-new", MEMBERS),
            # Support bodies' workers reach the requests sent to their body from this page.
            Tool("Your requests for support", "partnerships:capacity-my-requests", MEMBERS),
            Tool("Support requests overview", "partnerships:capacity-overview", OVERSIGHT),
        ),
    ),
    (
        "Commissioning",
        (
            Tool("Find contract and grant opportunities", "commissioning:finder", EVERYONE),
            Tool("Commissioning plans", "commissioning:plans", EVERYONE),
            Tool("Contracts and grants awarded", "commissioning:published-awards", EVERYONE),
            Tool("Level playing field, by commissioner", "commissioning:published-figures", EVERYONE),
            Tool("Your bids and interest", "commissioning:mine", MEMBERS),
            Tool("Commissioners' portal", "commissioning:portal", (Role.COUNCIL_OFFICER, *STAFF)),
            Tool("Level playing field figures", "commissioning:figures", OVERSIGHT),
        ),
    ),
    (
        "Measuring progress and open data",
        (
            Tool("How the strategy is doing", "measures:public-dashboard", EVERYONE),
            Tool("Strategy dashboard", "measures:dashboard", BOARD),
            Tool("Board packs", "measures:board-packs", BOARD),
            Tool("Stakeholder survey results and evidence", "measures:survey-results", BOARD),
            Tool("Stakeholder surveys", "measures:surveys", STAFF),
            Tool("Ask for a board pack", "measures:board-pack-request", STAFF),
            Tool("Open data", "opendata:catalogue", EVERYONE),
            Tool("Accessible format requests", "opendata:format-requests", STAFF),
            Tool("API documentation", "api-docs", EVERYONE),
            Tool("API keys for machine clients", "accounts:api-keys", STAFF),
        ),
    ),
)


def _may_use(tool: Tool, user, *, member: bool) -> bool:
    if tool.who == EVERYONE:
        return True
    if not user.is_authenticated:
        return False
    if tool.who == SIGNED_IN:
        return True
    if tool.who == MEMBERS:
        return member
    if isinstance(tool.who, str):
        return import_string(tool.who)(user)
    return user.has_role(*tool.who)


def sections_for(user) -> list[tuple[str, list[tuple[str, str]]]]:
    """Each area's (label, url) entries that `user` may use; areas with none are left out."""
    member = user.is_authenticated and user.memberships.exists()
    sections = []
    for heading, tools in SECTIONS:
        usable = [tool for tool in tools if _may_use(tool, user, member=member)]
        links = [(tool.label, url) for tool in usable if (url := link(tool.url_name))]
        if links:
            sections.append((heading, links))
    return sections
