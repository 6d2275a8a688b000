"""The allocation's services: upload, local funders, create, calculate, adjust and approve, each rule and refusal."""

from decimal import Decimal

import pytest
from django.test import override_settings

from thirdsector.accounts.roles import MembershipRole, Role
from thirdsector.accounts.tests.factories import MembershipFactory, UserFactory
from thirdsector.core.audit import history_of
from thirdsector.funding.errors import FundingError
from thirdsector.funding.models import (
    AllocationFund,
    AwardStatus,
    DeprivationDataset,
    FundStatus,
    ProgrammeBudget,
    RegrantType,
)
from thirdsector.funding.permissions import runs_programme
from thirdsector.funding.services import regranting as services
from thirdsector.register.models import OrganisationKind
from thirdsector.register.tests.factories import OrganisationFactory

from .regranting_factories import (
    AllocationFundFactory,
    DeprivationDatasetFactory,
    LocalFunderFactory,
    area,
    national_programme,
)

HEADER = (
    "Local Authority District code (2019),Local Authority District name (2019),IMD - Average score,"
    "IMD - Rank of average score\n"
)


@pytest.fixture
def staff(db):
    return UserFactory(roles=[Role.DEPARTMENT_STAFF])


@pytest.fixture
def funders(db):
    """Leeds on its own; Bradford and Wakefield together."""
    return (
        LocalFunderFactory(organisation__name="Leeds Community Foundation", areas=["E08000035"]),
        LocalFunderFactory(organisation__name="Two Ridings Foundation", areas=["E08000032", "E08000036"]),
    )


@pytest.fixture
def fund(funders):
    return AllocationFundFactory()


def _upload(staff, text: str, *, keep: bool, name: str = "IMD made up"):
    rows = services.read_deprivation_csv(text.encode())
    return services.upload_deprivation_scores(
        name=name, source="Made-up figures", rows=rows, by=staff, keep_valid_rows=keep, file_name="imd.csv"
    )


def test_upload_keeps_every_good_row_with_its_history(staff):
    result = _upload(staff, HEADER + "E08000035,Leeds,27.3,92\nE08000032,Bradford,33.8,13\n", keep=False)
    assert result.kept == 2 and result.rejected == []
    assert result.dataset.scores.count() == 2
    assert history_of(result.dataset)[0].reason == "Uploaded 2 rows"


def test_upload_reports_each_rejected_row_and_saves_nothing_unless_asked(staff):
    text = HEADER + (
        "E08000035,Leeds,27.3,92\n"
        "E99999999,Nowhere,10,5\n"
        "E08000032,Bradford,lots,13\n"
        "E08000035,Leeds again,27.3,92\n"
        "E08000036,Wakefield,28.0,first\n"
    )
    result = _upload(staff, text, keep=False)
    assert result.dataset is None
    assert [(row.line, row.reason) for row in result.rejected] == [
        (3, "No local authority has the GSS code “E99999999”."),
        (4, "The average score “lots” is not a number."),
        (5, "E08000035 is already on line 2."),
        (6, "The rank “first” is not a whole number of 1 or more."),
    ]
    assert not DeprivationDataset.objects.exists()


def test_upload_keeps_the_valid_rows_when_ticked_and_records_the_rejections(staff):
    result = _upload(staff, HEADER + "E08000035,Leeds,27.3,92\nE99999999,Nowhere,10,5\n", keep=True)
    assert result.kept == 1
    assert result.dataset.rejected_rows[0]["line"] == 3


def test_a_file_in_another_layout_is_refused_naming_the_missing_columns():
    with pytest.raises(FundingError, match="no column “IMD - Average score”"):
        services.read_deprivation_csv(b"Local Authority District code (2019),Local Authority District name (2019)\n")


def test_an_area_has_one_local_funder(funders, staff):
    organisation = OrganisationFactory(name="Yorkshire Foundation", kind=OrganisationKind.LOCAL_FUNDER)
    with pytest.raises(FundingError, match=r"already covered: Leeds \(Leeds Community Foundation\)"):
        services.register_local_funder(
            organisation=organisation, areas=[area("E08000035")], capacity=None, by=staff, reason="New"
        )


def test_a_local_funder_changes_its_areas_and_capacity_with_a_reason(funders, staff):
    leeds, _ = funders
    services.register_local_funder(
        organisation=leeds.organisation, areas=[area("E08000035")], capacity=Decimal("500000"), by=staff,
        reason="Board agreed a limit",
    )  # fmt: skip
    leeds.refresh_from_db()
    assert leeds.capacity == Decimal("500000")
    assert history_of(leeds)[0].reason == "Board agreed a limit"


def test_a_council_cannot_be_a_local_funder(staff):
    council = OrganisationFactory(kind=OrganisationKind.LOCAL_AUTHORITY)
    with pytest.raises(FundingError, match="not a public body"):
        services.register_local_funder(
            organisation=council, areas=[area("E08000035")], capacity=None, by=staff, reason="x"
        )


