"""Every indicator the platform computes, defined once: what it answers and the selector that computes it.

Each selector lives in the app that owns the rows it counts and takes `year=`; it returns
`core.measurements.Measurement`s, the headline figure first and then its breakdown. `sync_indicators`
copies these definitions into the `Indicator` table, keeping the targets staff have set.
"""

from dataclasses import dataclass

from .models import Polarity, Unit


@dataclass(frozen=True)
class Definition:
    slug: str
    name: str
    question: str
    unit: str
    polarity: str
    computed_by: str
    breakdown: str = ""
    strategy_measure: int | None = None
    financial_years: bool = False
    is_public: bool = True


DEFINITIONS = (
    Definition(
        slug="stakeholders-agree",
        name="Stakeholders who agree the department and the sector work well together",
        question="What share of partners answering the year's stakeholder survey agree that the department and "
        "the sector work well together?",
        unit=Unit.PERCENT,
        polarity=Polarity.HIGHER_IS_BETTER,
        computed_by="thirdsector.measures.selectors.surveys.stakeholders_agreeing",
        breakdown="group",
        strategy_measure=1,
    ),
    Definition(
        slug="compact-breaches",
        name="Compact breaches reported",
        question="How many Compact breach cases were reported against the department and its NDPBs?",
        unit=Unit.COUNT,
        polarity=Polarity.LOWER_IS_BETTER,
        computed_by="thirdsector.compact.selectors.indicators.breaches_reported",
        breakdown="body",
        strategy_measure=2,
    ),
    Definition(
        slug="compact-breaches-upheld",
        name="Compact breaches upheld",
        question="How many reported breach cases were upheld in whole or in part?",
        unit=Unit.COUNT,
        polarity=Polarity.LOWER_IS_BETTER,
        computed_by="thirdsector.compact.selectors.indicators.breaches_upheld",
        breakdown="body",
        strategy_measure=2,
    ),
    Definition(
        slug="sustainable-anchors",
        name="Community anchors that are sustainable",
        question="What share of community anchors with an accepted return for the year met the sustainability "
        "thresholds (grant dependency, reserves, a recent business plan)?",
        unit=Unit.PERCENT,
        polarity=Polarity.HIGHER_IS_BETTER,
        computed_by="thirdsector.anchors.selectors.indicators.sustainable_network",
        breakdown="region",
        strategy_measure=3,
        financial_years=True,
    ),
    Definition(
        slug="consultations-twelve-weeks",
        name="Consultations of 12 weeks or more",
        question="What share of published consultations ran for at least the Compact's minimum period?",
        unit=Unit.PERCENT,
        polarity=Polarity.HIGHER_IS_BETTER,
        computed_by="thirdsector.compact.selectors.indicators.consultations_of_full_length",
        breakdown="body",
    ),
    Definition(
        slug="three-year-funding",
        name="Grants on three-year terms",
        question="What share of grants with money in the year run for three years or more?",
        unit=Unit.PERCENT,
        polarity=Polarity.HIGHER_IS_BETTER,
        computed_by="thirdsector.funding.selectors.indicators.grants_on_three_year_terms",
        breakdown="programme",
        financial_years=True,
    ),
    Definition(
        slug="payments-in-advance",
        name="Grant payments made in advance",
        question="What share of grant payments made in the year were paid on or before the day they fell due?",
        unit=Unit.PERCENT,
        polarity=Polarity.HIGHER_IS_BETTER,
        computed_by="thirdsector.funding.selectors.indicators.payments_in_advance",
        breakdown="programme",
        financial_years=True,
    ),
    Definition(
        slug="compact-training",
        name="Compact training coverage",
        question="What share of staff who make policy or fund the sector had Compact training that still counted "
        "at the end of the year?",
        unit=Unit.PERCENT,
        polarity=Polarity.HIGHER_IS_BETTER,
        computed_by="thirdsector.compact.selectors.indicators.training_coverage",
        breakdown="team",
        is_public=False,
    ),
    Definition(
        slug="days-to-decide",
        name="Time to decide a grant",
        question="How many days, at the median, did it take from an application's submission to its decision, "
        "for decisions made in the year?",
        unit=Unit.DAYS,
        polarity=Polarity.LOWER_IS_BETTER,
        computed_by="thirdsector.funding.selectors.indicators.days_to_decide",
        breakdown="programme",
        financial_years=True,
    ),
    Definition(
        slug="ni6-volunteering",
        name="NI 6: participation in regular volunteering",
        question="Across the councils whose Local Area Agreement includes NI 6, what is the mean of the "
        "percentages they reported for the year (adults volunteering at least once a month)?",
        unit=Unit.PERCENT,
        polarity=Polarity.HIGHER_IS_BETTER,
        computed_by="thirdsector.partnerships.selectors.indicators.ni6_volunteering",
        breakdown="council",
    ),
    Definition(
        slug="ni7-third-sector",
        name="NI 7: an environment for a thriving third sector",
        question="Across the councils whose Local Area Agreement includes NI 7, what is the mean of the "
        "percentages they reported for the year?",
        unit=Unit.PERCENT,
        polarity=Polarity.HIGHER_IS_BETTER,
        computed_by="thirdsector.partnerships.selectors.indicators.ni7_thriving_third_sector",
        breakdown="council",
    ),
)
