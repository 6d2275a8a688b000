"""Demo small grants: each local funder's round and panel, and a year of end grants to small groups.

Runs after `demo_allocation.load_allocation`, which makes the local funders' programmes (funded by their
regrant awards, each with a budget of its allocation less its admin share). For each programme this
makes a published round for the allocation year, and end grants to small groups in the local funder's
areas until about `GRANTS_PER_FUNDER` are made or the budget is used: most accepted and paid in one
payment in advance, some offered or just approved, and summer projects that have ended, with their
end-of-grant report accepted and the grant closed. Budgets' `committed` is the sum of the end grants'
yearly amounts, so the dashboard's figures add up. Groups come from the register; where a local funder's
areas have too few small groups, more are made with the register's own demo generator.

End grants run for the programme's 12 months, paid in one payment in advance, so each is held whole
against the budget of the year it starts in; summer projects run for 3 months and record why. Two
people form every local funder's panel (`PANEL`, password `accounts.demo.DEMO_PASSWORD`), so a payment
can be raised by one and approved by the other. A member of three small groups (`APPLICANT`) has one
ready to apply, a draft and a submitted application.
"""

import datetime
import random
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from thirdsector.accounts.demo import DEMO_PASSWORD
from thirdsector.accounts.models import User
from thirdsector.accounts.roles import MembershipRole, Role
from thirdsector.accounts.services import add_membership, create_person
from thirdsector.core.audit import attribute
from thirdsector.register.demo import generate_organisations
from thirdsector.register.models import (
    PUBLIC_BODY_KINDS,
    Area,
    AreaType,
    Characteristic,
    Organisation,
    OrganisationKind,
    OrganisationStatus,
)
from thirdsector.register.selectors import area_and_places_within

from .financial_years import financial_year_end, financial_year_label, financial_year_start
from .models import (
    Award,
    AwardStatus,
    AwardYear,
    MonitoringReturn,
    Payment,
    PaymentFrequency,
    PaymentStatus,
    Programme,
    ProgrammeBudget,
    ReturnKind,
    ReturnStatus,
    Round,
)
from .services.applications import declare, save_answers, start_application, submit_application
from .services.awards import commitment_by_financial_year, ends_on_for

SEED = 6001
DEMO_REASON = "Demo data"
GRANTS_PER_FUNDER = 250
AMOUNTS = [250, 300, 500, 750, 1000, 1200, 1500, 2000, 2500, 3000, 4000, 5000]
# Who leads the made-up groups: shares of BME-led and user-led groups.
CHARACTERISTIC_SHARES = {"bme-led": 0.18, "user-led": 0.22}
PANEL = (
    ("panel@localfunders.demo.thirdsector.example", "Rhiannon Hughes"),
    ("finance@localfunders.demo.thirdsector.example", "Tomasz Nowak"),
)
# A member of a small group in the first local funder's area, who can apply (the browser test's applicant).
APPLICANT = ("group@localfunders.demo.thirdsector.example", "Ama Mensah")
TITLES = [
    "Summer activities for young people",
    "Lunch club for older residents",
    "Community garden tools and seeds",
    "Warm space this winter",
    "Parent and toddler group",
    "Coffee morning for carers",
    "Football kit and pitch hire",
    "Welcome packs for new arrivals",
    "Digital skills sessions",
    "Repairs to the community hall",
]
_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"


def load_small_grants() -> None:
    """Rounds, panels and a year of end grants for every local funder's programme (none: nothing to do)."""
    programmes = list(
        Programme.objects.filter(funded_by__isnull=False)
        .select_related("administering_body", "eligibility")
        .order_by("pk")
    )
    if not programmes:
        return
    with transaction.atomic():
        panel = _panel(programmes)
        rng = random.Random(SEED)
        references = set(Award.objects.values_list("reference", flat=True))
        for number, programme in enumerate(programmes):
            _year_of_grants(programme, panel, rng, references, first_number=700_000 + number * 1_000)
        _applicant(programmes[0])


def _panel(programmes: list[Programme]) -> list[User]:
    people = []
    for email, name in PANEL:
        person = User.objects.filter(email=email).first() or create_person(
            email=email, full_name=name, password=DEMO_PASSWORD, roles=(Role.FUND_ADMINISTRATOR,)
        )
        for programme in programmes:
            if not person.memberships.filter(organisation=programme.administering_body).exists():
                add_membership(user=person, organisation=programme.administering_body, role=MembershipRole.EDITOR)
        people.append(person)
    return people


