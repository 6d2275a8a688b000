"""Reads for the allocation pages and API: funds, local funders, the allocation table and who sees what.

Department staff and the Commissioner see every fund; a member of a local funder sees that funder's
own allocations and nothing of the others'.
"""

from decimal import Decimal

from django.db.models import Count, Prefetch, Q, QuerySet, Sum

from thirdsector.accounts.access import OVERSIGHT_ROLES
from thirdsector.core.tables import Cell, Row, Table

from ..models import (
    AllocationAdjustment,
    AllocationFund,
    AreaAllocation,
    DeprivationDataset,
    FunderAllocation,
    LocalFunder,
)


def oversees(user) -> bool:
    """Department staff and the Commissioner read every allocation."""
    return user.is_authenticated and user.has_role(*OVERSIGHT_ROLES)


def member_of_funder(user, funder: LocalFunder) -> bool:
    return user.is_authenticated and user.memberships.filter(organisation_id=funder.organisation_id).exists()


def funds() -> QuerySet[AllocationFund]:
    return (
        AllocationFund.objects.select_related("programme", "dataset")
        .annotate(funders=Count("funder_allocations"))
        .order_by("-financial_year", "name")
    )


def fund_for_page(slug: str) -> AllocationFund:
    return AllocationFund.objects.select_related(
        "programme", "dataset", "created_by", "calculated_by", "approved_by"
    ).get(slug=slug)


def datasets() -> QuerySet[DeprivationDataset]:
    return (
        DeprivationDataset.objects.select_related("uploaded_by")
        .annotate(rows=Count("scores"))
        .order_by("-uploaded_at", "-id")
    )


def local_funders() -> QuerySet[LocalFunder]:
    return (
        LocalFunder.objects.select_related("organisation")
        .prefetch_related("areas")
        .annotate(area_count=Count("areas"))
        .order_by("organisation__name", "id")
    )


def funder_allocations(fund: AllocationFund) -> QuerySet[FunderAllocation]:
    return (
        fund.funder_allocations.select_related("fund", "local_funder__organisation", "award", "local_programme")
        .annotate(areas=Count("local_funder__area_allocations", filter=Q(local_funder__area_allocations__fund=fund)))
        .order_by("local_funder__organisation__name", "id")
    )


def totals(fund: AllocationFund) -> dict:
    """The allocations added up in the database, to show they equal the fund."""
    row = fund.funder_allocations.aggregate(
        calculated=Sum("calculated_amount"), amount=Sum("amount"), floors=Sum("floor")
    )
    targets = fund.area_allocations.aggregate(target=Sum("target"))["target"]
    return {key: value or Decimal(0) for key, value in {**row, "target": targets}.items()}


def allocation_table(fund: AllocationFund, rows: list[FunderAllocation], sums: dict) -> Table:
    """The table of local funders' allocations as the page shows it and the CSV holds it, with its total row."""
    table = Table(
        slug="allocation",
        caption=f"Allocation of {fund.name} by local funder",
        row_heading="Local funder",
        columns=["Areas", "Floors (£)", "Capacity (£)", "Calculated (£)", "After adjustments (£)", "Admin share (£)"],
        empty="Not calculated yet.",
    )
    for row in rows:
        table.rows.append(
            Row(
                label=str(row.local_funder),
                url=row.get_absolute_url(),
                cells=[
                    Cell(row.areas),
                    Cell(row.floor),
                    Cell(row.capacity),
                    Cell(row.calculated_amount),
                    Cell(row.amount),
                    Cell(row.admin_share),
                ],
            )
        )
    if rows:
        table.rows.append(
            Row(
                label="Total",
                is_total=True,
                cells=[
                    Cell(sum(row.areas for row in rows)),
                    Cell(sums["floors"]),
                    Cell(None),
                    Cell(sums["calculated"]),
                    Cell(sums["amount"]),
                    Cell(sum(row.admin_share for row in rows)),
                ],
            )
        )
    return table


def area_rows(allocation: FunderAllocation) -> QuerySet[AreaAllocation]:
    return (
        AreaAllocation.objects.filter(fund_id=allocation.fund_id, local_funder_id=allocation.local_funder_id)
        .select_related("area")
        .order_by("area__name", "id")
    )


def area_table(allocation: FunderAllocation, rows: list[AreaAllocation]) -> Table:
    table = Table(
        slug="areas",
        caption=f"{allocation.local_funder}'s areas",
        row_heading="Area",
        columns=["Population", "IMD average score", "Small groups", "Target (£)", "Floor (£)", "Amount (£)"],
    )
    for row in rows:
        table.rows.append(
            Row(
                label=row.area.name,
                cells=[
                    Cell(row.population),
                    Cell(row.deprivation_score),
                    Cell(row.small_groups),
                    Cell(row.target),
                    Cell(row.floor),
                    Cell(row.amount),
                ],
            )
        )
    return table


def funder_allocation_for_page(slug: str, pk: int) -> FunderAllocation:
    return FunderAllocation.objects.select_related(
        "fund__programme", "local_funder__organisation", "award", "local_programme"
    ).get(fund__slug=slug, pk=pk)


def adjustments_of(allocation: FunderAllocation) -> list[AllocationAdjustment]:
    adjustments = AllocationAdjustment.objects.select_related(
        "from_allocation__local_funder__organisation", "to_allocation__local_funder__organisation", "made_by"
    )
    return list(
        (adjustments.filter(from_allocation=allocation) | adjustments.filter(to_allocation=allocation)).order_by(
            "-made_at", "-id"
        )
    )


def fund_adjustments(fund: AllocationFund) -> list[AllocationAdjustment]:
    return list(
        fund.adjustments.select_related(
            "from_allocation__local_funder__organisation", "to_allocation__local_funder__organisation", "made_by"
        ).order_by("-made_at", "-id")
    )


def funder_for_page(pk: int) -> LocalFunder:
    return (
        LocalFunder.objects.select_related("organisation")
        .prefetch_related(
            "areas",
            Prefetch(
                "allocations",
                queryset=FunderAllocation.objects.select_related("fund", "award", "local_programme").order_by(
                    "-fund__financial_year", "fund__name"
                ),
            ),
        )
        .get(pk=pk)
    )


def visible_funder_allocations(user) -> QuerySet[FunderAllocation]:
    """Every allocation for those who oversee; otherwise only the local funders' the person belongs to."""
    rows = FunderAllocation.objects.select_related("fund", "local_funder__organisation", "award", "local_programme")
    if oversees(user):
        return rows
    return rows.filter(local_funder__organisation__memberships__user=user).distinct()
