"""Recording a council's yearly result against one of its LAA targets; who may do it is `acts_for_council`
(checked by the view), the rules of the result are here."""

from decimal import Decimal

from django.db import transaction

from thirdsector.core.audit import attribute

from ..models import AgreementTarget, IndicatorResult, LocalAreaAgreement
from .local import LAA_YEARS, LocalPartnershipError


def agreement_years(agreement: LocalAreaAgreement) -> list[int]:
    """The agreement's years, each named by the calendar year it starts in (2008, 2009, 2010 for 2008 to 2011)."""
    return [agreement.starts_on.year + offset for offset in range(LAA_YEARS)]


def _percentage(value: Decimal | None, field: str, name: str) -> None:
    if value is not None and not Decimal(0) <= value <= Decimal(100):
        raise LocalPartnershipError(f"{name} must be a percentage between 0 and 100", field=field)


@transaction.atomic
def record_result(
    *,
    agreement: LocalAreaAgreement,
    target: AgreementTarget,
    year: int,
    value: Decimal,
    source: str,
    reason: str,
    by,
    baseline: Decimal | None = None,
) -> IndicatorResult:
    """Records (or corrects) the council's result for the year against a target of this agreement."""
    if target.agreement_id != agreement.pk:
        raise LocalPartnershipError("Choose one of this agreement's targets", field="target")
    if year not in agreement_years(agreement):
        first, *_, last = agreement_years(agreement)
        raise LocalPartnershipError(f"The year must be one of the agreement's years, {first} to {last}", field="year")
    _percentage(value, "value", "The result")
    _percentage(baseline, "baseline", "The baseline")
    if not source.strip():
        raise LocalPartnershipError("Say where the figure comes from", field="source")
    if not reason.strip():
        raise LocalPartnershipError("Enter the reason for this change", field="reason")
    result = IndicatorResult.objects.filter(target=target, year=year).first() or IndicatorResult(
        target=target, year=year
    )
    result.value = value
    result.baseline = baseline
    result.source = source.strip()
    result.reported_by = by
    attribute(result, by=by, reason=reason.strip()).save()
    return result
