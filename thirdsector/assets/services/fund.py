"""Setting up the Community Asset Transfer Fund on the grant engine, through the engine's own services.

The fund is a funding programme administered by an outside body: its fund administrators run it and see
only it. Its eligibility rules hold the grant range from settings so the engine checks the same figures.
"""

import datetime
from decimal import Decimal

from django.conf import settings
from django.db import transaction

from thirdsector.funding.models import PaymentFrequency, Programme, Round
from thirdsector.funding.services.programmes import (
    add_criterion,
    create_programme,
    create_round,
    set_programme_budget,
    update_eligibility_rules,
)

FUND_NAME = "Community Asset Transfer Fund"
FUND_CRITERIA = (
    ("Community support", "0: none shown; 5: broad, documented support from the people the building will serve."),
    ("Business plan", "0: no plan; 5: a realistic plan that keeps the building open without further grant."),
    ("Condition and works", "0: works unclear; 5: a survey-backed schedule of works that the grant covers."),
)


@transaction.atomic
def set_up_fund(
    *, body, by, budgets: dict[int, Decimal], round_opens_on: datetime.date, round_closes_on: datetime.date
) -> tuple[Programme, Round]:
    """The fund's programme (administered by `body`), its yearly budgets, rules, criteria and a round."""
    programme = create_programme(
        by=by,
        reason="The department's Community Asset Transfer Fund, administered by an outside body",
        name=FUND_NAME,
        slug=settings.ASSETS_FUND_PROGRAMME_SLUG,
        code="CATF",
        purpose=(
            "Capital grants to refurbish publicly owned buildings that a council transfers to a community "
            "organisation, on a long lease or freehold at less than market value."
        ),
        owning_team="Community Assets Team",
        administering_body=body,
        default_grant_months=12,
        payment_frequency=PaymentFrequency.QUARTERLY_IN_ADVANCE,
    )
    for year, amount in budgets.items():
        set_programme_budget(programme=programme, financial_year=year, amount=amount, by=by, reason="Fund budget")
    update_eligibility_rules(
        programme=programme,
        by=by,
        reason="The fund's grant range",
        minimum_amount=Decimal(settings.ASSETS_GRANT_MINIMUM),
        maximum_amount=Decimal(settings.ASSETS_GRANT_MAXIMUM),
    )
    for name, guidance in FUND_CRITERIA:
        add_criterion(programme=programme, by=by, reason="Assessment criteria", name=name, guidance=guidance)
    round_ = create_round(
        programme=programme,
        by=by,
        reason="Open for transfer proposals",
        name="Open round",
        opens_on=round_opens_on,
        closes_on=round_closes_on,
        budget=sum(budgets.values(), Decimal("0")),
        is_published=True,
    )
    return programme, round_
