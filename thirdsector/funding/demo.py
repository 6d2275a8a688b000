"""Demo funding for `make run`: the Strategic Partners Grant Programme at every stage, and the closed
Special Grants Programme it replaced, with its historic grants.

Dates are worked out from today, so the demo looks the same whenever it is loaded: a round that closed
last year whose grants are being paid, and a round open now with applications at every stage. The
current work goes through the same services people use, so every step has its audit record; the
Special Grants Programme's old grants are recorded as they ended, as an import of old records would.
"""

import datetime
import random
from decimal import Decimal

from django.db import transaction
from django.db.models import F
from django.test import override_settings
from django.utils import timezone

from thirdsector.accounts.demo import DEMO_PASSWORD
from thirdsector.accounts.models import User
from thirdsector.accounts.roles import MembershipRole
from thirdsector.accounts.services import add_membership, create_person
from thirdsector.core.audit import attribute
from thirdsector.register.models import Organisation, OrganisationKind, PolicyArea

from .financial_years import financial_year_of
from .models import (
    Application,
    Award,
    AwardStatus,
    AwardYear,
    Criterion,
    EligibilityRules,
    Payment,
    PaymentFrequency,
    PaymentStatus,
    Programme,
    ProgrammeBudget,
    ProgrammeStatus,
    Round,
)
from .services import applications, assessment, awards, monitoring, partners, payments
from .services.references import new_reference

SEED = 2007
DEMO_PARTNER_EMAIL = "partner@demo.thirdsector.example"
DEMO_REASON = "Demo data"
CRITERIA = [
    ("Reach", "How far the organisation reaches small and community groups across England.", 3),
    ("Representativeness", "How well it represents the groups it speaks for, BME-led groups among them.", 3),
    ("Capacity", "Whether it has the people and systems to inform policy and deliver the work.", 2),
    ("Fit with the department's priorities", "How the work serves the Third Sector Strategy's aims.", 2),
]
PARTNER_ANSWERS = {
    "reach_into_small_groups": "Over 300 member groups, most run by volunteers with incomes under £30,000.",
    "reach_into_bme_groups": "A BME-led network of 80 groups and a trustee board that reflects it.",
    "capacity": "A policy team of four and regional officers in five regions.",
    "evidence": "Annual report, membership survey of 2025 and three consultation responses.",
}


def _day(offset_days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=offset_days)


def _month_start(months_ago: int) -> datetime.date:
    today = timezone.localdate()
    month = today.month - months_ago
    year = today.year + (month - 1) // 12
    return datetime.date(year, (month - 1) % 12 + 1, 1)


def _people() -> dict[str, User]:
    emails = {
        "staff": "staff@demo.thirdsector.example",
        "admin": "admin@demo.thirdsector.example",
        "assessor": "assessor@demo.thirdsector.example",
        "member": "member@demo.thirdsector.example",
    }
    return {key: User.objects.get(email=email) for key, email in emails.items()}


def _national_charities(count: int) -> list[Organisation]:
    """Large charities, the kind that hold strategic partner status; the demo member's own is not one."""
    return list(
        Organisation.objects.filter(kind=OrganisationKind.REGISTERED_CHARITY, size_band__in=["large", "major"])
        .exclude(memberships__isnull=False)
        .order_by("pk")[:count]
    )


def _programmes(department: Organisation, by: User) -> tuple[Programme, Programme]:
    this_year = financial_year_of(timezone.localdate())
    special = Programme.objects.create(
        name="Special Grants Programme",
        slug="special-grants",
        code="SGP",
        purpose="Grants to national voluntary organisations for projects of national significance.",
        owning_team="Third Sector Partnerships Team",
        administering_body=department,
        status=ProgrammeStatus.CLOSED,
        default_grant_months=36,
    )
    strategic = Programme.objects.create(
        name="Strategic Partners Grant Programme",
        slug="strategic-partners",
        code="SPG",
        purpose=(
            "Three-year core funding for national organisations with strategic partner status, who link "
            "the department with local action and make sure the views of smaller groups are heard."
        ),
        owning_team="Third Sector Partnerships Team",
        administering_body=department,
        replaces=special,
        default_grant_months=36,
        payment_frequency=PaymentFrequency.QUARTERLY_IN_ADVANCE,
    )
    for programme in (special, strategic):
        attribute(programme, by=by, reason=DEMO_REASON).save()
    for year in range(this_year - 7, this_year - 2):
        ProgrammeBudget.objects.create(programme=special, financial_year=year, amount=Decimal("4000000"))
    # Far enough ahead for a three-year award starting months from now (it may end in a fourth financial year).
    for year in range(this_year - 1, this_year + 6):
        ProgrammeBudget.objects.create(programme=strategic, financial_year=year, amount=Decimal("6000000"))
    EligibilityRules.objects.create(programme=special)
    rules = EligibilityRules.objects.create(
        programme=strategic,
        requires_strategic_partner_status=True,
        minimum_amount=Decimal("50000"),
        maximum_amount=Decimal("450000"),
        minimum_months=12,
        maximum_months=36,
    )
    attribute(rules, by=by, reason=DEMO_REASON).save()
    for position, (name, guidance, weight) in enumerate(CRITERIA):
        Criterion.objects.create(
            programme=strategic,
            name=name,
            guidance=f"{guidance} 0: no evidence; 3: good evidence; 5: outstanding evidence.",
            weight=weight,
            maximum_score=5,
            position=position,
        )
    return special, strategic