def _areas_of(programme: Programme) -> list[int]:
    """The local authorities the local funder covers: its eligibility areas and every area within them."""
    rules = getattr(programme, "eligibility", None)
    areas = list(rules.areas.all()) if rules else []
    if not areas and programme.administering_body.local_authority_id:
        areas = [programme.administering_body.local_authority]
    return sorted({pk for area in areas for pk in area_and_places_within(area)})


def _free_groups(programme: Programme, *, count: int) -> list[Organisation]:
    """Up to `count` small groups on the register, based in the local funder's areas, with no grant yet."""
    limit = Decimal(settings.REGRANTING_SMALL_GROUP_INCOME_LIMIT)
    return list(
        Organisation.objects.filter(
            local_authority_id__in=_areas_of(programme),
            latest_income__lt=limit,
            status=OrganisationStatus.ACTIVE,
            awards__isnull=True,
        )
        .exclude(kind__in=[*PUBLIC_BODY_KINDS, OrganisationKind.LOCAL_FUNDER])
        .order_by("pk")[:count]
    )


def _small_groups(programme: Programme, rng: random.Random, *, count: int, first_number: int) -> list[Organisation]:
    """`count` small groups with no grant yet in the local funder's areas: the register's, then made-up ones."""
    groups = _free_groups(programme, count=count)
    councils = list(
        Area.objects.filter(pk__in=_areas_of(programme))
        .exclude(area_type__in=[AreaType.REGION, AreaType.COUNTY])
        .order_by("pk")
    )
    if len(groups) >= count or not councils:
        return groups
    limit = Decimal(settings.REGRANTING_SMALL_GROUP_INCOME_LIMIT)
    made = []
    for generated in generate_organisations(rng, councils, first_number=first_number):
        organisation = generated.organisation
        if organisation.latest_income is not None and organisation.latest_income < limit:
            made.append(organisation)
        if len(groups) + len(made) >= count:
            break
    made = bulk_create_with_history(made, Organisation, batch_size=500, default_change_reason=DEMO_REASON)
    characteristics = dict(Characteristic.objects.filter(slug__in=CHARACTERISTIC_SHARES).values_list("slug", "pk"))
    through = Organisation.characteristics.through
    through.objects.bulk_create(
        through(organisation_id=organisation.pk, characteristic_id=characteristics[slug])
        for organisation in made
        for slug, share in CHARACTERISTIC_SHARES.items()
        if slug in characteristics and rng.random() < share
    )
    return groups + made


def _reference(code: str, rng: random.Random, references: set[str]) -> str:
    while True:
        reference = f"{code}-" + "".join(rng.choice(_ALPHABET) for _ in range(8))
        if reference not in references:
            references.add(reference)
            return reference


SUMMER_PROJECT = "A summer project."


def _status(ends_on: datetime.date, today: datetime.date, rng: random.Random) -> str:
    if ends_on + datetime.timedelta(days=45) < today:
        return AwardStatus.CLOSED
    return rng.choices([AwardStatus.ACCEPTED, AwardStatus.OFFERED, AwardStatus.APPROVED], [85, 10, 5])[0]


def _year_of_grants(programme, panel, rng, references, *, first_number: int) -> None:
    budget = ProgrammeBudget.objects.filter(programme=programme).order_by("-financial_year").first()
    if budget is None:
        return
    today = timezone.localdate()
    year = budget.financial_year
    opens_on, closes_on = financial_year_start(year), financial_year_end(year)
    round_ = Round(
        programme=programme,
        name=f"Community grants {financial_year_label(year)}",
        opens_on=opens_on,
        closes_on=closes_on,
        budget=budget.amount,
        is_published=True,
        created_by=panel[0],
        guidance="Groups run by volunteers with an income under £30,000 may ask for £250 to £5,000.",
    )
    attribute(round_, by=panel[0], reason=DEMO_REASON).save()
    latest_start = max(min(today, closes_on) - datetime.timedelta(days=14), opens_on)
    room = budget.remaining
    awards = []
    for group in _small_groups(programme, rng, count=GRANTS_PER_FUNDER, first_number=first_number):
        amount = Decimal(rng.choice(AMOUNTS))
        if amount > room:
            break
        room -= amount
        starts_on = opens_on + datetime.timedelta(days=rng.randint(0, (latest_start - opens_on).days))
        summer = starts_on + datetime.timedelta(days=150) < today and rng.random() < 0.3
        months = 3 if summer else programme.default_grant_months
        ends_on = ends_on_for(starts_on, months)
        status = _status(ends_on, today, rng)
        decided = datetime.datetime.combine(starts_on, datetime.time(10), tzinfo=datetime.UTC)
        accepted = status in (AwardStatus.ACCEPTED, AwardStatus.CLOSED)
        awards.append(
            Award(
                reference=_reference(programme.code, rng, references),
                programme=programme,
                round=round_,
                organisation=group,
                title=rng.choice(TITLES),
                description="Made by the local funder's panel from its allocation of the small grants fund.",
                amount=amount,
                starts_on=starts_on,
                ends_on=ends_on,
                months=months,
                is_short=summer,
                short_award_reason=SUMMER_PROJECT if summer else "",
                payment_frequency=PaymentFrequency.SINGLE_IN_ADVANCE,
                conditions="Spend the grant on what you asked for, and send a one-page report at the end.",
                status=status,
                approved_by=panel[0],
                approved_at=decided,
                offered_at=decided if status != AwardStatus.APPROVED else None,
                accepted_at=decided if accepted else None,
                published_on=starts_on if accepted else None,
                closed_at=decided + datetime.timedelta(days=30 * months + 45) if status == AwardStatus.CLOSED else None,
            )
        )
    for award in awards:
        award._history_user = panel[0]
    awards = bulk_create_with_history(awards, Award, batch_size=500, default_change_reason=DEMO_REASON)
    _money_and_reports(programme, awards, panel, today)
    committed = sum((award.amount for award in awards), Decimal("0"))
    ProgrammeBudget.objects.filter(pk=budget.pk).update(committed=budget.committed + committed)


