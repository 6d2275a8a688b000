"""Scale data for the funding benchmark: a million grants over the register's scale organisations.

Three made-up programmes, named "(scale data)" so they can share a database with the demo's:

- the Small Grants Fund: most of the awards, one-year grants of £250 to £5,000, a round a year;
- the Strategic Partners Grant Programme: three-year core funding, a round every three years;
- the closed Special Grants Programme it replaced, with its historic three-year grants.

Each award has its yearly amounts (AwardYear) and a status that follows from its age against
`REFERENCE_DATE` (old grants closed, this year's at every stage). Applications come for the latest
rounds, in every status, each approved one linked to its award; payments come for the latest accepted
and closed grants. Each programme's budgets are set after the awards are in: `committed` is the sum of
the committed awards' yearly amounts, read back from the database, and the budget is at least that.

Like the register's scale data (`register/scale_data.py`) the rows go in with COPY on PostgreSQL and
`bulk_create` elsewhere, are the same on every run (a seeded generator and a fixed reference date),
and have no history rows: the pages measured never read history.
"""

import json
import random
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as clock
from decimal import ROUND_CEILING, Decimal
from itertools import batched

from django.db import connection, models, transaction
from django.db.models import Sum
from django.utils import timezone

from thirdsector.accounts.models import User
from thirdsector.accounts.roles import Role
from thirdsector.register.models import Organisation, OrganisationKind, OrganisationStatus
from thirdsector.register.scale_data import scale_organisations_present

