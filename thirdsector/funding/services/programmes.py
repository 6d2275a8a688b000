"""Setting up programmes: their details, yearly budgets, eligibility rules, criteria and rounds.

Every write here is audited (django-simple-history, with who and why). Budgets are set here but only
`services.budgets` moves `committed`; a budget can never be set below what is already committed.
"""

from collections.abc import Iterable
from decimal import Decimal

from django.db import transaction
from django.db.models.deletion import ProtectedError

from thirdsector.core.audit import attribute

from ..errors import FundingError
from ..financial_years import financial_year_label
from ..models import Criterion, EligibilityRules, Programme, ProgrammeBudget, Round

PROGRAMME_FIELDS = (
    "name",
    "slug",
    "code",
    "purpose",
    "owning_team",
    "administering_body",
    "status",
    "replaces",
    "default_grant_months",
    "payment_frequency",
    "notice_months",
    "return_interval_months",
    "return_due_days",
)
ELIGIBILITY_FIELDS = (
    "organisation_kinds",
    "minimum_income",
    "maximum_income",
    "requires_strategic_partner_status",
    "minimum_amount",
    "maximum_amount",
    "minimum_months",
    "maximum_months",
)
CRITERION_FIELDS = ("name", "guidance", "weight", "maximum_score", "position")
ROUND_FIELDS = ("name", "opens_on", "closes_on", "budget", "is_published", "guidance")


def _pounds(amount: Decimal) -> str:
    return f"£{amount:,.2f}"


def _only(fields: dict, allowed: tuple[str, ...]) -> dict:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise ValueError(f"Not editable here: {', '.join(sorted(unknown))}")
    return fields


def _check_replaces(programme: Programme, replaces: Programme | None) -> None:
    if replaces is None:
        return
    if programme.pk and replaces.pk == programme.pk:
        raise FundingError("A programme cannot replace itself.")
    taken = Programme.objects.filter(replaces=replaces).exclude(pk=programme.pk).first()
    if taken is not None:
        raise FundingError(f"{replaces} is already replaced by {taken}.")


@transaction.atomic
def create_programme(*, by, reason: str, **fields) -> Programme:
    """A new programme with empty eligibility rules (anyone in the third sector) and no budgets yet."""
    programme = Programme(**_only(fields, PROGRAMME_FIELDS))
    _check_replaces(programme, programme.replaces)
    attribute(programme, by=by, reason=reason)
    programme.save()
    rules = EligibilityRules(programme=programme)
    attribute(rules, by=by, reason=reason)
    rules.save()
    return programme


@transaction.atomic
def update_programme(*, programme: Programme, by, reason: str, **fields) -> Programme:
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    for name, value in _only(fields, PROGRAMME_FIELDS).items():
        setattr(programme, name, value)
    _check_replaces(programme, programme.replaces)
    attribute(programme, by=by, reason=reason)
    programme.save()
    return programme


@transaction.atomic
def set_programme_budget(
    *, programme: Programme, financial_year: int, amount: Decimal, by, reason: str
) -> ProgrammeBudget:
    """Sets one financial year's budget, refusing an amount below what awards already hold in that year.

    The row is locked first, so an award being approved at the same moment either commits before the
    check (and is counted) or waits until the new amount is saved (and is checked against it).
    """
    if amount < 0:
        raise FundingError("A budget cannot be less than £0.")
    budget = (
        ProgrammeBudget.objects.select_for_update().filter(programme=programme, financial_year=financial_year).first()
    )
    if budget is None:
        budget = ProgrammeBudget(programme=programme, financial_year=financial_year, amount=amount)
    else:
        if amount < budget.committed:
            raise FundingError(
                f"{_pounds(budget.committed)} is already committed to awards in "
                f"{financial_year_label(financial_year)}, so the budget cannot be less than that."
            )
        budget.amount = amount
    attribute(budget, by=by, reason=reason)
    budget.save()
    return budget


@transaction.atomic
def update_eligibility_rules(
    *, programme: Programme, by, reason: str, areas: Iterable | None = None, **fields
) -> EligibilityRules:
    """Changes who may apply from now on; applications keep the result checked at their submission."""
    rules, _created = EligibilityRules.objects.select_for_update().get_or_create(programme=programme)
    for name, value in _only(fields, ELIGIBILITY_FIELDS).items():
        setattr(rules, name, value)
    for low, high, message in (
        ("minimum_income", "maximum_income", "The income limit must be more than the minimum income."),
        ("minimum_amount", "maximum_amount", "The largest amount must be at least the smallest amount."),
        ("minimum_months", "maximum_months", "The longest length must be at least the shortest length."),
    ):
        smallest, largest = getattr(rules, low), getattr(rules, high)
        if smallest is not None and largest is not None and smallest > largest:
            raise FundingError(message)
    if rules.minimum_income is not None and rules.minimum_income == rules.maximum_income:
        raise FundingError("The income limit must be more than the minimum income.")
    # The history record made when the areas change carries the same who and why.
    attribute(rules, by=by, reason=reason)
    rules.save()
    if areas is not None:
        rules.areas.set(areas)
    return rules


@transaction.atomic
def add_criterion(*, programme: Programme, by, reason: str, **fields) -> Criterion:
    fields = _only(fields, CRITERION_FIELDS)
    if fields.get("position") is None:
        last = programme.criteria.order_by("-position").values_list("position", flat=True).first()
        fields["position"] = 0 if last is None else last + 1
    criterion = Criterion(programme=programme, **fields)
    attribute(criterion, by=by, reason=reason)
    criterion.save()
    return criterion


@transaction.atomic
def update_criterion(*, criterion: Criterion, by, reason: str, **fields) -> Criterion:
    for name, value in _only(fields, CRITERION_FIELDS).items():
        if name == "position" and value is None:
            continue
        setattr(criterion, name, value)
    attribute(criterion, by=by, reason=reason)
    criterion.save()
    return criterion


@transaction.atomic
def remove_criterion(*, criterion: Criterion, by, reason: str) -> None:
    """Removes a criterion nobody has scored yet; scores already given keep theirs."""
    if criterion.scores.exists():
        raise FundingError(
            f"Assessors have already scored {criterion.name}, so it cannot be removed. Change its guidance instead."
        )
    attribute(criterion, by=by, reason=reason)
    try:
        criterion.delete()
    except ProtectedError as error:  # a score given at the same moment
        raise FundingError(f"Assessors have already scored {criterion.name}, so it cannot be removed.") from error


def _check_round(round_: Round) -> None:
    if round_.opens_on and round_.closes_on and round_.closes_on < round_.opens_on:
        raise FundingError("The closing date must be on or after the opening date.")
    if round_.budget is not None and round_.budget < 0:
        raise FundingError("A round's budget cannot be less than £0.")


@transaction.atomic
def create_round(*, programme: Programme, by, reason: str, **fields) -> Round:
    if programme.is_closed:
        raise FundingError(f"{programme} is closed, so it cannot have new rounds.")
    round_ = Round(programme=programme, created_by=by, **_only(fields, ROUND_FIELDS))
    _check_round(round_)
    attribute(round_, by=by, reason=reason)
    round_.save()
    return round_


@transaction.atomic
def update_round(*, round_: Round, by, reason: str, **fields) -> Round:
    round_ = Round.objects.select_for_update().get(pk=round_.pk)
    for name, value in _only(fields, ROUND_FIELDS).items():
        setattr(round_, name, value)
    _check_round(round_)
    attribute(round_, by=by, reason=reason)
    round_.save()
    return round_
