"""The fund's dashboard: assets by status, proposals by stage, grant money, overdue returns, assets at risk.

Money comes from the engine's awards and payments for the fund's proposals, so the dashboard shows what
the engine holds, not a copy of it. Every count and sum is one aggregate query.
"""

from decimal import Decimal

from django.db.models import Count, Sum
from django.utils import timezone

from thirdsector.core.tables import Cell, Row, Table, link
from thirdsector.funding.models import COMMITTED_STATUSES, Payment, PaymentStatus

from ..models import Asset, AssetStatus, ProposalStatus, TransferProposal
from ..services.returns import assets_at_risk
from .proposals import overdue_returns


def assets_by_status() -> Table:
    counts = dict(Asset.objects.values_list("status").annotate(n=Count("id")).order_by())
    table = Table("assets-by-status", "Assets by status", "Status", ["Assets"])
    for status in AssetStatus:
        table.rows.append(Row(status.label, [Cell(counts.get(status.value, 0))]))
    table.rows.append(Row("Total", [Cell(sum(counts.values()))], is_total=True))
    return table


def proposals_by_stage() -> Table:
    rows = TransferProposal.objects.values("status").annotate(n=Count("id"), asked=Sum("amount_requested")).order_by()
    figures = {row["status"]: row for row in rows}
    table = Table("proposals-by-stage", "Proposals by stage", "Stage", ["Proposals", "Grant requested (£)"])
    for status in ProposalStatus:
        row = figures.get(status.value, {})
        table.rows.append(
            Row(
                status.label,
                [
                    Cell(row.get("n", 0), url=link("assets:fund-proposals", status=status.value)),
                    Cell(row.get("asked") or Decimal("0")),
                ],
            )
        )
    return table


def grant_money() -> Table:
    """Committed: the awards on the fund's proposals that hold money; paid: their payments made."""
    awards = TransferProposal.objects.filter(application__award__status__in=COMMITTED_STATUSES).aggregate(
        n=Count("id"), committed=Sum("application__award__amount")
    )
    paid = Payment.objects.filter(
        award__application__transfer_proposal__isnull=False, status=PaymentStatus.PAID
    ).aggregate(total=Sum("amount"))["total"] or Decimal("0")
    blocked = TransferProposal.objects.filter(
        status=ProposalStatus.FUNDED, application__award__payment_condition_met_on__isnull=True
    ).count()
    table = Table("grant-money", "Capital grants", "Figure", ["Value"])
    table.rows += [
        Row("Grants awarded", [Cell(awards["n"])]),
        Row("Committed (£)", [Cell(awards["committed"] or Decimal("0"))]),
        Row("Paid (£)", [Cell(paid)]),
        Row(
            "Funded, payment held until legal completion",
            [Cell(blocked, url=link("assets:fund-proposals", status=ProposalStatus.FUNDED))],
        ),
    ]
    return table


# The dashboard shows this many overdue returns, the longest overdue first; its CSV has every one.
OVERDUE_ON_PAGE = 200


def overdue_returns_table(*, everything: bool = False) -> Table:
    table = Table(
        "overdue-returns",
        "Overdue post-transfer returns",
        "Asset",
        ["Organisation", "Year", "Due on", "Days overdue"],
        empty="No returns are overdue.",
    )
    today = timezone.localdate()
    rows = overdue_returns(on=today)
    if not everything:
        rows = list(rows[: OVERDUE_ON_PAGE + 1])
        if len(rows) > OVERDUE_ON_PAGE:
            rows = rows[:OVERDUE_ON_PAGE]
            table.note = f"The {OVERDUE_ON_PAGE} longest overdue are shown here; the CSV has every overdue return."
    for row in rows:
        table.rows.append(
            Row(
                row.proposal.asset.name,
                [
                    Cell(row.proposal.organisation.name),
                    Cell(row.year),
                    Cell(row.due_on.isoformat()),
                    Cell((today - row.due_on).days),
                ],
                url=row.get_absolute_url(),
            )
        )
    return table


def at_risk_table() -> Table:
    transferred = TransferProposal.objects.filter(status=ProposalStatus.TRANSFERRED).select_related(
        "asset", "organisation"
    )
    table = Table(
        "at-risk",
        "Assets at risk",
        "Asset",
        ["Organisation", "Why"],
        note=(
            "At risk: people served fell in each of the last two returns, or spending was more than income "
            "two years running."
        ),
        empty="No asset is at risk.",
    )
    for flagged in assets_at_risk(transferred):
        proposal = flagged.proposal
        table.rows.append(
            Row(
                proposal.asset.name,
                [Cell(proposal.organisation.name), Cell(" ".join(flagged.reasons))],
                url=proposal.get_absolute_url(),
            )
        )
    return table


DASHBOARD_TABLES = {
    "assets-by-status": assets_by_status,
    "proposals-by-stage": proposals_by_stage,
    "grant-money": grant_money,
    "overdue-returns": overdue_returns_table,
    "at-risk": at_risk_table,
}
# What each table's CSV holds: the same, except that every overdue return is in its download.
DASHBOARD_DOWNLOADS = {**DASHBOARD_TABLES, "overdue-returns": lambda: overdue_returns_table(everything=True)}
