"""The small grants fund's allocation to local funders: deprivation data, local funders, calculate, adjust, approve.

Each function is keyword-only, checks its rules, writes in one transaction with who acted and why in
the history, and raises FundingError with a message a person can act on. A demo loader calls them in
order: `upload_deprivation_scores`, `register_local_funder`, `create_fund`, `calculate`, `adjust`,
`approve`. The arithmetic is in `services.allocation` (no Django), which this module feeds from the
database.
"""

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.conf import settings
from django.db import transaction
from django.db.models import Count, F, Q
from django.utils.text import slugify
from simple_history.utils import bulk_create_with_history

from thirdsector.core.audit import attribute
from thirdsector.core.workflow import refusal, take
from thirdsector.register.models import PUBLIC_BODY_KINDS, Area, Organisation, OrganisationKind, OrganisationStatus

from ..errors import FundingError
from ..financial_years import financial_year_end, financial_year_label, financial_year_start
from ..models import (
    AllocationAdjustment,
    AllocationFund,
    AreaAllocation,
    Award,
    AwardYear,
    DeprivationDataset,
    DeprivationScore,
    EligibilityRules,
    FunderAllocation,
    FundStatus,
    LocalFunder,
    PaymentFrequency,
    Programme,
    ProgrammeBudget,
    RegrantType,
)
from ..permissions import department_staff
from .allocation import AllocationInfeasible, AreaInput, FunderInput, allocate, whole_pounds_down
from .awards import approve_award, commitment_by_financial_year, months_between, offer_award
from .references import new_reference

# The English Indices of Deprivation 2019, File 10 (local authority district summaries): the columns
# the upload needs. Other columns of that file may be present and are ignored.
CODE_COLUMN = "Local Authority District code (2019)"
NAME_COLUMN = "Local Authority District name (2019)"
SCORE_COLUMN = "IMD - Average score"
RANK_COLUMN = "IMD - Rank of average score"
REQUIRED_COLUMNS = (CODE_COLUMN, NAME_COLUMN, SCORE_COLUMN, RANK_COLUMN)
MAX_UPLOAD_BYTES = 2 * 1024 * 1024


def _pounds(amount) -> str:
    return f"£{Decimal(amount):,.0f}"


# --- Deprivation data ---------------------------------------------------------------------------


@dataclass(frozen=True)
class RejectedRow:
    line: int
    code: str
    name: str
    reason: str


@dataclass
class UploadResult:
    """What an upload kept and left out; `dataset` is None when nothing was saved."""

    dataset: DeprivationDataset | None
    kept: int
    rejected: list[RejectedRow] = field(default_factory=list)


