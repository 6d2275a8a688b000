"""Fixtures of the board packs' tests: a partnership board, hand-built figures, and the PDF made quickly.

The board packs' test modules ask for `stand_in_pdf` on every test (`pytest.mark.usefixtures`); a real
render takes about a second, so only the tests that ask for `real_pdf` get WeasyPrint's.
"""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from thirdsector.compact.models import BreachFinding
from thirdsector.compact.tests.factories import BreachCaseFactory, CompactBodyFactory, ConsultationFactory
from thirdsector.partnerships.models.boards import BoardKind
from thirdsector.partnerships.tests.factories import (
    BoardFactory,
    MilestoneFactory,
    RiskOrIssueFactory,
    StatusUpdateFactory,
    WorkstreamFactory,
)

from ..models import Indicator, IndicatorValue
from ..services import board_packs as services
from ..services.indicators import sync_indicators


@pytest.fixture
def real_pdf():
    """Asked for by the tests that need WeasyPrint's real, tagged PDF."""


@pytest.fixture
def stand_in_pdf(request, settings, tmp_path, monkeypatch):
    """Media in a temporary folder and, unless the test asks for `real_pdf`, a stand-in for WeasyPrint."""
    settings.MEDIA_ROOT = tmp_path
    if "real_pdf" not in request.fixturenames:
        monkeypatch.setattr(services, "render_pdf", lambda html, *, title: b"%PDF-1.7 stand-in: " + title.encode())


@pytest.fixture
def board(db):
    return BoardFactory(name="Third Sector Partnership Board", slug="partnership", kind=BoardKind.PARTNERSHIP)


@pytest.fixture
def figures(db):
    """Hand-built figures: two indicators' values, a workstream's plan, and a body's Compact record."""
    sync_indicators()
    breaches = Indicator.objects.get(slug="compact-breaches")
    breaches.target = Decimal(2)
    breaches.save()
    three_year = Indicator.objects.get(slug="three-year-funding")
    three_year.target = Decimal(60)
    three_year.save()
    now = timezone.now()
    for indicator, year, numerator, denominator, value in [
        (breaches, 2025, 3, None, "3"),
        (breaches, 2026, 5, None, "5"),
        (breaches, 2027, 9, None, "9"),  # after the pack's year: not in it
        (three_year, 2025, 4, 8, "50.0"),
        (three_year, 2026, 5, 8, "62.5"),
    ]:
        IndicatorValue.objects.create(
            indicator=indicator, year=year, numerator=numerator, denominator=denominator, value=Decimal(value),
            computed_at=now,
        )  # fmt: skip

    workstream = WorkstreamFactory(title="Regranting through local funders", owner_name="Priya Shah, Funding Policy")
    StatusUpdateFactory(
        workstream=workstream, rag="amber", reason="Two funders appointed late", as_of=datetime.date(2026, 8, 15)
    )
    StatusUpdateFactory(workstream=workstream, rag="red", reason="After the quarter", as_of=datetime.date(2026, 10, 10))
    MilestoneFactory(
        workstream=workstream, title="Plan agreed", due_on=datetime.date(2026, 5, 1), done_on=datetime.date(2026, 5, 1)
    )
    MilestoneFactory(
        workstream=workstream,
        title="Funders appointed",
        due_on=datetime.date(2026, 8, 1),
        done_on=datetime.date(2026, 7, 30),
    )
    MilestoneFactory(workstream=workstream, title="First grants paid", due_on=datetime.date(2026, 9, 1))
    RiskOrIssueFactory(
        workstream=workstream, description="Spending review may delay the funding.", raised_on=datetime.date(2026, 3, 1)
    )

    body = CompactBodyFactory(organisation__name="Natural England")
    for reported_on, outcome in [
        (datetime.date(2026, 7, 10), BreachFinding.UPHELD),
        (datetime.date(2026, 8, 3), ""),
        (datetime.date(2026, 9, 30), BreachFinding.NOT_UPHELD),
        (datetime.date(2026, 5, 1), BreachFinding.PARTLY_UPHELD),  # earlier in the year: the year to date only
        (datetime.date(2026, 10, 2), BreachFinding.UPHELD),  # after the quarter
        (datetime.date(2026, 3, 31), BreachFinding.UPHELD),  # the financial year before
    ]:
        BreachCaseFactory(body=body, reported_on=reported_on, outcome=outcome)
    ConsultationFactory(body=body, status="published", opens_on=datetime.date(2026, 7, 6), shorter_than_minimum=False)
    ConsultationFactory(body=body, status="closed", opens_on=datetime.date(2026, 8, 1), shorter_than_minimum=True)
    ConsultationFactory(body=body, status="draft", opens_on=datetime.date(2026, 8, 1))
    return workstream