@override_settings(REGRANTING_FLOOR_PER_AREA=123000, REGRANTING_ADMIN_SHARE_PERCENT=8)
def test_a_new_fund_copies_the_settings_so_a_later_change_does_not_rewrite_it(staff):
    programme = national_programme()
    dataset = DeprivationDatasetFactory()
    fund = services.create_fund(
        name="Small grants fund 2026", programme=programme, financial_year=2026, total=Decimal("900000"),
        dataset=dataset, by=staff,
    )  # fmt: skip
    with override_settings(REGRANTING_FLOOR_PER_AREA=1):
        fund.refresh_from_db()
    assert fund.floor_per_area == 123000 and fund.admin_share_percent == 8
    assert fund.slug == "small-grants-fund-2026"


def test_weights_must_add_up_to_100(staff):
    with pytest.raises(FundingError, match="add up to 100%; they add up to 90%"):
        services.create_fund(
            name="Odd", programme=national_programme(), financial_year=2026, total=Decimal("1000"),
            dataset=DeprivationDatasetFactory(), by=staff, weight_population=Decimal("40"),
        )  # fmt: skip


def test_calculate_fills_the_rows_adds_up_exactly_and_keeps_floors(fund, staff, funders):
    OrganisationFactory.create_batch(3, latest_income=Decimal("12000"), local_authority=area("E08000036"))
    services.calculate(fund=fund, by=staff)
    fund.refresh_from_db()
    assert fund.status == FundStatus.CALCULATED
    rows = {row.area.gss_code: row for row in fund.area_allocations.select_related("area")}
    assert sum(row.amount for row in rows.values()) == fund.total
    assert all(row.amount >= 100000 and row.amount == row.amount.to_integral_value() for row in rows.values())
    assert rows["E08000036"].small_groups == 3
    assert sum(row.amount for row in fund.funder_allocations.all()) == fund.total
    assert history_of(fund)[0].reason == "Allocation calculated"


def test_the_formula_weights_population_deprivation_and_groups(fund, staff, funders):
    services.calculate(fund=fund, by=staff)
    leeds = fund.area_allocations.get(area__gss_code="E08000035")
    population = Decimal(798786) / Decimal(798786 + 542128 + 351592)
    score = Decimal("27.3") / Decimal("89.1")
    # No small groups anywhere: that measure is shared equally.
    expected = Decimal("0.5") * population + Decimal("0.3") * score + Decimal("0.2") / 3
    assert abs(leeds.need - expected) < Decimal("1e-9")


def test_a_binding_capacity_is_kept_and_the_solver_used(fund, staff, funders):
    leeds, _ = funders
    leeds.capacity = Decimal("250000")
    leeds.save()
    services.calculate(fund=fund, by=staff)
    fund.refresh_from_db()
    assert fund.used_solver is True
    assert fund.funder_allocations.get(local_funder=leeds).amount == 250000


def test_an_area_without_a_local_funder_is_refused_by_name(staff):
    fund = AllocationFundFactory()
    LocalFunderFactory(areas=["E08000035", "E08000032"])
    with pytest.raises(FundingError, match="No local funder covers Wakefield"):
        services.calculate(fund=fund, by=staff)


def test_floors_above_the_fund_are_refused(funders, staff):
    fund = AllocationFundFactory(total=Decimal("250000"))
    with pytest.raises(FundingError, match="floors add up to £300,000"):
        services.calculate(fund=fund, by=staff)


def test_only_department_staff_calculate(fund):
    with pytest.raises(FundingError, match="only department staff"):
        services.calculate(fund=fund, by=UserFactory(roles=[Role.COMMISSIONER]))


@pytest.fixture
def calculated(fund, staff):
    return services.calculate(fund=fund, by=staff)


@pytest.fixture
def approver(db):
    """A second member of department staff, who had no hand in the figures, so may approve them."""
    return UserFactory(roles=[Role.DEPARTMENT_STAFF])


def _allocations(fund, funders):
    return [fund.funder_allocations.get(local_funder=funder) for funder in funders]


def test_an_adjustment_moves_money_with_a_reason_and_the_sum_stays_exact(calculated, funders, staff):
    leeds, ridings = _allocations(calculated, funders)
    before = leeds.amount
    services.adjust(
        fund=calculated, from_allocation=leeds, to_allocation=ridings, amount=Decimal("1000"),
        reason="Flooding in Calder valley", by=staff,
    )  # fmt: skip
    leeds.refresh_from_db()
    assert leeds.amount == before - 1000
    assert sum(row.amount for row in calculated.funder_allocations.all()) == calculated.total
    assert history_of(leeds)[0].reason == "Flooding in Calder valley"


def test_an_adjustment_below_the_floors_is_refused(calculated, funders, staff):
    leeds, ridings = _allocations(calculated, funders)
    with pytest.raises(FundingError, match="below the £100,000 its areas' floors need"):
        services.adjust(
            fund=calculated, from_allocation=leeds, to_allocation=ridings, amount=leeds.amount, reason="x", by=staff
        )