def read_deprivation_csv(data: bytes) -> list[dict]:
    """The rows of an uploaded file, each with its line number; refuses a file not in the expected layout."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise FundingError("The file is larger than 2 MB: upload the local authority summary only.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FundingError("The file must be a CSV saved as UTF-8.") from error
    reader = csv.DictReader(io.StringIO(text))
    header = [column.strip() for column in (reader.fieldnames or [])]
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    if missing:
        raise FundingError(
            "The file is not in the layout of the English Indices of Deprivation local authority summaries: "
            "it has no column " + ", ".join(f"“{column}”" for column in missing) + "."
        )
    rows = []
    for line, row in enumerate(reader, start=2):
        cleaned = {(key or "").strip(): (value or "").strip() for key, value in row.items() if key}
        rows.append({"line": line, **cleaned})
    if not rows:
        raise FundingError("The file has a header but no rows.")
    return rows


def _check_rows(rows: Iterable[dict]) -> tuple[list[DeprivationScore], list[RejectedRow]]:
    rows = list(rows)
    codes = {row.get(CODE_COLUMN, "") for row in rows}
    areas = {area.gss_code: area for area in Area.objects.filter(gss_code__in=codes)}
    kept: list[DeprivationScore] = []
    rejected: list[RejectedRow] = []
    first_line: dict[str, int] = {}
    for row in rows:
        line, code, name = row.get("line", 0), row.get(CODE_COLUMN, ""), row.get(NAME_COLUMN, "")

        def reject(reason: str, line=line, code=code, name=name) -> None:
            rejected.append(RejectedRow(line=line, code=code, name=name, reason=reason))

        if code not in areas:
            reject(f"No local authority has the GSS code “{code}”." if code else "The GSS code is missing.")
            continue
        if code in first_line:
            reject(f"{code} is already on line {first_line[code]}.")
            continue
        try:
            score = Decimal(row.get(SCORE_COLUMN, "")).quantize(Decimal("0.001"))
        except InvalidOperation:
            reject(f"The average score “{row.get(SCORE_COLUMN, '')}” is not a number.")
            continue
        if not score.is_finite() or score < 0:
            reject("The average score must be zero or more.")
            continue
        rank_text = row.get(RANK_COLUMN, "")
        if not rank_text.isdigit() or int(rank_text) < 1:
            reject(f"The rank “{rank_text}” is not a whole number of 1 or more.")
            continue
        first_line[code] = line
        kept.append(DeprivationScore(area=areas[code], average_score=score, rank_of_average_score=int(rank_text)))
    return kept, rejected


@transaction.atomic
def upload_deprivation_scores(
    *, name: str, source: str, rows: Iterable[dict], by, keep_valid_rows: bool, file_name: str = ""
) -> UploadResult:
    """Saves a dataset of scores from rows keyed by the IMD summary's column names (plus "line").

    Every rejected row is reported with its reason. When any row is rejected nothing is saved, unless
    the person asked to keep the valid rows.
    """
    name, source = name.strip(), source.strip()
    if not name:
        raise FundingError("Enter a name for the dataset.")
    if not source:
        raise FundingError("Say where the figures come from (and if they are made up).")
    if DeprivationDataset.objects.filter(name=name).exists():
        raise FundingError(f"There is already a dataset called “{name}”: choose another name.")
    kept, rejected = _check_rows(rows)
    if rejected and not keep_valid_rows:
        return UploadResult(dataset=None, kept=0, rejected=rejected)
    if not kept:
        return UploadResult(dataset=None, kept=0, rejected=rejected)
    dataset = DeprivationDataset(
        name=name,
        source=source,
        original_file_name=file_name[:255],
        uploaded_by=by,
        rejected_rows=[row.__dict__ for row in rejected],
    )
    reason = f"Uploaded {len(kept)} rows" + (f", {len(rejected)} left out" if rejected else "")
    attribute(dataset, by=by, reason=reason).save()
    for score in kept:
        score.dataset = dataset
    bulk_create_with_history(kept, DeprivationScore, default_user=by, default_change_reason=reason)
    return UploadResult(dataset=dataset, kept=len(kept), rejected=rejected)


# --- Local funders ------------------------------------------------------------------------------


@transaction.atomic
def register_local_funder(
    *, organisation: Organisation, areas: Iterable[Area], capacity: Decimal | None, by, reason: str
) -> LocalFunder:
    """Registers a local funder, or changes its areas and capacity; an area has one local funder only."""
    if organisation.status != OrganisationStatus.ACTIVE or organisation.merged_into_id:
        raise FundingError(f"{organisation} is not an active organisation in the register.")
    if organisation.kind in PUBLIC_BODY_KINDS:
        raise FundingError("A local funder is a community foundation or similar body, not a public body.")
    areas = list(areas)
    if not areas:
        raise FundingError("Choose at least one council the local funder covers.")
    if capacity is not None and Decimal(capacity) < 0:
        raise FundingError("The capacity cannot be less than £0.")
    existing = LocalFunder.objects.select_for_update().filter(organisation=organisation).first()
    taken = (
        LocalFunder.areas.through.objects.filter(area__in=areas)
        .exclude(localfunder__organisation=organisation)
        .select_related("area", "localfunder__organisation")
        .order_by("area__name")
    )
    clashes = [f"{row.area} ({row.localfunder.organisation})" for row in taken]
    if clashes:
        raise FundingError(
            "Each council has one local funder; already covered: " + ", ".join(clashes) + ". Change that funder first."
        )
    funder = existing or LocalFunder(organisation=organisation)
    funder.capacity = capacity
    attribute(funder, by=by, reason=reason or "Local funder registered").save()
    funder.areas.set(areas)
    return funder


# --- Funds --------------------------------------------------------------------------------------


def _settings_defaults() -> dict:
    return {
        "floor_per_area": Decimal(settings.REGRANTING_FLOOR_PER_AREA),
        "admin_share_percent": Decimal(settings.REGRANTING_ADMIN_SHARE_PERCENT),
        "weight_population": Decimal(settings.REGRANTING_WEIGHT_POPULATION),
        "weight_deprivation": Decimal(settings.REGRANTING_WEIGHT_DEPRIVATION),
        "weight_small_groups": Decimal(settings.REGRANTING_WEIGHT_SMALL_GROUPS),
        "small_group_income_limit": Decimal(settings.REGRANTING_SMALL_GROUP_INCOME_LIMIT),
        "end_grant_minimum": Decimal(settings.REGRANTING_END_GRANT_MINIMUM),
        "end_grant_maximum": Decimal(settings.REGRANTING_END_GRANT_MAXIMUM),
        "end_grant_months": settings.REGRANTING_END_GRANT_MONTHS,
    }


def fund_defaults() -> dict:
    """The policy numbers a new fund starts from, as the settings give them (for the create form)."""
    return _settings_defaults()


@transaction.atomic
def create_fund(
    *,
    name: str,
    programme: Programme,
    financial_year: int,
    total: Decimal,
    dataset: DeprivationDataset,
    by,
    **policy,
) -> AllocationFund:
    """Sets up a fund to allocate, with the settings' policy numbers copied on (any may be given instead).

    `policy` may name floor_per_area, admin_share_percent and the three weights; the weights add up
    to 100.
    """
    values = {**_settings_defaults(), **{key: value for key, value in policy.items() if value is not None}}
    unknown = set(values) - set(_settings_defaults())
    if unknown:
        raise TypeError(f"create_fund() got unexpected policy {sorted(unknown)}")
    name = name.strip()
    if not name:
        raise FundingError("Enter a name for the fund.")
    slug = slugify(name)[:60]
    if AllocationFund.objects.filter(Q(name=name) | Q(slug=slug)).exists():
        raise FundingError(f"There is already a fund called “{name}”.")
    total = Decimal(total)
    if total <= 0 or total != total.to_integral_value():
        raise FundingError("Enter the fund in whole pounds, more than £0.")
    weights = values["weight_population"] + values["weight_deprivation"] + values["weight_small_groups"]
    if weights != 100:
        raise FundingError(f"The three weights must add up to 100%; they add up to {weights}%.")
    if Decimal(values["floor_per_area"]) != Decimal(values["floor_per_area"]).to_integral_value():
        raise FundingError("Enter the floor in whole pounds.")
    if not 0 <= values["admin_share_percent"] <= 100:
        raise FundingError("The admin share must be between 0% and 100%.")
    fund = AllocationFund(
        name=name, slug=slug, programme=programme, financial_year=financial_year, total=total, dataset=dataset,
        created_by=by, **values,
    )  # fmt: skip
    attribute(fund, by=by, reason="Fund set up").save()
    return fund


# --- Calculating ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class AreaFigures:
    area: Area
    local_funder_id: int
    population: int
    score: Decimal
    small_groups: int


def small_group_counts(area_ids: Iterable[int], income_limit: Decimal) -> dict[int, int]:
    """Active third sector organisations based in each area with an annual income under the limit."""
    rows = (
        Organisation.objects.filter(
            local_authority_id__in=list(area_ids),
            status=OrganisationStatus.ACTIVE,
            latest_income__lt=income_limit,
        )
        .exclude(kind__in=[*PUBLIC_BODY_KINDS, OrganisationKind.LOCAL_FUNDER])
        .values("local_authority_id")
        .annotate(groups=Count("id"))
        .order_by()
    )
    return {row["local_authority_id"]: row["groups"] for row in rows}


def _figures(fund: AllocationFund) -> tuple[list[AreaFigures], list[LocalFunder]]:
    """Each area of the fund's dataset with its inputs; refuses areas without a population or a funder."""
    scores = list(fund.dataset.scores.select_related("area").order_by("area__name"))
    if not scores:
        raise FundingError("The deprivation dataset has no rows.")
    funders = list(LocalFunder.objects.select_related("organisation").prefetch_related("areas"))
    funder_of = {area.pk: funder.pk for funder in funders for area in funder.areas.all()}
    no_population = [score.area.name for score in scores if not score.area.population]
    if no_population:
        raise FundingError("The register has no population for " + ", ".join(no_population[:5]) + ".")
    uncovered = [score.area.name for score in scores if score.area_id not in funder_of]
    if uncovered:
        more = f" and {len(uncovered) - 5} more" if len(uncovered) > 5 else ""
        raise FundingError(f"No local funder covers {', '.join(uncovered[:5])}{more}: every area needs a local funder.")
    groups = small_group_counts([score.area_id for score in scores], fund.small_group_income_limit)
    figures = [
        AreaFigures(
            area=score.area,
            local_funder_id=funder_of[score.area_id],
            population=score.area.population,
            score=score.average_score,
            small_groups=groups.get(score.area_id, 0),
        )
        for score in scores
    ]
    used = {figure.local_funder_id for figure in figures}
    return figures, [funder for funder in funders if funder.pk in used]


