"""The allocation demo: a labelled made-up dataset, a dozen local funders over England, £80m allocated and approved."""

import pytest

from thirdsector.accounts.roles import Role
from thirdsector.accounts.tests.factories import UserFactory
from thirdsector.funding.demo_allocation import FUND_NAME, FUND_TOTAL, load_allocation
from thirdsector.funding.forms.regranting import councils
from thirdsector.funding.models import AllocationFund, FundStatus, LocalFunder, RegrantType
from thirdsector.register.models import OrganisationKind
from thirdsector.register.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_the_demo_allocates_the_fund_to_a_dozen_local_funders_once():
    OrganisationFactory(name="Department for Communities", kind=OrganisationKind.GOVERNMENT_DEPARTMENT)
    staff = UserFactory(email="staff@demo.thirdsector.example", roles=[Role.DEPARTMENT_STAFF])
    admin = UserFactory(email="admin@demo.thirdsector.example", roles=[Role.PLATFORM_ADMIN])
    funder_person = UserFactory(email="funder@demo.thirdsector.example", roles=[Role.FUND_ADMINISTRATOR])
    load_allocation()
    load_allocation()
    fund = AllocationFund.objects.get(name=FUND_NAME)
    assert fund.status == FundStatus.APPROVED
    # Four eyes: calculated and adjusted by one member of staff, approved by another.
    assert (fund.calculated_by, fund.adjustments.get().made_by, fund.approved_by) == (staff, staff, admin)
    assert "Made-up figures for the demo" in fund.dataset.source
    assert LocalFunder.objects.count() == 12
    assert fund.dataset.scores.count() == councils().filter(population__isnull=False).count()
    rows = list(fund.funder_allocations.select_related("award", "local_programme"))
    assert sum(row.amount for row in rows) == FUND_TOTAL
    assert fund.adjustments.count() == 1
    assert all(row.award.regrant_type == RegrantType.COMMON and row.local_programme for row in rows)
    assert funder_person.memberships.get().organisation.name == "Leeds Community Foundation"
