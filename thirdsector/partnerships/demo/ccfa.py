"""Demo Community Calls for Action: calls in every state across three demo councils, Leeds among them.

Leeds City Council's calls are worked by its demo officer (`council@demo.thirdsector.example`); the other
councils each get a demo officer of their own with no password (nobody signs in as them). Calls are raised
and worked through the services with past dates, so each has its history and true due dates; some are
overdue.
"""

import datetime

from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from thirdsector.accounts.models import User
from thirdsector.accounts.roles import MembershipRole, Role
from thirdsector.accounts.services import add_membership, create_person
from thirdsector.register.models import Organisation, OrganisationKind

from ..models import CommunityCall
from ..services.ccfa import raise_call, take_call_step

_STEPS_TO = {
    "raised": (),
    "with_councillor": ("pass_to_councillor",),
    "resolved_by_councillor": ("pass_to_councillor", "resolve"),
    "referred": ("pass_to_councillor", "refer"),
    "declined": ("pass_to_councillor", "refer", "decline"),
    "accepted": ("pass_to_councillor", "refer", "accept"),
    "reported": ("pass_to_councillor", "refer", "accept", "report"),
    "responded": ("pass_to_councillor", "refer", "accept", "report", "respond"),
    "closed": ("pass_to_councillor", "refer", "accept", "report", "respond", "close"),
}
# Days after raising that each step was taken.
_STEP_DAY = {
    "pass_to_councillor": 3,
    "resolve": 20,
    "refer": 21,
    "decline": 40,
    "accept": 40,
    "report": 110,
    "respond": 150,
    "close": 155,
}
_RECORDS = {
    "resolve": {"councillor_outcome": "The councillor met the service manager, who agreed to fix it within a month."},
    "refer": {"councillor_outcome": "Officers and the residents could not agree a way forward."},
    "decline": {
        "decline_reasons": "The matter is the subject of a current planning appeal, which the committee cannot review."
    },
    "report": {
        "committee_report": "The committee heard from residents, the service and the police over two meetings.",
        "recommendations": (
            "1. Introduce a 20mph limit.\n2. Add a zebra crossing by the school.\n3. Report back in six months."
        ),
    },
    "respond": {"executive_response": "The executive accepts recommendations 1 and 3, and will consult on 2."},
}

# (council index, days ago raised, state, ward, issue)
CALLS = [
    (0, 4, "raised", "Headingley & Hyde Park", "Fly-tipping in the back streets off Hyde Park Road."),
    (0, 60, "with_councillor", "Armley", "The only bus to the health centre was withdrawn."),  # overdue
    (0, 12, "with_councillor", "Roundhay", "Street lights out on Wetherby Road for three months."),
    (0, 70, "resolved_by_councillor", "Beeston & Holbeck", "Overgrown paths in Cross Flatts Park."),
    (0, 90, "referred", "Chapel Allerton", "Speeding on Harrogate Road near two schools."),  # overdue
    (0, 100, "declined", "Kirkstall", "A new housing estate on the flood plain."),
    (0, 150, "accepted", "Gipton & Harehills", "Anti-social behaviour around the shopping parade."),  # overdue
    (0, 190, "reported", "Burmantofts & Richmond Hill", "Damp in council flats on the estate."),  # overdue
    (0, 300, "responded", "Hunslet & Riverside", "Lorries using residential streets as a short cut."),
    (0, 360, "closed", "Otley & Yeadon", "The library's opening hours were cut without consultation."),
    (1, 30, "with_councillor", "City", "Noise from late-night bars."),
    (1, 120, "declined", "Little Horton", "Parking charges at the leisure centre."),
    (1, 200, "responded", "Manningham", "Rubbish collections missed week after week."),
    (2, 50, "referred", "Central", "A park's play area closed for a year."),
    (2, 250, "closed", "North", "No dropped kerbs on the high street."),
]


def _councils() -> list[Organisation]:
    local_authorities = Organisation.objects.filter(kind=OrganisationKind.LOCAL_AUTHORITY)
    leeds = local_authorities.filter(local_authority__gss_code="E08000035").first()
    others = list(local_authorities.exclude(pk=getattr(leeds, "pk", None)).order_by("pk")[:2])
    return [council for council in [leeds, *others] if council is not None]


def _officer(council: Organisation, index: int) -> User:
    """The council's officer: the Leeds demo officer, or one made for the demo (no password)."""
    if index == 0:
        officer = User.objects.filter(email="council@demo.thirdsector.example").first()
        if officer is not None and officer.memberships.filter(organisation=council).exists():
            return officer
    email = f"ccfa.officer{council.pk}@demo.thirdsector.example"
    officer = User.objects.filter(email=email).first() or create_person(
        email=email, full_name=f"Scrutiny officer, {council.name}", password=None, roles=(Role.COUNCIL_OFFICER,)
    )
    add_membership(user=officer, organisation=council, role=MembershipRole.EDITOR, reason="Demo scrutiny officer")
    return officer


def load_ccfa() -> None:
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        _load_ccfa()


@transaction.atomic
def _load_ccfa() -> None:
    if CommunityCall.objects.exists():
        return
    councils = _councils()
    if not councils:
        return
    officers = [_officer(council, index) for index, council in enumerate(councils)]
    today = timezone.localdate()
    for number, (council_index, days_ago, state, ward, issue) in enumerate(CALLS):
        index = council_index % len(councils)
        raised_on = today - datetime.timedelta(days=days_ago)
        call = raise_call(
            council=councils[index],
            ward=ward,
            issue=issue,
            tried="A complaint to the council, a petition with 200 names and a meeting with the service.",
            name=f"{ward} Residents' Association" if number % 2 else f"Resident {number + 1}",
            email=f"resident{number + 1}@example.org",
            councillor_name=f"Councillor {['Patel', 'Walsh', 'Ahmed', 'Byrne'][number % 4]}",
            councillor_email="councillor@example.org",
            today=raised_on,
        )
        for step in _STEPS_TO[state]:
            on = min(today, raised_on + datetime.timedelta(days=_STEP_DAY[step]))
            take_call_step(
                call=call, step=step, by=officers[index], reason="Demo data", on=on, **_RECORDS.get(step, {})
            )