def needs(fund: AllocationFund, figures: list[AreaFigures]) -> list[Decimal]:
    """Each area's share of the fund: the weighted sum of its shares of population, deprivation and groups.

    A measure that is zero everywhere (no small groups registered yet) is shared equally between areas,
    so the needs still add up to 1.
    """
    measures = [
        (fund.weight_population, [Decimal(figure.population) for figure in figures]),
        (fund.weight_deprivation, [Decimal(figure.score) for figure in figures]),
        (fund.weight_small_groups, [Decimal(figure.small_groups) for figure in figures]),
    ]
    count = len(figures)
    result = [Decimal(0)] * count
    for weight, values in measures:
        total = sum(values)
        for position, value in enumerate(values):
            share = value / total if total else Decimal(1) / count
            result[position] += weight / 100 * share
    return result


def calculate(*, fund: AllocationFund, by, reason: str = "Allocation calculated") -> AllocationFund:
    """Works out every area's and local funder's allocation from the formula, floors and capacities."""
    with transaction.atomic():
        fund = AllocationFund.objects.select_for_update().select_related("dataset").get(pk=fund.pk)
        problem = refusal(fund, "calculate", by)
        if problem:
            raise FundingError(problem)
        figures, funders = _figures(fund)
        area_needs = needs(fund, figures)
        floor = whole_pounds_down(fund.floor_per_area)
        total = int(fund.total)
        try:
            result = allocate(
                areas=[
                    AreaInput(id=figure.area.pk, target=float(need * total), floor=floor, name=figure.area.name)
                    for figure, need in zip(figures, area_needs, strict=True)
                ],
                funders=[
                    FunderInput(
                        id=funder.pk,
                        areas=tuple(f.area.pk for f in figures if f.local_funder_id == funder.pk),
                        capacity=whole_pounds_down(funder.capacity),
                        name=funder.organisation.name,
                    )
                    for funder in funders
                ],
                total=total,
            )
        except AllocationInfeasible as error:
            raise FundingError(str(error)) from error
        AreaAllocation.objects.filter(fund=fund).delete()
        FunderAllocation.objects.filter(fund=fund).delete()
        history = {"default_user": by, "default_change_reason": reason}
        bulk_create_with_history(
            [
                AreaAllocation(
                    fund=fund,
                    area=figure.area,
                    local_funder_id=figure.local_funder_id,
                    population=figure.population,
                    deprivation_score=figure.score,
                    small_groups=figure.small_groups,
                    need=need.quantize(Decimal("1e-10")),
                    target=(need * total).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP),
                    floor=floor,
                    amount=result.areas[figure.area.pk],
                )
                for figure, need in zip(figures, area_needs, strict=True)
            ],
            AreaAllocation,
            **history,
        )
        floors = {funder.pk: 0 for funder in funders}
        for figure in figures:
            floors[figure.local_funder_id] += floor
        bulk_create_with_history(
            [
                FunderAllocation(
                    fund=fund,
                    local_funder=funder,
                    calculated_amount=result.funders[funder.pk],
                    amount=result.funders[funder.pk],
                    floor=floors[funder.pk],
                    capacity=funder.capacity,
                )
                for funder in funders
            ],
            FunderAllocation,
            **history,
        )
        take(fund, "calculate", by=by, reason=reason, used_solver=result.used_solver)
    return fund