def _money_and_reports(programme, awards, panel, today) -> None:
    """Each award's year, its one payment in advance (paid once accepted) and, once accepted, its final return."""
    raiser, approver = panel
    years, payments, returns = [], [], []
    for award in awards:
        shares = commitment_by_financial_year(
            amount=award.amount,
            starts_on=award.starts_on,
            months=award.months,
            payment_frequency=award.payment_frequency,
        )
        years.extend(
            AwardYear(award=award, programme=programme, financial_year=year, amount=amount)
            for year, amount in shares.items()
        )
        if award.status not in (AwardStatus.ACCEPTED, AwardStatus.CLOSED):
            continue
        paid = award.starts_on <= today
        payments.append(
            Payment(
                award=award,
                programme=programme,
                number=1,
                due_on=award.starts_on,
                financial_year=min(shares),
                amount=award.amount,
                status=PaymentStatus.PAID if paid else PaymentStatus.SCHEDULED,
                raised_by=raiser if paid else None,
                approved_by=approver if paid else None,
                paid_on=award.starts_on if paid else None,
                payment_reference=f"BACS-{award.reference}" if paid else "",
            )  # fmt: skip
        )
        closed = award.status == AwardStatus.CLOSED
        returns.append(
            MonitoringReturn(
                award=award,
                kind=ReturnKind.FINAL,
                period_starts_on=award.starts_on,
                period_ends_on=award.ends_on,
                due_on=award.ends_on + datetime.timedelta(days=programme.return_due_days),
                status=ReturnStatus.ACCEPTED if closed else ReturnStatus.DUE,
                outputs="We ran the sessions we planned, for 35 people, most of them every week." if closed else "",
                outcomes="People told us they feel less alone and have made friends." if closed else "",
                spend=award.amount if closed else None,
                reviewed_by=raiser if closed else None,
            )  # fmt: skip
        )
    for rows, model in ((years, AwardYear), (payments, Payment), (returns, MonitoringReturn)):
        bulk_create_with_history(rows, model, batch_size=1000, default_change_reason=DEMO_REASON)


def _applicant(programme: Programme) -> None:
    """A member of small groups in the first local funder's area: one group ready to apply to its open round
    (the browser test's journey), one with a draft on the short form and one with an application submitted."""
    email, name = APPLICANT
    if User.objects.filter(email=email).exists():
        return
    person = create_person(email=email, full_name=name, password=DEMO_PASSWORD)
    round_ = programme.rounds.order_by("-opens_on").first()
    groups = _small_groups(programme, random.Random(SEED), count=3, first_number=699_000)
    for group in groups:
        add_membership(user=person, organisation=group, role=MembershipRole.ADMINISTRATOR)
    if round_ is None or not round_.is_open_on(timezone.localdate()):
        return
    for group, submit in zip(groups[1:], (False, True), strict=False):
        application = start_application(round_=round_, organisation=group, by=person)
        save_answers(
            application=application,
            by=person,
            project_title="Warm space this winter",
            summary="Heating and hot drinks for the church hall on weekday afternoons.",
            need="Older neighbours cannot afford to heat their homes all day.",
            outcomes="Thirty people have a warm place to meet each week.",
            amount_requested=Decimal("1800.00"),
            starts_on=timezone.localdate() + datetime.timedelta(days=30),
        )
        if submit:
            declare(application=application, by=person)
            submit_application(application=application, by=person)
