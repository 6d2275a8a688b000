"""Demo capacity building: a national support provider and a dozen councils for voluntary service and
other local infrastructure organisations covering some councils (leaving real gaps: most places have no
bid-writing help or volunteering brokerage), their offers, the LSPs they support, and requests in every
state, with outcomes.

The demo organisation member (`member@demo.thirdsector.example`) administers a charity; a CVS named for
its local authority covers it with every kind of help, worked by `support@demo.thirdsector.example` (an
editor of that CVS, with the demo password). Each other body has a worker of its own, who cannot sign in.
Requests from other charities are recorded by the department's staff (`staff@`) on their behalf.
Everything goes through the services, so each record has its history. Loading twice adds nothing.
"""

from django.db import transaction

from thirdsector.accounts.demo import DEMO_PASSWORD
from thirdsector.accounts.models import User
from thirdsector.accounts.roles import MembershipRole
from thirdsector.accounts.services import add_membership, create_person
from thirdsector.register.models import Area, Organisation, OrganisationKind, OrganisationStatus
from thirdsector.register.services.organisations import create_organisation

from ..models import LocalStrategicPartnership
from ..models.capacity import HelpKind, OutcomeCategory, SupportBody, SupportBodyKind
from ..selectors.capacity import places_of
from ..services.capacity import request_support, save_offer, save_support_body, take_request_step

NATIONAL = "National Support for Voluntary Action"
SUPPORT_WORKER = "support@demo.thirdsector.example"
REASON = "Demo data"
TRAINING, BIDS, GOVERNANCE, VOLUNTEERING = HelpKind.values
CVS, LOCAL, NATIONAL_KIND = (
    SupportBodyKind.COUNCIL_FOR_VOLUNTARY_SERVICE,
    SupportBodyKind.LOCAL_INFRASTRUCTURE,
    SupportBodyKind.NATIONAL_PROVIDER,
)
OFFER_TEXT = {
    TRAINING: "Courses for staff, trustees and volunteers: safeguarding, fundraising and running a group",
    BIDS: "One-to-one help planning and writing funding bids, and a read-through before you send one",
    GOVERNANCE: "Trustee health checks, model policies and help choosing the right legal structure",
    VOLUNTEERING: "Finding volunteers for your group and placing people who want to volunteer",
}
# (name, kind, GSS codes of the areas covered, kinds of help offered; a kind may list narrower areas)
LOCAL_BODIES = [
    ("Voluntary Action Leeds", CVS, ["E08000035"], [TRAINING, BIDS, VOLUNTEERING]),
    ("Bradford Community Support", CVS, ["E08000032"], [BIDS, GOVERNANCE]),
    ("Yorkshire and Humber Infrastructure Network", LOCAL, ["E12000003"], [GOVERNANCE, TRAINING]),
    ("Manchester Community Central", CVS, ["E08000003"], [TRAINING, BIDS, VOLUNTEERING]),
    ("Kent Community Action", LOCAL, ["E10000016"], [GOVERNANCE, (VOLUNTEERING, ["E07000110"])]),
    ("Norfolk Community Support", LOCAL, ["E10000020"], [TRAINING]),
    ("Birmingham Voluntary Service Council", CVS, ["E08000025"], [BIDS, GOVERNANCE, VOLUNTEERING]),
    ("Bristol Voluntary Support", CVS, ["E06000023"], [BIDS, TRAINING]),
    ("Newcastle Council for Voluntary Service", CVS, ["E08000021"], [TRAINING, BIDS, GOVERNANCE, VOLUNTEERING]),
    ("Cardiff Third Sector Council", CVS, ["W06000015"], [VOLUNTEERING, GOVERNANCE]),
    ("Glasgow Council for the Voluntary Sector", CVS, ["S12000049"], [TRAINING, BIDS]),
    ("Tower Hamlets Council for Voluntary Service", CVS, ["E09000030"], [BIDS, GOVERNANCE]),
]