# --- Adjusting -----------------------------------------------------------------------------------


@transaction.atomic
def adjust(
    *,
    fund: AllocationFund,
    from_allocation: FunderAllocation,
    to_allocation: FunderAllocation,
    amount: Decimal,
    reason: str,
    by,
) -> AllocationAdjustment:
    """Moves whole pounds from one local funder's allocation to another's; the fund's total cannot change.

    Refused if it would take the first below its areas' floors or the second above its capacity.
    """
    fund = AllocationFund.objects.select_for_update().get(pk=fund.pk)
    if fund.status != FundStatus.CALCULATED:
        raise FundingError(
            f"Only a calculated allocation can be adjusted; this one is {fund.get_status_display().lower()}."
        )
    if not department_staff(fund, by):
        raise FundingError("Adjust: only department staff can do this.")
    reason = reason.strip()
    if not reason:
        raise FundingError("Say why the allocation is adjusted.")
    amount = Decimal(amount)
    if amount <= 0 or amount != amount.to_integral_value():
        raise FundingError("Enter an amount in whole pounds, more than £0.")
    if from_allocation.pk == to_allocation.pk:
        raise FundingError("Choose two different local funders.")
    rows = {
        row.pk: row
        for row in FunderAllocation.objects.select_for_update()
        .select_related("local_funder__organisation")
        .filter(fund=fund, pk__in=[from_allocation.pk, to_allocation.pk])
    }
    if len(rows) != 2:
        raise FundingError("Both local funders must have an allocation in this fund.")
    giver, receiver = rows[from_allocation.pk], rows[to_allocation.pk]
    if giver.amount - amount < giver.floor:
        raise FundingError(
            f"{giver.local_funder} would have {_pounds(giver.amount - amount)}, below the {_pounds(giver.floor)} "
            f"its areas' floors need: move at most {_pounds(giver.amount - giver.floor)}."
        )
    if receiver.capacity is not None and receiver.amount + amount > receiver.capacity:
        raise FundingError(
            f"{receiver.local_funder} can take {_pounds(receiver.capacity)}: it can receive at most "
            f"{_pounds(receiver.capacity - receiver.amount)} more."
        )
    for row, change in ((giver, -amount), (receiver, amount)):
        row.amount = F("amount") + change
        attribute(row, by=by, reason=reason).save(update_fields=["amount"])
        row.refresh_from_db(fields=["amount"])
    adjustment = AllocationAdjustment(
        fund=fund, from_allocation=giver, to_allocation=receiver, amount=amount, reason=reason, made_by=by
    )
    attribute(adjustment, by=by, reason=reason).save()
    return adjustment