from .financial_years import financial_year_end, financial_year_of
from .models import (
    COMMITTED_STATUSES,
    Application,
    ApplicationStatus,
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

SEED = 1_000_000
# Statuses and dates follow from this day, not today, so every run writes the same rows.
REFERENCE_DATE = date(2026, 11, 1)
CURRENT_YEAR = financial_year_of(REFERENCE_DATE)
BATCH_SIZE = 10_000
SCALE_EMAIL_DOMAIN = "scale.thirdsector.example"
ADMINISTERING_BODY = "Department for Communities (scale data)"
CONDITIONS = (
    "Spend the grant on the work described in your application. Tell us at once about any change to that "
    "work. Return any money not spent. Send the monitoring returns when they are due."
)
SMALL_GRANT_TITLES = [
    "Summer activities for young people",
    "Lunch club for older residents",
    "Community garden tools and seeds",
    "Volunteer training",
    "Warm space this winter",
    "Food bank storage",
    "Parent and toddler group",
    "Digital skills sessions",
    "Coffee morning for carers",
    "Repairs to the community hall",
    "Football kit and pitch hire",
    "Welcome packs for new arrivals",
]
CORE_FUNDING_TITLES = [
    "Core funding for our national network",
    "Policy and influencing work",
    "Support for member groups",
    "Capacity building for small and BME-led groups",
]


@dataclass(frozen=True)
class ProgrammeSpec:
    key: str
    name: str
    slug: str
    code: str
    purpose: str
    share: float  # of all the awards
    round_years: tuple[int, ...]  # financial years with a round, oldest first
    months: int
    smallest: int  # pounds
    largest: int
    step: int
    payment_frequency: str
    yearly_budget: int  # pounds, before it is raised to cover what the awards commit
    criteria: tuple[str, ...]
    status: str = ProgrammeStatus.ACTIVE
    titles: tuple[str, ...] = field(default_factory=tuple)


PROGRAMMES = [
    ProgrammeSpec(
        key="small",
        name="Small Grants Fund (scale data)",
        slug="scale-small-grants-fund",
        code="XSGF",
        purpose="Grants of £250 to £5,000 for community groups with an income under £30,000.",
        share=0.94,
        round_years=tuple(range(CURRENT_YEAR - 7, CURRENT_YEAR + 1)),
        months=12,
        smallest=250,
        largest=5_000,
        step=10,
        payment_frequency=PaymentFrequency.SINGLE_IN_ADVANCE,
        yearly_budget=20_000_000,
        criteria=("Need in the community", "Run by local people", "Value for money"),
        titles=tuple(SMALL_GRANT_TITLES),
    ),
    ProgrammeSpec(
        key="partners",
        name="Strategic Partners Grant Programme (scale data)",
        slug="scale-strategic-partners",
        code="XSPG",
        purpose="Three-year core funding for national organisations with strategic partner status.",
        share=0.01,
        round_years=(CURRENT_YEAR - 3, CURRENT_YEAR),
        months=36,
        smallest=90_000,
        largest=300_000,
        step=1_000,
        payment_frequency=PaymentFrequency.QUARTERLY_IN_ADVANCE,
        yearly_budget=10_000_000,
        criteria=("Reach", "Representativeness", "Capacity", "Fit with the department's priorities"),
        titles=tuple(CORE_FUNDING_TITLES),
    ),
    ProgrammeSpec(
        key="special",
        name="Special Grants Programme (scale data)",
        slug="scale-special-grants",
        code="XSGP",
        purpose="Grants to national voluntary organisations, replaced by the Strategic Partners Grant Programme.",
        share=0.05,
        round_years=tuple(range(CURRENT_YEAR - 12, CURRENT_YEAR - 7)),
        months=36,
        smallest=20_000,
        largest=150_000,
        step=500,
        payment_frequency=PaymentFrequency.YEARLY_IN_ADVANCE,
        yearly_budget=8_000_000,
        criteria=("Benefit to the sector", "Capacity"),
        status=ProgrammeStatus.CLOSED,
        titles=tuple(CORE_FUNDING_TITLES),
    ),
]
BIGGEST_PROGRAMME_SLUG = PROGRAMMES[0].slug

# Award statuses by where the grant stands on the reference date, as (status, share) in order.
ENDED = [(AwardStatus.CLOSED, 0.93), (AwardStatus.WITHDRAWN, 0.03), (AwardStatus.DECLINED, 0.04)]
RUNNING = [(AwardStatus.ACCEPTED, 0.95), (AwardStatus.WITHDRAWN, 0.02), (AwardStatus.DECLINED, 0.03)]
NEW = [
    (AwardStatus.ACCEPTED, 0.55),
    (AwardStatus.OFFERED, 0.12),
    (AwardStatus.APPROVED, 0.13),
    (AwardStatus.DRAFT, 0.12),
    (AwardStatus.DECLINED, 0.04),
    (AwardStatus.WITHDRAWN, 0.04),
]
# Application statuses in the round open now, and in a round already decided.
OPEN_ROUND_APPLICATIONS = [
    (ApplicationStatus.APPROVED, 0.25),
    (ApplicationStatus.DRAFT, 0.15),
    (ApplicationStatus.SUBMITTED, 0.2),
    (ApplicationStatus.IN_ASSESSMENT, 0.2),
    (ApplicationStatus.DECLINED, 0.15),
    (ApplicationStatus.WITHDRAWN, 0.05),
]
DECIDED_ROUND_APPLICATIONS = [
    (ApplicationStatus.APPROVED, 0.45),
    (ApplicationStatus.DECLINED, 0.45),
    (ApplicationStatus.WITHDRAWN, 0.1),
]
# Of all the applications, the share that goes to each round that has them: (programme key, year).
APPLICATION_ROUNDS = [("small", CURRENT_YEAR, 0.6), ("small", CURRENT_YEAR - 1, 0.3), ("partners", CURRENT_YEAR, 0.1)]
# Payments are written for the awards of these rounds on; what a payment needs of its award.
PAYMENTS_FROM_YEAR = CURRENT_YEAR - 3
PAYABLE_FIELDS = ("id", "programme_id", "starts_on", "months", "amount", "status")


class FundingScaleDataError(Exception):
    """The database cannot take the funding scale data as it stands; the message says what to do."""


@dataclass
class Loaded:
    programmes: int = 0
    rounds: int = 0
    awards: int = 0
    award_years: int = 0
    applications: int = 0
    payments: int = 0


def funding_scale_awards_present() -> int:
    return Award.objects.filter(programme__slug__in=[spec.slug for spec in PROGRAMMES]).count()


def split(total: int, shares: list[float]) -> list[int]:
    """`total` split by `shares`, rounding down, with what is left over going to the first part."""
    parts = [int(total * share) for share in shares]
    parts[0] += total - sum(parts)
    return parts


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, 28))


def _moment(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, clock(10, 0)))


def _pick(rng: random.Random, table: list[tuple[str, float]]) -> str:
    draw = rng.random()
    for value, share in table:
        draw -= share
        if draw < 0:
            return value
    return table[-1][0]


