"""Partnerships' figures for the strategy's indicators (see `measures/definitions.py`): NI 6 and NI 7, as the
councils that chose them in their Local Area Agreement report them.

The figure is the plain mean of the percentages those councils reported for the year, each council counting
once whatever its size; councils that did not choose the indicator, or have not reported the year, are not in
it. Each council's own result is its breakdown row, keyed by its GSS code. The linked rows are the staff list
of the reported results, whose values average to the figure.
"""

from decimal import ROUND_HALF_UP, Decimal

from thirdsector.core.measurements import Measurement
from thirdsector.core.tables import link

from .indicator_results import results_for_indicator

NI_VOLUNTEERING = 6
NI_THIRD_SECTOR = 7


def _mean_of_reported(number: int, year: int) -> list[Measurement]:
    results = list(results_for_indicator(number, year))
    if not results:
        return []
    mean = (sum(result.value for result in results) / len(results)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    url = link("partnerships:local-indicator-results", ni=number, year=year)
    measurements = [Measurement(year, mean, rows_url=url)]
    for result in results:
        council = result.target.agreement.partnership.council
        area = council.local_authority
        measurements.append(
            Measurement(
                year,
                result.value,
                breakdown="council",
                key=(area.gss_code if area and area.gss_code else f"org-{council.pk}"),
                label=council.name,
                rows_url=link("partnerships:local-indicator-results", ni=number, year=year, council=council.pk),
                public_url=link("partnerships:local-agreement", result.target.agreement_id),
            )
        )
    return measurements


def ni6_volunteering(*, year: int) -> list[Measurement]:
    """NI 6, participation in regular volunteering: the mean of the percentages reported for the year by the
    councils whose Local Area Agreement in force that year includes NI 6."""
    return _mean_of_reported(NI_VOLUNTEERING, year)


def ni7_thriving_third_sector(*, year: int) -> list[Measurement]:
    """NI 7, an environment for a thriving third sector: the mean of the percentages reported for the year by
    the councils whose Local Area Agreement in force that year includes NI 7."""
    return _mean_of_reported(NI_THIRD_SECTOR, year)