def _historic_special_grants(special: Programme, organisations: list[Organisation], rng: random.Random) -> None:
    """Grants the Special Grants Programme made before it closed, recorded as they ended: paid and closed."""
    this_year = financial_year_of(timezone.localdate())
    for number, organisation in enumerate(organisations):
        first_year = this_year - 7 + number % 3
        amount = Decimal(rng.randrange(60, 300) * 1000)
        award = Award(
            reference=new_reference(Award, special.code),
            programme=special,
            organisation=organisation,
            title=rng.choice(["National volunteering project", "Community networks", "Regional outreach"]),
            amount=amount,
            starts_on=datetime.date(first_year, 4, 1),
            ends_on=datetime.date(first_year + 3, 3, 31),
            months=36,
            payment_frequency=PaymentFrequency.YEARLY_IN_ADVANCE,
            conditions="Special Grants Programme standard conditions.",
            status=AwardStatus.CLOSED,
            published_on=datetime.date(first_year, 3, 1),
            accepted_at=timezone.make_aware(datetime.datetime(first_year, 3, 1)),
            closed_at=timezone.make_aware(datetime.datetime(first_year + 3, 6, 30)),
        )
        attribute(award, by=None, reason="Recorded from the Special Grants Programme's files").save()
        yearly = (amount / 3).quantize(Decimal("0.01"))
        amounts = [yearly, yearly, amount - 2 * yearly]
        for offset, year_amount in enumerate(amounts):
            AwardYear.objects.create(
                award=award, programme=special, financial_year=first_year + offset, amount=year_amount
            )
            Payment.objects.create(
                award=award,
                programme=special,
                number=offset + 1,
                due_on=datetime.date(first_year + offset, 4, 1),
                financial_year=first_year + offset,
                amount=year_amount,
                status=PaymentStatus.PAID,
                paid_on=datetime.date(first_year + offset, 4, 3),
            )
            ProgrammeBudget.objects.filter(programme=special, financial_year=first_year + offset).update(
                committed=F("committed") + year_amount
            )


def _register_interest(organisation: Organisation, people: dict, policy_areas):
    return partners.register_interest(
        organisation=organisation, by=_applicant(organisation, people), policy_areas=policy_areas, **PARTNER_ANSWERS
    )


def _grant_partner_status(organisation: Organisation, people: dict, policy_areas, *, granted_months_ago: int):
    record = _register_interest(organisation, people, policy_areas)
    partners.start_review(partner=record, by=people["staff"], reason="Reviewing against the published criteria")
    granted_from = _month_start(granted_months_ago)
    partners.grant_status(
        partner=record,
        by=people["staff"],
        granted_from=granted_from,
        review_on=granted_from.replace(year=granted_from.year + 3) - datetime.timedelta(days=1),
        reason="Meets the criteria: national reach, representative of small and BME-led groups",
    )
    return record


def _applicant(organisation: Organisation, people: dict) -> User:
    """The organisation's administrator in the demo: each applicant organisation has one, named after it."""
    existing = organisation.memberships.select_related("user").first()
    if existing:
        return existing.user
    slug = "".join(ch for ch in organisation.name.lower() if ch.isalnum())[:24]
    user = create_person(
        email=f"{slug}@demo.thirdsector.example",
        full_name=f"Director of {organisation.name}"[:150],
        password=None,
        roles=(),
    )
    add_membership(user=user, organisation=organisation, role=MembershipRole.ADMINISTRATOR)
    return user