@transaction.atomic
def load_funding_scale_data(
    *,
    awards: int = 1_000_000,
    applications: int = 200_000,
    payments: int = 300_000,
    progress: Callable[[str], None] | None = None,
) -> Loaded:
    """Writes the three programmes with `awards` awards, `applications` applications and `payments` payments.

    Refuses (FundingScaleDataError) when the register's scale organisations are missing or when funding
    scale data is already there: it is written once, into a database of its own.
    """
    say = progress or (lambda message: None)
    present = funding_scale_awards_present()
    if present or Programme.objects.filter(slug__in=[spec.slug for spec in PROGRAMMES]).exists():
        raise FundingScaleDataError(
            f"Funding scale data is already loaded ({present:,} awards): it is written once. To load it again "
            "with other numbers, use a new database (createdb, migrate, generate_scale_data, then this)."
        )
    organisation_ids = list(
        Organisation.objects.filter(
            website__startswith="https://www.scale-", status=OrganisationStatus.ACTIVE
        ).order_by("pk").values_list("pk", flat=True)
    )  # fmt: skip
    if not organisation_ids:
        raise FundingScaleDataError(
            f"The register holds {scale_organisations_present():,} scale organisations: run "
            "`manage.py generate_scale_data` first, which the grants are made to."
        )
    writer = _CopyWriter() if connection.vendor == "postgresql" else _BulkCreateWriter()
    generator = _Generator(random.Random(SEED), organisation_ids, writer)
    loaded = Loaded()
    programmes = generator.programmes()
    loaded.programmes = len(programmes)
    award_counts = dict(
        zip([spec.key for spec in PROGRAMMES], split(awards, [s.share for s in PROGRAMMES]), strict=True)
    )
    application_counts = dict(
        zip(
            [(key, year) for key, year, _ in APPLICATION_ROUNDS],
            split(applications, [share for _, _, share in APPLICATION_ROUNDS]),
            strict=True,
        )
    )
    for spec in PROGRAMMES:
        programme = programmes[spec.key]
        per_round = split(award_counts[spec.key], [1 / len(spec.round_years)] * len(spec.round_years))
        # The latest round takes the remainder, as the newest rounds are the biggest.
        per_round = per_round[1:] + per_round[:1]
        for year, count in zip(spec.round_years, per_round, strict=True):
            round_ = generator.round(spec, programme, year)
            loaded.rounds += 1
            approved = generator.applications(spec, round_, year, application_counts.get((spec.key, year), 0), count)
            loaded.applications += generator.applications_written_last
            loaded.award_years += generator.awards(spec, programme, round_, year, count, approved)
            loaded.awards += count
            say(f"{spec.name} {year}: {count:,} awards")
    # A round being prepared for next year, unpublished: the public does not see it.
    generator.round(PROGRAMMES[0], programmes["small"], CURRENT_YEAR + 1, published=False)
    loaded.rounds += 1
    loaded.payments = generator.payments(payments)
    say(f"{loaded.payments:,} payments")
    set_budgets_from_awards(programmes, generator.years_touched)
    return loaded


def set_budgets_from_awards(programmes: dict[str, Programme], years_touched: dict[str, set[int]]) -> None:
    """A budget for every year the awards reach, `committed` read from the awards, the amount at least that."""
    committed = {
        (row["programme_id"], row["financial_year"]): row["total"]
        for row in AwardYear.objects.filter(
            programme__in=list(programmes.values()), award__status__in=COMMITTED_STATUSES
        )
        .values("programme_id", "financial_year")
        .annotate(total=Sum("amount"))
        .order_by()
    }
    budgets = []
    for spec in PROGRAMMES:
        programme = programmes[spec.key]
        for year in sorted(years_touched[spec.key]):
            held = committed.get((programme.pk, year), Decimal("0.00"))
            planned = Decimal(spec.yearly_budget)
            # Budgets are set in whole £100,000s with a tenth to spare above what is committed.
            needed = (held * Decimal("1.1") / 100_000).to_integral_value(rounding=ROUND_CEILING) * 100_000
            budgets.append(
                ProgrammeBudget(programme=programme, financial_year=year, amount=max(planned, needed), committed=held)
            )
    ProgrammeBudget.objects.bulk_create(budgets)


