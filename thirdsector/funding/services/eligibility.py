"""Eligibility: the programme's rules, checked when an application starts and again at submission.

Each rule gives a plain-English reason when it fails. The results at submission are kept on the
application (`eligibility_at_submission`), so a rule changed later does not rewrite that decision.
"""

from dataclasses import asdict, dataclass
from decimal import Decimal

from django.utils import timezone

from thirdsector.register.models import PUBLIC_BODY_KINDS, OrganisationKind

from ..models import LIVE_APPLICATION_STATUSES, Application, EligibilityRules, Round, StrategicPartner


@dataclass(frozen=True)
class RuleResult:
    rule: str
    passed: bool
    reason: str = ""


def _pounds(amount: Decimal) -> str:
    return f"£{amount:,.0f}"


def _kind_rule(rules: EligibilityRules, organisation) -> RuleResult:
    allowed = rules.organisation_kinds
    if allowed:
        passed = organisation.kind in allowed
        names = ", ".join(str(OrganisationKind(kind).label).lower() for kind in allowed)
        kind = organisation.get_kind_display().lower()
        reason = f"This programme is open to: {names}. Your organisation is a {kind}."
    else:
        passed = organisation.kind not in PUBLIC_BODY_KINDS
        reason = "This programme is for third sector organisations, not public bodies."
    return RuleResult("organisation kind", passed, "" if passed else reason)


def _income_rule(rules: EligibilityRules, organisation) -> RuleResult | None:
    if rules.minimum_income is None and rules.maximum_income is None:
        return None
    income = organisation.latest_income
    if income is None:
        return RuleResult(
            "income", False, "We do not know your organisation's annual income: add it to your organisation's record."
        )
    if rules.minimum_income is not None and income < rules.minimum_income:
        minimum = _pounds(rules.minimum_income)
        reason = f"Your annual income of {_pounds(income)} is below this programme's minimum of {minimum}."
        return RuleResult("income", False, reason)
    if rules.maximum_income is not None and income >= rules.maximum_income:
        limit = _pounds(rules.maximum_income)
        reason = f"Your annual income of {_pounds(income)} is not under this programme's limit of {limit}."
        return RuleResult("income", False, reason)
    return RuleResult("income", True)


def _area_rule(rules: EligibilityRules, organisation) -> RuleResult | None:
    allowed = {area.pk for area in rules.areas.all()}
    if not allowed:
        return None
    own = set(organisation.areas_served.values_list("pk", flat=True))
    if organisation.local_authority_id:
        own.add(organisation.local_authority_id)
    # An area served counts if it, or the region or county above it, is one the programme covers.
    parents = set(organisation.areas_served.exclude(parent=None).values_list("parent_id", flat=True)) | (
        {organisation.local_authority.parent_id} if organisation.local_authority_id else set()
    )
    passed = bool((own | parents) & allowed)
    names = ", ".join(sorted(area.name for area in rules.areas.all()))
    return RuleResult("area", passed, "" if passed else f"This programme funds work in {names} only.")


def _partner_rule(rules: EligibilityRules, organisation) -> RuleResult | None:
    if not rules.requires_strategic_partner_status:
        return None
    passed = StrategicPartner.objects.current().filter(organisation=organisation).exists()
    reason = "Only organisations with current strategic partner status may apply. Register your interest first."
    return RuleResult("strategic partner status", passed, "" if passed else reason)


def _one_live_application_rule(round_: Round, organisation, application: Application | None) -> RuleResult:
    others = Application.objects.filter(round=round_, organisation=organisation, status__in=LIVE_APPLICATION_STATUSES)
    if application is not None:
        others = others.exclude(pk=application.pk)
    passed = not others.exists()
    reason = "Your organisation already has an application in this round: continue that one instead."
    return RuleResult("one application per round", passed, "" if passed else reason)


def _amount_rule(rules: EligibilityRules, amount: Decimal | None) -> RuleResult | None:
    if amount is None or (rules.minimum_amount is None and rules.maximum_amount is None):
        return None
    if rules.minimum_amount is not None and amount < rules.minimum_amount:
        return RuleResult("amount", False, f"Ask for at least {_pounds(rules.minimum_amount)}.")
    if rules.maximum_amount is not None and amount > rules.maximum_amount:
        return RuleResult("amount", False, f"Ask for no more than {_pounds(rules.maximum_amount)}.")
    return RuleResult("amount", True)


def _duration_rule(rules: EligibilityRules, months: int | None) -> RuleResult | None:
    if months is None or (rules.minimum_months is None and rules.maximum_months is None):
        return None
    if rules.minimum_months is not None and months < rules.minimum_months:
        return RuleResult("length", False, f"The work must last at least {rules.minimum_months} months.")
    if rules.maximum_months is not None and months > rules.maximum_months:
        return RuleResult("length", False, f"The work can last no more than {rules.maximum_months} months.")
    return RuleResult("length", True)


def check_eligibility(
    organisation, round_: Round, *, application: Application | None = None, on=None
) -> list[RuleResult]:
    """Every rule that applies to `organisation` in `round_`, passed or failed.

    Amount and length are checked once the application has them.
    """
    day = on or timezone.localdate()
    rules, _created = EligibilityRules.objects.get_or_create(programme=round_.programme)
    is_open = round_.is_open_on(day) and not round_.programme.is_closed
    results = [
        RuleResult("round open", is_open, "" if is_open else f"{round_} is not open for applications."),
        RuleResult(
            "organisation active",
            organisation.is_active,
            "" if organisation.is_active else "This organisation has been removed from the register.",
        ),
        _kind_rule(rules, organisation),
        _income_rule(rules, organisation),
        _area_rule(rules, organisation),
        _partner_rule(rules, organisation),
        _one_live_application_rule(round_, organisation, application),
    ]
    if application is not None:
        results += [
            _amount_rule(rules, application.amount_requested),
            _duration_rule(rules, application.duration_months),
        ]
    return [result for result in results if result is not None]


def failures(results: list[RuleResult]) -> list[str]:
    return [result.reason for result in results if not result.passed]


def as_record(results: list[RuleResult]) -> dict:
    """The results as kept on the application: what was checked, when, and what it found."""
    return {"checked_at": timezone.now().isoformat(), "rules": [asdict(result) for result in results]}