def _application(round_: Round, organisation: Organisation, applicant: User, rng: random.Random, *, starts_on):
    application = applications.start_application(round_=round_, organisation=organisation, by=applicant)
    applications.save_answers(
        application=application,
        by=applicant,
        project_title=f"Core funding for {organisation.name}"[:200],
        summary="Salaries of our policy and networks team, and a fair share of our running costs.",
        need="Small community groups have little voice in national policy; we carry it.",
        outcomes="Member groups respond to consultations, and their views reach the department.",
        amount_requested=Decimal(rng.randrange(12, 40) * 10000),
        overheads=Decimal("20000"),
        duration_months=36,
        # The first round's grants started months ago; their applications asked for a start ahead of them.
        starts_on=max(starts_on, _day(30)),
    )
    return application


def _assess(application: Application, people: dict, rng: random.Random, *, finish: bool) -> None:
    staff, assessor = people["staff"], people["assessor"]
    assignment = assessment.assign_assessor(application=application, assessor=assessor, by=staff)
    if not finish:
        return
    assessment.declare_interests(assignment=assignment, by=assessor, has_conflict=False)
    scores = {
        criterion.pk: (rng.randint(2, 5), f"{criterion.name}: evidence is clear and specific.")
        for criterion in application.round.programme.criteria.all()
    }
    assessment.save_scores(assignment=assignment, by=assessor, scores=scores)
    assessment.submit_scores(assignment=assignment, by=assessor)


def _submitted(round_, organisation, people, rng, *, starts_on) -> Application:
    applicant = _applicant(organisation, people)
    application = _application(round_, organisation, applicant, rng, starts_on=starts_on)
    applications.declare(application=application, by=applicant)
    applications.submit_application(application=application, by=applicant)
    # Submitted weeks before the assessment the demo runs at once, so the time taken to decide is real; a
    # generator of its own keeps the rest of the demo's random choices as they were.
    weeks_ago = datetime.timedelta(days=random.Random(application.pk).randint(14, 70))
    Application.objects.filter(pk=application.pk).update(submitted_at=F("submitted_at") - weeks_ago)
    application.refresh_from_db()
    return application


def _pay_due_payments(award: Award, people: dict, *, before: datetime.date | None = None) -> None:
    """Pays what fell due, as staff did at the time: before any return was late, so its dates step aside."""
    later = datetime.timedelta(days=3650)
    award.returns.update(due_on=F("due_on") + later)
    due = award.payments.filter(due_on__lte=timezone.localdate())
    if before:
        due = due.filter(due_on__lt=before)
    for payment in due.order_by("number"):
        payments.raise_payment(payment=payment, by=people["staff"], reason="Due in advance")
        payments.approve_payment(payment=payment, by=people["admin"], reason="Checked against the schedule")
        payments.mark_payment_paid(
            payment=payment, by=people["staff"], paid_on=payment.due_on, payment_reference=f"BACS-{payment.pk:06d}"
        )
    award.returns.update(due_on=F("due_on") - later)


def _funded(round_, organisation, people, rng, *, starts_on, months=36, short_reason="", accept=True) -> Award:
    """An application taken all the way to an award offered and (unless told not to) accepted."""
    application = _submitted(round_, organisation, people, rng, starts_on=starts_on)
    _assess(application, people, rng, finish=True)
    assessment.record_decision(
        application=application,
        by=people["staff"],
        approve=True,
        reasons="Strong reach into small and BME-led groups; scores above the line on every criterion.",
        feedback="Your application was strong on reach and representativeness.",
    )
    award = awards.create_award(
        application=application,
        by=people["staff"],
        amount=application.amount_requested,
        starts_on=starts_on,
        months=months,
        payment_frequency=PaymentFrequency.QUARTERLY_IN_ADVANCE,
        conditions="Spend the grant on the core costs described. Report every six months.",
        short_award_reason=short_reason,
    )
    awards.approve_award(award=award, by=people["staff"], reason="Within the year's budget")
    awards.offer_award(award=award, by=people["staff"], reason="Offer letter sent")
    if accept:
        awards.accept_award(award=award, by=_applicant(organisation, people), reason="Accepted by our trustees")
    return award


def load_funding() -> None:
    # Delivery goes through the services, which email people once each step commits: keep the demo's
    # emails off the terminal.
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        _load_funding()