# --- Approving -----------------------------------------------------------------------------------


def _regrant_award(fund: AllocationFund, row: FunderAllocation, by) -> Award:
    """The department's regrant award to a local funder for its allocation, for the fund's financial year."""
    programme = fund.programme
    starts_on = financial_year_start(fund.financial_year)
    months = months_between(starts_on, financial_year_end(fund.financial_year))
    is_short = months < programme.default_grant_months
    organisation = row.local_funder.organisation
    award = Award(
        reference=new_reference(Award, programme.code),
        programme=programme,
        organisation=organisation,
        title=f"{fund.name}: allocation to {organisation.name}"[:200],
        description=(
            f"Regranted as small grants of {_pounds(fund.end_grant_minimum)} to {_pounds(fund.end_grant_maximum)} "
            f"to groups with an annual income under {_pounds(fund.small_group_income_limit)} in the local funder's "
            f"areas; up to {fund.admin_share_percent}% ({_pounds(row.admin_share)}) may pay for running the grants."
        ),
        amount=row.amount,
        starts_on=starts_on,
        ends_on=financial_year_end(fund.financial_year),
        months=months,
        is_short=is_short,
        short_award_reason="An allocation covers one financial year." if is_short else "",
        payment_frequency=PaymentFrequency.SINGLE_IN_ADVANCE,
        conditions=(
            f"Award no more than {_pounds(row.regrant_budget)} in end grants through the platform, each of "
            f"{_pounds(fund.end_grant_minimum)} to {_pounds(fund.end_grant_maximum)}, to groups with an annual "
            f"income under {_pounds(fund.small_group_income_limit)}. Keep no more than {_pounds(row.admin_share)} "
            "for administration. Return what is not granted by the end of the financial year."
        ),
        regrant_type=RegrantType.COMMON,
    )
    reason = f"Regrant award for {fund.name}"
    attribute(award, by=by, reason=reason).save()
    years = commitment_by_financial_year(
        amount=row.amount, starts_on=starts_on, months=months, payment_frequency=award.payment_frequency
    )
    for year, amount in years.items():
        attribute(
            AwardYear(award=award, programme=programme, financial_year=year, amount=amount), by=by, reason=reason
        ).save()
    approve_award(award=award, by=by, reason=reason)
    return offer_award(award=award, by=by, reason=reason)


