"""Demo policy proofing for `make run`: about ten policies across the department and its NDPBs, some
proofed, some with risks and mitigations, one returned, one awaiting sign-off, Commissioner comments.

Everything goes through the services, so the demo has the same history a real year would. Assessments
of policies the demo consulted on link to those consultations, so the consultations are loaded first
(after the bodies have their own Compact leads); the others name a consultation run elsewhere.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from thirdsector.accounts.models import User
from thirdsector.accounts.roles import Role
from thirdsector.accounts.services import create_person
from thirdsector.register.models import Organisation, OrganisationKind, PolicyArea

from ..models import Commitment, CompactBody, Consultation
from ..services.proofing import (
    RiskRow,
    add_comment,
    record_policy,
    return_assessment,
    save_assessment,
    sign_off_assessment,
    start_assessment,
    submit_assessment,
)
from .consultations import load_consultations

# The Compact leads the demo adds if a body has none; they sign off the department's and NDPBs' proofing.
DEMO_LEADS = {
    "Department for Communities and Local Government": ("compact.lead@demo.thirdsector.example", "Kim Adeyemi"),
    "Homes and Communities Agency": ("hca.lead@demo.thirdsector.example", "Rhys Morgan"),
    "Community Development Foundation": ("cdf.lead@demo.thirdsector.example", "Joan Whitaker"),
}


def _person(email: str, full_name: str, roles=(Role.DEPARTMENT_STAFF,)) -> User:
    return User.objects.filter(email=email).first() or create_person(
        email=email, full_name=full_name, password=None, roles=roles
    )


def compact_bodies() -> list[CompactBody]:
    """The department and its NDPBs as Compact bodies, each with a Compact lead (made if missing)."""
    bodies = []
    public_bodies = Organisation.objects.filter(
        kind__in=[OrganisationKind.GOVERNMENT_DEPARTMENT, OrganisationKind.NDPB]
    ).order_by("kind", "name")
    for organisation in public_bodies:
        email, name = DEMO_LEADS.get(organisation.name, (f"lead{organisation.pk}@demo.thirdsector.example", "A Lead"))
        body = CompactBody.objects.filter(organisation=organisation).first()
        if body is None:
            body = CompactBody.objects.create(organisation=organisation, lead_name=name, lead_email=email)
        if body.compact_lead_id is None:
            body.compact_lead = _person(email, body.lead_name or name)
            body.save(update_fields=["compact_lead"])
        bodies.append(body)
    return bodies


def _day(offset: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=offset)


# (body index, title, summary, days to decision, what happens to its proofing)
POLICIES = [
    (
        0,
        "Community buildings: asset transfer guidance",
        "New guidance for councils transferring buildings to community organisations.",
        -200,
        "signed_off",
    ),
    (
        0,
        "Small grants fund: second year",
        "Continue the £80m small grants fund through local funders for a second year.",
        -120,
        "signed_off_with_risks",
    ),
    (
        0,
        "Volunteering strategy refresh",
        "A refreshed strategy for volunteering, with a focus on young people.",
        -40,
        "signed_off",
    ),
    (
        0,
        "Core funding for strategic partners",
        "Three-year core funding for national strategic partners.",
        45,
        "submitted",
    ),
    (
        0,
        "Faith groups in community cohesion",
        "Funding faith groups to run cohesion projects in their neighbourhoods.",
        60,
        "returned",
    ),
    (
        0,
        "Local Area Agreement indicator changes",
        "Changes to how NI 7 (thriving third sector) is measured.",
        90,
        "draft",
    ),
    (0, "Social enterprise procurement pilot", "A pilot helping social enterprises win public contracts.", 150, None),
    (
        1,
        "Community land trusts fund",
        "Capital funding for community land trusts to build affordable homes.",
        -60,
        "signed_off_with_risks",
    ),
    (
        1,
        "Tenant empowerment programme",
        "Grants to tenant groups to take on the management of their estates.",
        120,
        None,
    ),
    (
        2,
        "Community anchors learning network",
        "A network for community anchors to share practice and reduce grant dependency.",
        75,
        "draft",
    ),
]


# Policy → the title of the demo consultation (of the policy's body) its assessment links to.
CONSULTED_ON = {
    "Volunteering strategy refresh": "Volunteering: the next ten years",
    "Small grants fund: second year": "Lighter monitoring for small grants",
    "Local Area Agreement indicator changes": "Local Area Agreements: the third sector's place",
    "Community anchors learning network": "Emergency winter grants for community anchors",
}


@transaction.atomic
def load_proofing() -> None:
    bodies = compact_bodies()
    if not bodies:
        return
    assessor = _person("staff@demo.thirdsector.example", "Dana Okafor")
    load_consultations()  # does nothing if they are loaded already
    commissioner = _person("commissioner@demo.thirdsector.example", "Carys Evans", roles=(Role.COMMISSIONER,))
    areas = list(PolicyArea.objects.order_by("name"))
    commitments = list(Commitment.objects.all())
    for number, (index, title, summary, days, outcome) in enumerate(POLICIES):
        body = bodies[min(index, len(bodies) - 1)]
        policy = record_policy(
            body=body,
            title=title,
            summary=summary,
            decision_date=_day(days),
            policy_area=areas[number % len(areas)] if areas else None,
            owner=assessor,
            by=assessor,
        )
        if outcome is None:
            continue  # unproofed, with no assessment yet
        _assess(policy, outcome, number, assessor=assessor, commissioner=commissioner, commitments=commitments)


def _assess(policy, outcome: str, number: int, *, assessor, commissioner, commitments) -> None:
    lead = policy.body.compact_lead
    consultation = Consultation.objects.filter(body=policy.body, title=CONSULTED_ON.get(policy.title)).first()
    assessment = start_assessment(policy=policy, by=assessor)
    risks = []
    if outcome in ("signed_off_with_risks", "submitted"):
        risks = [
            RiskRow(
                "The written consultation ran for 8 weeks, not 12, because of the spending review timetable.",
                "Two regional events with sector networks before options were fixed; the reason published "
                "with the consultation.",
            ),
            RiskRow(
                "Small and BME-led groups may find the application process hard to reach.",
                "An Easy Read guide and a helpline run by a BME infrastructure organisation.",
            ),
        ]
    if outcome == "returned":
        risks = [RiskRow("Funding offered for one year only, though the work lasts three.")]
    assessment = save_assessment(
        assessment=assessment,
        by=assessor,
        commitments=commitments[number % 5 : number % 5 + 2] if commitments else [],
        effect_on_sector="Charities and community groups delivering the work would be funded directly.",
        effect_on_small_and_bme_groups="Small groups reached through local funders; BME-led groups through "
        "targeted outreach.",
        sector_involvement="Early workshops with the national infrastructure bodies and a written consultation.",
        consulted=True,
        consulted_for_twelve_weeks=not risks if consultation is None else consultation.period_days >= 12 * 7,
        consultation=consultation,
        consultation_reference="" if consultation else f"Consultation on {policy.title.lower()}",
        funding_terms_compliant=outcome != "returned",
        accessible_formats_offered=True,
        conclusion="" if outcome == "draft" else "The policy follows the Compact, with the risks noted mitigated.",
        risks=risks,
    )
    if outcome == "draft":
        return
    submit_assessment(assessment=assessment, by=assessor)
    if outcome in ("signed_off_with_risks", "submitted") or number == 0:
        add_comment(
            assessment=assessment,
            by=commissioner,
            body="The shortened consultation needs its reason published alongside it. I would also like to see "
            "how responses from small groups changed the proposal."
            if risks
            else "A thorough assessment; please share it with the Partnership Board.",
        )
    if outcome == "submitted":
        return
    if outcome == "returned":
        return_assessment(
            assessment=assessment,
            by=lead,
            note="Funding for one year breaks the Funding and Procurement code: offer three years or give the reason.",
        )
        return
    sign_off_assessment(assessment=assessment, by=lead, note="Proofed against the Compact.")