class _Generator:
    """Makes the rows, deterministic given the organisations and the seed."""

    def __init__(self, rng: random.Random, organisation_ids: list[int], writer):
        self.rng = rng
        self.organisation_ids = organisation_ids
        self.writer = writer
        self.numbers: dict[str, int] = {}
        self.years_touched: dict[str, set[int]] = {spec.key: set() for spec in PROGRAMMES}
        # Accepted and closed awards of the latest years, which have payments: by round year, (spec, award).
        self.payable: dict[int, list[tuple[ProgrammeSpec, tuple]]] = {}
        self.applications_written_last = 0
        self.staff = self._person("scale-funding-officer", "Scale Funding Officer", Role.DEPARTMENT_STAFF)
        self.second_staff = self._person("scale-payments-officer", "Scale Payments Officer", Role.DEPARTMENT_STAFF)
        self.applicant = self._person("scale-applicant", "Scale Applicant", None)

    def _person(self, name: str, full_name: str, role: str | None) -> User:
        user, _ = User.objects.get_or_create(email=f"{name}@{SCALE_EMAIL_DOMAIN}", defaults={"full_name": full_name})
        if role:
            user.grant_role(role)
        return user

    def _reference(self, code: str) -> str:
        # Digits 0 and 1 never appear in `services.references.new_reference`'s, so these cannot collide.
        self.numbers[code] = self.numbers.get(code, 0) + 1
        return f"{code}-{self.numbers[code]:08d}"

    def programmes(self) -> dict[str, Programme]:
        body, _ = Organisation.objects.get_or_create(
            name=ADMINISTERING_BODY, defaults={"kind": OrganisationKind.GOVERNMENT_DEPARTMENT}
        )
        made = {}
        for spec in PROGRAMMES:
            made[spec.key] = programme = Programme.objects.create(
                name=spec.name,
                slug=spec.slug,
                code=spec.code,
                purpose=spec.purpose,
                owning_team="Third Sector Funding Team",
                administering_body=body,
                status=spec.status,
                default_grant_months=spec.months,
                payment_frequency=spec.payment_frequency,
            )
            Criterion.objects.bulk_create(
                Criterion(
                    programme=programme,
                    name=name,
                    guidance="0 no evidence; 3 some evidence; 5 strong evidence",
                    weight=2 if position == 0 else 1,
                    position=position,
                )
                for position, name in enumerate(spec.criteria)
            )
            EligibilityRules.objects.create(
                programme=programme,
                maximum_income=Decimal("30000") if spec.key == "small" else None,
                requires_strategic_partner_status=spec.key == "partners",
                minimum_amount=Decimal(spec.smallest),
                maximum_amount=Decimal(spec.largest),
                maximum_months=spec.months,
            )
        made["partners"].replaces = made["special"]
        made["partners"].save(update_fields=["replaces"])
        return made

    def round(self, spec: ProgrammeSpec, programme: Programme, year: int, *, published: bool = True) -> Round:
        if year == CURRENT_YEAR:
            opens_on, closes_on = REFERENCE_DATE - timedelta(days=60), REFERENCE_DATE + timedelta(days=45)
        else:
            opens_on, closes_on = date(year, 1, 10), date(year, 3, 20)
        return Round.objects.create(
            programme=programme,
            name=f"Round {year}–{(year + 1) % 100:02d}",
            opens_on=opens_on,
            closes_on=closes_on,
            budget=Decimal(spec.yearly_budget),
            is_published=published,
            created_by=self.staff,
        )

    def applications(
        self, spec: ProgrammeSpec, round_: Round, year: int, count: int, awards: int
    ) -> list[tuple[int, int, Decimal]]:
        """Writes `count` applications to the round, each from a different organisation; returns the
        approved ones as (application id, organisation id, amount), one for each of up to `awards` awards."""
        self.applications_written_last = 0
        count = min(count, len(self.organisation_ids))
        if count == 0:
            return []
        rng = self.rng
        table = OPEN_ROUND_APPLICATIONS if year == CURRENT_YEAR else DECIDED_ROUND_APPLICATIONS
        statuses = [status for status, share in table for _ in range(int(count * share))]
        statuses += [table[-1][0]] * (count - len(statuses))
        # No more approved applications than the round has awards: the rest are declined.
        approved_seen = 0
        for index, status in enumerate(statuses):
            if status == ApplicationStatus.APPROVED:
                approved_seen += 1
                if approved_seen > awards:
                    statuses[index] = ApplicationStatus.DECLINED
        rng.shuffle(statuses)
        organisations = rng.sample(self.organisation_ids, count)
        ids = self.writer.reserve_ids(Application, count)
        approved = []
        for batch in batched(
            self._application_rows(spec, round_, year, ids, organisations, statuses, approved), BATCH_SIZE
        ):
            self.writer.write(Application, batch)
        self.applications_written_last = count
        return approved

    def _application_rows(self, spec, round_, year, ids, organisations, statuses, approved) -> Iterator[dict]:
        rng = self.rng
        for pk, organisation_id, status in zip(ids, organisations, statuses, strict=True):
            amount = Decimal(rng.randrange(spec.smallest, spec.largest + 1, spec.step))
            created = round_.opens_on + timedelta(
                days=rng.randint(0, max((round_.closes_on - round_.opens_on).days, 0))
            )
            row = {
                "id": pk,
                "round_id": round_.pk,
                "organisation_id": organisation_id,
                "reference": self._reference(f"{spec.code}A"),
                "status": status,
                "project_title": rng.choice(spec.titles),
                "summary": "What the money is for, in a few lines.",
                "need": "The need it meets, in a few lines.",
                "outcomes": "What will change because of it, in a few lines.",
                "amount_requested": amount,
                "duration_months": spec.months,
                "starts_on": date(year, 4, 1) if year < CURRENT_YEAR else REFERENCE_DATE + timedelta(days=90),
                "created_by_id": self.applicant.pk,
                "created_at": _moment(created),
                "updated_at": _moment(created),
            }
            if status != ApplicationStatus.DRAFT:
                row |= {
                    "declared_by_id": self.applicant.pk,
                    "declared_at": _moment(created),
                    "submitted_at": _moment(created),
                    "eligibility_at_submission": {"passed": True},
                }
            if status in (ApplicationStatus.APPROVED, ApplicationStatus.DECLINED):
                decided = min(created + timedelta(days=30), REFERENCE_DATE)
                row |= {
                    "decision_reasons": "Scored against the published criteria.",
                    "feedback": "Thank you for applying; the panel's scores are attached.",
                    "decided_by_id": self.staff.pk,
                    "decided_at": _moment(decided),
                }
            if status == ApplicationStatus.APPROVED:
                approved.append((pk, organisation_id, amount))
            yield row

    def awards(
        self,
        spec: ProgrammeSpec,
        programme: Programme,
        round_: Round,
        year: int,
        count: int,
        approved: list[tuple[int, int, Decimal]],
    ) -> int:
        """Writes `count` awards in the round, the first ones from its approved applications; returns how
        many yearly amounts were written."""
        years_written = 0
        approved_left = iter(approved)
        payable = self.payable.setdefault(year, [])
        for batch_start in range(0, count, BATCH_SIZE):
            size = min(BATCH_SIZE, count - batch_start)
            ids = self.writer.reserve_ids(Award, size)
            awards, years = [], []
            for pk in ids:
                from_application = next(approved_left, None)
                award, award_years = self._award(spec, programme, round_, year, pk, from_application)
                awards.append(award)
                years.extend(award_years)
                if year >= PAYMENTS_FROM_YEAR and award["status"] in (AwardStatus.ACCEPTED, AwardStatus.CLOSED):
                    payable.append((spec, tuple(award[name] for name in PAYABLE_FIELDS)))
            self.writer.write(Award, awards)
            self.writer.write(AwardYear, years)
            years_written += len(years)
        return years_written

    def _award(self, spec, programme, round_, year, pk, from_application) -> tuple[dict, list[dict]]:
        rng = self.rng
        if from_application:
            application_id, organisation_id, amount = from_application
        else:
            application_id, organisation_id = None, rng.choice(self.organisation_ids)
            amount = Decimal(rng.randrange(spec.smallest, spec.largest + 1, spec.step))
        if year == CURRENT_YEAR:
            starts_on = date(year, 4, 1) + timedelta(days=rng.randint(0, (REFERENCE_DATE - date(year, 4, 1)).days + 60))
        else:
            starts_on = date(year, 4, 1) + timedelta(days=rng.randint(0, 240 if spec.months <= 12 else 60))
        months = spec.months
        short_reason = ""
        if spec.months > 12 and rng.random() < 0.05:
            months, short_reason = 24, "The organisation asked for two years to fit its own plan."
        ends_on = add_months(starts_on, months) - timedelta(days=1)
        # Paid in advance: a one-year grant falls in the year it starts, a longer one a year at a time.
        funded_years = [year + offset for offset in range(max(months // 12, 1))]
        last_year = funded_years[-1]
        table = ENDED if financial_year_end(last_year) < REFERENCE_DATE else RUNNING if year < CURRENT_YEAR else NEW
        status = _pick(rng, table)
        if spec.status == ProgrammeStatus.CLOSED and status not in (AwardStatus.WITHDRAWN, AwardStatus.DECLINED):
            status = AwardStatus.CLOSED
        approved_on = starts_on - timedelta(days=30)
        accepted_on = min(starts_on - timedelta(days=20), REFERENCE_DATE)
        row = {
            "id": pk,
            "reference": self._reference(spec.code),
            "programme_id": programme.pk,
            "round_id": round_.pk,
            "application_id": application_id,
            "organisation_id": organisation_id,
            "title": rng.choice(spec.titles),
            "amount": amount,
            "starts_on": starts_on,
            "ends_on": ends_on,
            "months": months,
            "is_short": months < spec.months,
            "short_award_reason": short_reason,
            "payment_frequency": spec.payment_frequency,
            "conditions": CONDITIONS,
            "status": status,
            "created_at": _moment(starts_on - timedelta(days=40)),
        }
        if status != AwardStatus.DRAFT:
            row |= {"approved_by_id": self.staff.pk, "approved_at": _moment(approved_on)}
        if status in (AwardStatus.OFFERED, AwardStatus.ACCEPTED, AwardStatus.DECLINED, AwardStatus.CLOSED):
            row["offered_at"] = _moment(approved_on + timedelta(days=5))
        if status in (AwardStatus.ACCEPTED, AwardStatus.CLOSED):
            row |= {
                "accepted_by_id": self.applicant.pk,
                "accepted_at": _moment(accepted_on),
                "published_on": accepted_on,
            }
            notice_on = add_months(ends_on, -3)
            if notice_on <= REFERENCE_DATE:
                row["end_notice_sent_on"] = notice_on
        if status == AwardStatus.CLOSED:
            row["closed_at"] = _moment(ends_on + timedelta(days=60))
        shares = len(funded_years)
        each = (amount / shares).quantize(Decimal("0.01"))
        years = [
            {
                "award_id": pk,
                "programme_id": programme.pk,
                "financial_year": funded_year,
                "amount": each if index < shares - 1 else amount - each * (shares - 1),
            }
            for index, funded_year in enumerate(funded_years)
        ]
        self.years_touched[spec.key].update(funded_years)
        return row, years

    def payments(self, wanted: int) -> int:
        """Writes up to `wanted` payments on accepted and closed awards, newest rounds first."""
        written = 0
        statuses_now = [
            (PaymentStatus.SCHEDULED, 0.5),
            (PaymentStatus.REQUESTED, 0.25),
            (PaymentStatus.APPROVED, 0.2),
            (PaymentStatus.HELD, 0.05),
        ]
        rows: list[dict] = []
        for year in sorted(self.payable, reverse=True):
            for spec, award in self.payable[year]:
                if written >= wanted:
                    break
                for payment in self._schedule(spec, award, statuses_now):
                    if written >= wanted:
                        break
                    rows.append(payment)
                    written += 1
                    if len(rows) == BATCH_SIZE:
                        self.writer.write(Payment, rows)
                        rows = []
        if rows:
            self.writer.write(Payment, rows)
        return written

    def _schedule(self, spec: ProgrammeSpec, award: tuple, statuses_now) -> Iterator[dict]:
        award = dict(zip(PAYABLE_FIELDS, award, strict=True))
        per_year = {PaymentFrequency.SINGLE_IN_ADVANCE: 0, PaymentFrequency.YEARLY_IN_ADVANCE: 1}
        instalments_a_year = per_year.get(spec.payment_frequency, 4)
        months, amount = award["months"], award["amount"]
        count = 1 if instalments_a_year == 0 else max(months * instalments_a_year // 12, 1)
        each = (amount / count).quantize(Decimal("0.01"))
        for number in range(1, count + 1):
            due_on = add_months(award["starts_on"], (number - 1) * 12 // max(instalments_a_year, 1))
            row = {
                "award_id": award["id"],
                "programme_id": award["programme_id"],
                "number": number,
                "due_on": due_on,
                "financial_year": financial_year_of(due_on),
                "amount": each if number < count else amount - each * (count - 1),
            }
            if award["status"] == AwardStatus.CLOSED or due_on < REFERENCE_DATE - timedelta(days=14):
                status = PaymentStatus.PAID
            elif due_on <= REFERENCE_DATE + timedelta(days=30):
                status = _pick(self.rng, statuses_now)
            else:
                status = PaymentStatus.SCHEDULED
            row["status"] = status
            if status in (PaymentStatus.REQUESTED, PaymentStatus.APPROVED, PaymentStatus.PAID):
                row |= {"raised_by_id": self.staff.pk, "raised_at": _moment(due_on - timedelta(days=10))}
            if status in (PaymentStatus.APPROVED, PaymentStatus.PAID):
                row |= {"approved_by_id": self.second_staff.pk, "approved_at": _moment(due_on - timedelta(days=7))}
            if status == PaymentStatus.PAID:
                row |= {"paid_on": due_on, "payment_reference": f"BACS-{award['id']}-{number}"}
            yield row


def _columns(model: type[models.Model]) -> list[tuple[models.Field, object]]:
    """Each concrete field with the value to write when a row leaves it out (its default, or NULL)."""
    columns = []
    for model_field in model._meta.concrete_fields:
        default = model_field.get_default() if model_field.has_default() else None
        if default is None and not model_field.null and isinstance(model_field, models.CharField | models.TextField):
            default = ""
        columns.append((model_field, default))
    return columns


class _CopyWriter:
    """Writes with PostgreSQL's COPY; ids are taken from each table's sequence first, to link rows."""

    def __init__(self):
        self.columns = {}

    def reserve_ids(self, model: type[models.Model], count: int) -> list[int]:
        sequence = f"pg_get_serial_sequence('{model._meta.db_table}', 'id')"
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT nextval({sequence}) FROM generate_series(1, %s)",  # noqa: S608 - no input in the SQL
                [count],
            )
            return [pk for (pk,) in cursor.fetchall()]

    def write(self, model: type[models.Model], rows: Iterable[dict]) -> None:
        rows = list(rows)
        if not rows:
            return
        # Rows without an id take one from the table's sequence, as an INSERT would.
        with_id = "id" in rows[0]
        columns = self.columns.setdefault(
            (model, with_id), [(f, default) for f, default in _columns(model) if with_id or not f.primary_key]
        )
        names = ", ".join(connection.ops.quote_name(model_field.column) for model_field, _ in columns)
        statement = f"COPY {model._meta.db_table} ({names}) FROM STDIN"
        with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row(tuple(_value(model_field, row, default) for model_field, default in columns))


def _value(model_field: models.Field, row: dict, default):
    value = row.get(model_field.attname, default)
    if isinstance(model_field, models.JSONField):
        return json.dumps(value)
    return value


class _BulkCreateWriter:
    """The same rows through the ORM, for SQLite (the embedded default) and small numbers."""

    def reserve_ids(self, model: type[models.Model], count: int) -> list[int]:
        highest = model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        reserved = getattr(self, "_reserved", {})
        start = max(highest, reserved.get(model, 0)) + 1
        reserved[model] = start + count - 1
        self._reserved = reserved
        return list(range(start, start + count))

    def write(self, model: type[models.Model], rows: Iterable[dict]) -> None:
        names = {model_field.attname for model_field in model._meta.concrete_fields}
        objects = []
        for row in rows:
            instance = model(**{name: value for name, value in row.items() if name in names})
            objects.append(instance)
        # bulk_create leaves auto_now_add alone only when told the value: set it again after pre_save.
        model.objects.bulk_create(objects, batch_size=1000)
        stamped = [name for name in ("created_at", "updated_at") if name in names]
        if stamped and any(name in row for row in rows for name in stamped):
            for instance, row in zip(objects, rows, strict=True):
                for name in stamped:
                    setattr(instance, name, row.get(name, getattr(instance, name)))
            model.objects.bulk_update(objects, stamped, batch_size=1000)


def vacuum_funding_tables() -> None:
    """Statistics and visibility maps after the bulk load, as `register.scale_data.vacuum_scale_tables`."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return
    tables = ", ".join(model._meta.db_table for model in (Award, AwardYear, Application, Payment, ProgrammeBudget))
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM (ANALYZE) {tables}")