def _organisation(name: str, area: Area | None, *, staff) -> Organisation:
    """The register's record of that name, or a new one (a registered charity based in `area`)."""
    existing = Organisation.objects.filter(name=name, status=OrganisationStatus.ACTIVE).first()
    if existing is not None:
        return existing
    return create_organisation(
        by=staff,
        reason=REASON,
        name=name,
        kind=OrganisationKind.REGISTERED_CHARITY,
        description="Supports voluntary and community organisations",
        local_authority=area if area is not None and area.area_type not in ("RGN", "CTY") else None,
        town=area.name if area is not None else "London",
    )


def _worker(body: SupportBody, email: str, name: str, *, password: str | None = None) -> User:
    user = User.objects.filter(email=email).first() or create_person(email=email, full_name=name, password=password)
    add_membership(user=user, organisation=body.organisation, role=MembershipRole.EDITOR, reason=REASON)
    return user


def _body(name, kind, codes, offers, *, staff, partnerships) -> SupportBody:
    areas = [Area.objects.get(gss_code=code) for code in codes]
    body = save_support_body(
        organisation=_organisation(name, areas[0] if areas else None, staff=staff),
        kind=kind,
        is_national=not areas,
        areas=areas,
        partnerships=[
            partnership
            for partnership in partnerships
            if set(places_of(partnership.council.local_authority)) & {area.pk for area in areas}
        ],
        contact_name="Information desk",
        contact_email=f"help@{name.lower().replace(' ', '-')[:40]}.example",
        by=staff,
        reason=REASON,
    )
    for offer in offers:
        help_kind, narrower = offer if isinstance(offer, tuple) else (offer, [])
        save_offer(
            body=body,
            kind=help_kind,
            description=OFFER_TEXT[help_kind],
            is_free=help_kind != TRAINING or kind != NATIONAL_KIND,
            charges="£40 a place; free to groups with an income under £10,000" if kind == NATIONAL_KIND else "",
            areas=[Area.objects.get(gss_code=code) for code in narrower],
            by=staff,
            reason=REASON,
        )
    return body


def _charities_in(area: Area, *, exclude: set[int]) -> list[Organisation]:
    return list(
        Organisation.objects.filter(
            kind=OrganisationKind.REGISTERED_CHARITY, local_authority=area, status=OrganisationStatus.ACTIVE
        )
        .exclude(pk__in=exclude)
        .exclude(support_body__isnull=False)
        .order_by("pk")[:6]
    )


def _take(request, steps, by):
    for step, fields in steps:
        take_request_step(request=request, step=step, by=by, reason=fields.pop("reason", REASON), **fields)