@transaction.atomic
def _load_funding() -> None:
    rng = random.Random(SEED)
    people = _people()
    department = Organisation.objects.get(kind=OrganisationKind.GOVERNMENT_DEPARTMENT)
    special, strategic = _programmes(department, people["staff"])
    charities = _national_charities(40)
    policy_areas = list(PolicyArea.objects.order_by("slug")[:3])

    _historic_special_grants(special, charities[20:40], rng)

    last_round = Round.objects.create(
        programme=strategic,
        name="Core funding: first round",
        opens_on=_day(-400),
        closes_on=_day(-300),
        budget=Decimal("9000000"),
        is_published=True,
    )
    open_round = Round.objects.create(
        programme=strategic,
        name="Core funding: second round",
        opens_on=_day(-20),
        closes_on=_day(64),
        budget=Decimal("6000000"),
        is_published=True,
    )

    granted = [
        _grant_partner_status(organisation, people, policy_areas, granted_months_ago=14)
        for organisation in charities[:11]
    ]
    # The first round's grants, running now: the round is reopened for a moment to take them in order.
    started = _month_start(7)
    Round.objects.filter(pk=last_round.pk).update(opens_on=_day(-1), closes_on=_day(1))
    last_round.refresh_from_db()
    running = [_funded(last_round, record.organisation, people, rng, starts_on=started) for record in granted[:4]]
    short = _funded(
        last_round,
        granted[4].organisation,
        people,
        rng,
        starts_on=started,
        months=24,
        short_reason="The organisation plans to merge with another partner in two years.",
    )
    Round.objects.filter(pk=last_round.pk).update(opens_on=_day(-400), closes_on=_day(-300))
    for award in [running[0], running[1], short]:
        _pay_due_payments(award, people)
    # A sign-in for the README's walkthrough: an administrator of a partner whose first return is late.
    partner = create_person(email=DEMO_PARTNER_EMAIL, full_name="Rhiannon Davies", password=DEMO_PASSWORD, roles=())
    add_membership(user=partner, organisation=running[2].organisation, role=MembershipRole.ADMINISTRATOR)
    # The last two were not paid for the latest quarter: their first return is late.
    for award in running[2:]:
        _pay_due_payments(award, people, before=_month_start(3))
    first_returns = [award.returns.order_by("due_on").first() for award in running]
    monitoring.submit_return(
        monitoring_return=first_returns[0],
        by=_applicant(running[0].organisation, people),
        outputs="Twelve regional events; 140 groups took part.",
        outcomes="Sixty groups responded to two consultations.",
        spend=running[0].amount / 6,
    )
    monitoring.accept_return(monitoring_return=first_returns[0], by=people["staff"], reason="Clear and complete")
    monitoring.submit_return(
        monitoring_return=first_returns[1],
        by=_applicant(running[1].organisation, people),
        outputs="Network meetings in four regions.",
        outcomes="Early days: a survey of members is under way.",
        spend=running[1].amount / 7,
    )
    # running[2] and running[3] have not sent their first return: the daily task holds their payments.
    payments.hold_payments_with_overdue_returns()

    # The open round, at every stage.
    next_start = _month_start(-5)
    _application(
        open_round, granted[5].organisation, _applicant(granted[5].organisation, people), rng, starts_on=next_start
    )
    _submitted(open_round, granted[6].organisation, people, rng, starts_on=next_start)
    in_assessment = _submitted(open_round, granted[7].organisation, people, rng, starts_on=next_start)
    _assess(in_assessment, people, rng, finish=False)
    scored = _submitted(open_round, granted[8].organisation, people, rng, starts_on=next_start)
    _assess(scored, people, rng, finish=True)
    declined = _submitted(open_round, granted[9].organisation, people, rng, starts_on=next_start)
    _assess(declined, people, rng, finish=True)
    assessment.record_decision(
        application=declined,
        by=people["staff"],
        approve=False,
        reasons="Below the line on capacity; the budget cannot fund every strong application.",
        feedback="Your plans for the policy team were not yet clear enough. We would welcome a new application.",
    )
    _funded(open_round, granted[10].organisation, people, rng, starts_on=next_start, accept=False)

    # Strategic partner status at its other stages.
    for organisation in charities[11:13]:
        _register_interest(organisation, people, policy_areas)
    reviewing = _register_interest(charities[13], people, policy_areas)
    partners.start_review(partner=reviewing, by=people["staff"], reason="Reviewing against the criteria")
    refused = _register_interest(charities[14], people, policy_areas)
    partners.start_review(partner=refused, by=people["staff"], reason="Reviewing against the criteria")
    partners.decline_interest(
        partner=refused,
        by=people["staff"],
        reasons="The evidence of reach is regional, not national: register again when the network has grown.",
    )