def test_an_adjustment_above_a_capacity_is_refused(calculated, funders, staff):
    leeds, ridings = _allocations(calculated, funders)
    ridings.capacity = ridings.amount + 10
    ridings.save()
    with pytest.raises(FundingError, match="at most £10 more"):
        services.adjust(
            fund=calculated, from_allocation=leeds, to_allocation=ridings, amount=Decimal("11"), reason="x", by=staff
        )


def test_an_adjustment_needs_a_reason_and_whole_pounds(calculated, funders, staff):
    leeds, ridings = _allocations(calculated, funders)
    with pytest.raises(FundingError, match="Say why"):
        services.adjust(fund=calculated, from_allocation=leeds, to_allocation=ridings, amount=1, reason=" ", by=staff)
    with pytest.raises(FundingError, match="whole pounds"):
        services.adjust(
            fund=calculated, from_allocation=leeds, to_allocation=ridings, amount=Decimal("1.5"), reason="x", by=staff
        )


def test_recalculating_after_an_adjustment_is_refused(calculated, funders, staff):
    leeds, ridings = _allocations(calculated, funders)
    services.adjust(fund=calculated, from_allocation=leeds, to_allocation=ridings, amount=1, reason="x", by=staff)
    with pytest.raises(FundingError, match="recalculating would undo the adjustments"):
        services.calculate(fund=calculated, by=staff)


def test_approve_is_refused_before_calculating(fund, staff):
    with pytest.raises(FundingError, match="not possible while this allocation fund is draft"):
        services.approve(fund=fund, by=staff)


def test_approve_is_refused_when_the_national_budget_is_short(calculated, approver):
    ProgrammeBudget.objects.filter(programme=calculated.programme).update(amount=Decimal("899999"))
    with pytest.raises(FundingError, match="less than the fund of £900,000"):
        services.approve(fund=calculated, by=approver)
    assert AllocationFund.objects.get(pk=calculated.pk).status == FundStatus.CALCULATED


def test_approve_creates_each_regrant_award_and_local_programme_with_its_budget(calculated, funders, approver):
    member = UserFactory(roles=[Role.FUND_ADMINISTRATOR])
    MembershipFactory(user=member, organisation=funders[0].organisation, role=MembershipRole.ADMINISTRATOR)
    services.approve(fund=calculated, by=approver)
    calculated.refresh_from_db()
    assert calculated.status == FundStatus.APPROVED
    for row in calculated.funder_allocations.select_related("award", "local_programme"):
        assert row.award.regrant_type == RegrantType.COMMON
        assert row.award.status == AwardStatus.OFFERED
        assert row.award.amount == row.amount
        programme = row.local_programme
        assert programme.administering_body_id == row.local_funder.organisation_id
        assert programme.funded_by_id == row.award.pk
        assert programme.budgets.get(financial_year=2026).amount == row.amount - row.admin_share
        assert programme.eligibility.maximum_income == 30000
        assert (programme.eligibility.minimum_amount, programme.eligibility.maximum_amount) == (250, 5000)
    budget = ProgrammeBudget.objects.get(programme=calculated.programme, financial_year=2026)
    assert budget.committed == calculated.total
    leeds_programme = calculated.funder_allocations.get(local_funder=funders[0]).local_programme
    assert runs_programme(member, leeds_programme)


def test_only_department_staff_approve(calculated):
    with pytest.raises(FundingError, match="only department staff"):
        services.approve(fund=calculated, by=UserFactory(roles=[Role.FUND_ADMINISTRATOR]))


FOUR_EYES = "Approve: only department staff other than the person who calculated the allocation or moved money in it"


def test_whoever_calculated_the_allocation_may_not_approve_it(calculated, staff):
    with pytest.raises(FundingError, match=FOUR_EYES):
        services.approve(fund=calculated, by=staff)
    calculated.refresh_from_db()
    assert (calculated.status, calculated.approved_by) == (FundStatus.CALCULATED, None)
    assert not calculated.funder_allocations.filter(award__isnull=False).exists()


def test_whoever_moved_money_in_the_allocation_may_not_approve_it(calculated, funders, staff, approver):
    leeds, ridings = _allocations(calculated, funders)
    services.adjust(fund=calculated, from_allocation=leeds, to_allocation=ridings, amount=1, reason="x", by=approver)
    for person in (staff, approver):
        with pytest.raises(FundingError, match=FOUR_EYES):
            services.approve(fund=calculated, by=person)
    assert AllocationFund.objects.get(pk=calculated.pk).status == FundStatus.CALCULATED


def test_another_member_of_staff_approves_and_is_recorded(calculated, staff, approver):
    services.approve(fund=calculated, by=approver, reason="Checked the figures")
    calculated.refresh_from_db()
    assert calculated.status == FundStatus.APPROVED
    assert (calculated.calculated_by, calculated.approved_by) == (staff, approver)
    latest = calculated.history.order_by("-history_date", "-history_id").first()
    assert (latest.history_user, latest.history_change_reason) == (approver, "Checked the figures")