@transaction.atomic
def load_capacity() -> None:
    if SupportBody.objects.filter(organisation__name=NATIONAL).exists():
        return
    staff = User.objects.filter(email="staff@demo.thirdsector.example").first()
    if staff is None:
        raise RuntimeError("Load the demo people (thirdsector.accounts.demo.load_people) before capacity building")
    member = User.objects.filter(email="member@demo.thirdsector.example").first()
    member_organisation = (
        Organisation.objects.filter(memberships__user=member, memberships__role=MembershipRole.ADMINISTRATOR)
        .order_by("pk")
        .first()
        if member
        else None
    )
    leeds = Area.objects.get(gss_code="E08000035")
    home = (member_organisation.local_authority if member_organisation else None) or leeds
    partnerships = list(LocalStrategicPartnership.objects.select_related("council__local_authority"))
    partnerships = [partnership for partnership in partnerships if partnership.council.local_authority_id]

    _body(NATIONAL, NATIONAL_KIND, [], [TRAINING], staff=staff, partnerships=[])
    bodies = {}
    for name, kind, codes, offers in LOCAL_BODIES:
        bodies[name] = _body(name, kind, codes, offers, staff=staff, partnerships=partnerships)
    home_name = f"Voluntary Action {home.name}"
    home_body = bodies.get(home_name) or _body(
        home_name, CVS, [home.gss_code], HelpKind.values, staff=staff, partnerships=partnerships
    )
    if home_body.offers.count() < len(HelpKind.values):
        for kind in set(HelpKind.values) - set(home_body.offers.values_list("kind", flat=True)):
            save_offer(body=home_body, kind=kind, description=OFFER_TEXT[kind], is_free=True, by=staff, reason=REASON)
    worker = _worker(home_body, SUPPORT_WORKER, "Sam Support", password=DEMO_PASSWORD)
    workers = {name: _worker(body, f"worker{index}@support.demo.thirdsector.example", f"{name} worker")
               for index, (name, body) in enumerate(bodies.items()) if body != home_body}  # fmt: skip

    # Requests in every state, to the member's CVS: from the member's charity and its neighbours.
    neighbours = _charities_in(home, exclude={member_organisation.pk} if member_organisation else set())
    asking = [member_organisation] if member_organisation else []
    requesters = (asking + neighbours) or [
        _organisation("Leeds Tenants Federation", home, staff=staff),
    ]
    first, *others = requesters
    others = others or [first]
    by_first = member if member_organisation else staff

    def ask(organisation, kind, text, body=home_body, by=staff):
        return request_support(organisation=organisation, kind=kind, description=text, support_body=body, by=by)

    completed = ask(first, BIDS, "Help writing a bid to the Community Fund for our youth club", by=by_first)
    _take(completed, [("accept", {}), ("start", {}), ("complete", {
        "outcome_category": OutcomeCategory.BID_SUBMITTED, "outcome": "A bid for £9,800 went in before the deadline",
    })], worker)  # fmt: skip
    in_progress = ask(first, GOVERNANCE, "Our trustees want a review of our constitution", by=by_first)
    _take(in_progress, [("accept", {}), ("start", {"reason": "First trustee meeting booked"})], worker)
    accepted = ask(first, TRAINING, "Safeguarding training for six new volunteers", by=by_first)
    _take(accepted, [("accept", {})], worker)
    ask(first, VOLUNTEERING, "We need two volunteer drivers for the lunch club", by=by_first)
    ask(others[0], BIDS, "Help with a bid to the council's small grants round")
    declined = ask(others[-1], TRAINING, "First aid training for 40 people next week")
    _take(declined, [("decline", {"decline_reason": "We cannot run a course that size at a week's notice"})], worker)
    closed = ask(others[0], GOVERNANCE, "Help setting up as a CIO")
    _take(closed, [("accept", {}), ("close_without_outcome", {
        "close_reason": "The group stopped replying after the first meeting",
    })], worker)  # fmt: skip
    ask(others[-1], BIDS, "Feedback on a draft bid", body=None)
    routed = ask(others[0], GOVERNANCE, "Advice on becoming a charitable incorporated organisation", body=None)
    _take(routed, [("route", {"support_body": home_body, "reason": "The CVS nearest the group"})], staff)
    if member_organisation:
        withdraw_me = ask(first, BIDS, "A second bid, to a trust", by=member)
        _take(withdraw_me, [("withdraw", {"reason": "A trustee with bid-writing experience joined us"})], member)

    # Completed and closed requests elsewhere, so the outcomes table has more than one row.
    outcomes = [
        ("Newcastle Council for Voluntary Service", BIDS, OutcomeCategory.FUNDING_SECURED, "£25,000 from a trust"),
        ("Manchester Community Central", VOLUNTEERING, OutcomeCategory.VOLUNTEERS_PLACED, "Five volunteers placed"),
        ("Bradford Community Support", GOVERNANCE, OutcomeCategory.GOVERNANCE_REVIEW_DONE, "New constitution adopted"),
    ]
    for name, kind, category, outcome in outcomes:
        body = bodies[name]
        local = _charities_in(body.areas.first(), exclude=set())[:1]
        if not local or body == home_body:
            continue
        request = ask(local[0], kind, OFFER_TEXT[kind], body=body)
        _take(request, [("accept", {}), ("start", {}), ("complete", {
            "outcome_category": category, "outcome": outcome,
        })], workers[name])  # fmt: skip
