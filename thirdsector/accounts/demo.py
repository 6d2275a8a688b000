"""Demo people, one for every role, for `make run`. Their sign-ins are listed in the README."""

from dataclasses import dataclass

from django.db import transaction

from thirdsector.register.models import Organisation, OrganisationKind

from .roles import MembershipRole, Role
from .services import add_membership, create_person, enrol_known_authenticator

DEMO_PASSWORD = "thirdsector-demo"  # noqa: S105 - documented demo sign-in, only loaded by `make run`
# Base32 JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP: add it to any authenticator app, or run `make demo-code`.
DEMO_TOTP_HEX_KEY = "48656c6c6f21deadbeef48656c6c6f21deadbeef"
DEMO_TOTP_BASE32 = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


@dataclass(frozen=True)
class DemoPerson:
    email: str
    full_name: str
    roles: tuple[str, ...]
    description: str


DEMO_PEOPLE = [
    DemoPerson("staff@demo.thirdsector.example", "Dana Okafor", (Role.DEPARTMENT_STAFF,), "Department staff"),
    DemoPerson("assessor@demo.thirdsector.example", "Aled Price", (Role.ASSESSOR,), "Assessor"),
    DemoPerson("commissioner@demo.thirdsector.example", "Carys Evans", (Role.COMMISSIONER,), "Compact Commissioner"),
    DemoPerson("admin@demo.thirdsector.example", "Priya Shah", (Role.PLATFORM_ADMIN,), "Platform admin"),
    DemoPerson("board@demo.thirdsector.example", "Bernard Lowe", (Role.BOARD_MEMBER,), "Board member"),
    DemoPerson(
        "council@demo.thirdsector.example",
        "Fatima Hussain",
        (Role.COUNCIL_OFFICER,),
        "Council officer (Leeds)",
    ),
    DemoPerson("funder@demo.thirdsector.example", "Gareth Jones", (Role.FUND_ADMINISTRATOR,), "Fund administrator"),
    DemoPerson("member@demo.thirdsector.example", "Mo Ahmed", (), "Organisation member (two organisations)"),
]


@transaction.atomic
def load_people() -> None:
    people = {}
    for person in DEMO_PEOPLE:
        user = create_person(email=person.email, full_name=person.full_name, password=DEMO_PASSWORD, roles=person.roles)
        if user.needs_second_factor:
            enrol_known_authenticator(user=user, hex_key=DEMO_TOTP_HEX_KEY)
        people[person.email] = user
    admin = people["admin@demo.thirdsector.example"]
    admin.is_staff = admin.is_superuser = True
    admin.save(update_fields=["is_staff", "is_superuser"])

    leeds = Organisation.objects.filter(
        kind=OrganisationKind.LOCAL_AUTHORITY, local_authority__gss_code="E08000035"
    ).first()
    if leeds:
        add_membership(
            user=people["council@demo.thirdsector.example"],
            organisation=leeds,
            role=MembershipRole.ADMINISTRATOR,
        )
    charities = Organisation.objects.filter(kind=OrganisationKind.REGISTERED_CHARITY).order_by("pk")[:2]
    member = people["member@demo.thirdsector.example"]
    for organisation, role in zip(charities, (MembershipRole.ADMINISTRATOR, MembershipRole.VIEWER), strict=False):
        add_membership(user=member, organisation=organisation, role=role)