def _local_programme(fund: AllocationFund, row: FunderAllocation, award: Award, by) -> Programme:
    """The local funder's own programme: it runs rounds and makes end grants on the regrant award's money."""
    organisation = row.local_funder.organisation
    programme = Programme(
        name=f"{fund.name}: {organisation.name}"[:200],
        slug=slugify(f"{fund.slug}-{organisation.pk}")[:60],
        code=f"R{row.pk}"[:8],
        purpose=(
            f"Small grants of {_pounds(fund.end_grant_minimum)} to {_pounds(fund.end_grant_maximum)} for community "
            f"groups with an annual income under {_pounds(fund.small_group_income_limit)}, made by "
            f"{organisation.name} from its allocation of the {fund.name}."
        ),
        owning_team=organisation.name[:200],
        administering_body=organisation,
        funded_by=award,
        default_grant_months=fund.end_grant_months,
        payment_frequency=PaymentFrequency.SINGLE_IN_ADVANCE,
    )
    reason = f"Local funder's programme for {fund.name}"
    attribute(programme, by=by, reason=reason).save()
    rules = EligibilityRules(
        programme=programme,
        maximum_income=fund.small_group_income_limit,
        minimum_amount=fund.end_grant_minimum,
        maximum_amount=fund.end_grant_maximum,
        maximum_months=fund.end_grant_months,
    )
    attribute(rules, by=by, reason=reason).save()
    rules.areas.set(row.local_funder.areas.all())
    budget = ProgrammeBudget(programme=programme, financial_year=fund.financial_year, amount=row.regrant_budget)
    attribute(budget, by=by, reason=reason).save()
    return programme


def approve(*, fund: AllocationFund, by, reason: str = "Allocation approved") -> AllocationFund:
    """Approves the allocation and, all or nothing, pays it out: for each local funder a regrant award
    (FRG010) from the national programme, approved and offered, and the local funder's own programme
    with a budget of its allocation less its admin share.
    """
    with transaction.atomic():
        fund = AllocationFund.objects.select_for_update().select_related("programme").get(pk=fund.pk)
        problem = refusal(fund, "approve", by)
        if problem:
            raise FundingError(problem)
        budget = ProgrammeBudget.objects.filter(programme=fund.programme, financial_year=fund.financial_year).first()
        label = financial_year_label(fund.financial_year)
        if budget is None:
            raise FundingError(
                f"{fund.programme} has no budget for {label}: set one of at least {_pounds(fund.total)}."
            )
        if budget.remaining < fund.total:
            raise FundingError(
                f"{fund.programme} has {_pounds(budget.remaining)} left to commit in {label}, less than the "
                f"fund of {_pounds(fund.total)}: raise the programme's budget first."
            )
        rows = list(
            fund.funder_allocations.select_related("local_funder__organisation", "fund")
            .prefetch_related("local_funder__areas")
            .filter(amount__gt=0)
        )
        take(fund, "approve", by=by, reason=reason)
        for row in rows:
            award = _regrant_award(fund, row, by)
            row.award = award
            row.local_programme = _local_programme(fund, row, award, by)
            attribute(row, by=by, reason=reason).save(update_fields=["award", "local_programme"])
    return fund
