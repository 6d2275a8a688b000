"""The small grants demo loads on top of the local funders' programmes, within every budget.

The allocation's demo (`demo_allocation.load_allocation`) makes those programmes; until it is in the
tree this test makes two local funders' programmes itself, as the allocation would.
"""

import importlib
from decimal import Decimal

import pytest
from django.db.models import F, Sum

from thirdsector.accounts.models import User
from thirdsector.register.models import Area

from ..demo_small_grants import APPLICANT, PANEL, load_small_grants
from ..models import COMMITTED_STATUSES, Application, Award, MonitoringReturn, Payment, ProgrammeBudget
from ..selectors.small_grants import end_grants, local_funder_programmes
from .small_grants_helpers import LEEDS, local_funder_programme

pytestmark = pytest.mark.django_db


def _allocation() -> None:
    try:
        demo_allocation = importlib.import_module("thirdsector.funding.demo_allocation")
    except ModuleNotFoundError:
        for name, code, gss_code in [("Leeds Community Foundation", "LCF", LEEDS), ("Bradford Foundation", "BDF",
                                                                                    "E08000032")]:  # fmt: skip
            programme = local_funder_programme(name, code=code, allocation=Decimal("400000.00"))
            programme.eligibility.areas.set([Area.objects.get(gss_code=gss_code)])
        return
    from thirdsector.accounts.demo import load_people
    from thirdsector.register.demo import load_organisations

    from ..demo import load_funding

    load_organisations()
    load_people()
    load_funding()
    demo_allocation.load_allocation()


def test_the_demo_makes_a_year_of_end_grants_within_every_budget():
    _allocation()

    load_small_grants()

    staff = User.objects.get(email=PANEL[0][0])
    grants = end_grants(local_funder_programmes(staff))
    assert grants.count() >= 400
    for budget in ProgrammeBudget.objects.filter(programme__funded_by__isnull=False):
        held = Award.objects.filter(programme=budget.programme, status__in=COMMITTED_STATUSES)
        assert budget.committed == held.aggregate(total=Sum("amount"))["total"] <= budget.amount
    assert not Award.objects.filter(ends_on__lte=F("starts_on")).exists()
    assert MonitoringReturn.objects.filter(award__status="closed", status="accepted").exists()
    assert Payment.objects.filter(status="paid", award__programme__funded_by__isnull=False).exists()
    assert Award.history.filter(reference=grants.first().reference).exists()
    applicant = User.objects.get(email=APPLICANT[0])
    assert applicant.memberships.count() == 3
    assert Application.objects.filter(created_by=applicant).count() == 2
    for email, _name in PANEL:
        assert User.objects.get(email=email).memberships.count() == local_funder_programmes(staff).count()


def test_the_demo_does_nothing_without_local_funders():
    load_small_grants()

    assert not Award.objects.exists()
