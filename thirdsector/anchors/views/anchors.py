"""An anchor's page, its history, and the page where members see the organisations they act for.

The anchor's page is public once it is designated: its standing, its services and its trend over the
years from its accepted returns. Its members and staff also see every return and the evidence, and staff
the decision buttons. A proposed, refused or lapsed anchor's page is seen only by its members and staff
(404 for everyone else, since whether it was proposed is private).
"""

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from thirdsector.accounts.access import can_edit_organisation, can_see_history, is_staff, oversight_only, signed_in
from thirdsector.accounts.access import public as public_view
from thirdsector.core.audit import history_of
from thirdsector.core.tables import Cell, Row, Table, csv_response, link

from ..forms.designation import ReasonForm
from ..models import Anchor
from ..selectors.anchors import anchor_for_page, organisations_acted_for, returns_of, services_of, trend
from ..services.designation import review_years
from ..services.sustainability import thresholds_in_force


def member_of(user, anchor: Anchor) -> bool:
    return user.is_authenticated and user.memberships.filter(organisation_id=anchor.organisation_id).exists()


def visible_anchor(request, anchor_id: int) -> Anchor:
    """The anchor, if this person may see it: anyone once designated, otherwise its members and oversight."""
    try:
        anchor = anchor_for_page(anchor_id)
    except Anchor.DoesNotExist as error:
        raise Http404 from error
    if anchor.is_designated or can_see_history(request.user) or member_of(request.user, anchor):
        return anchor
    raise Http404


def _money(value) -> int | None:
    return None if value is None else round(value)


def trend_table(anchor: Anchor, returns: list) -> Table:
    """The anchor's accepted returns, one row a year: the table beside the chart and its CSV."""
    table = Table(
        "trend",
        "Figures by financial year",
        "Financial year",
        ["Total income (£)", "Grants (£)", "Earned (£)", "Spending (£)", "Grant dependency", "Reserves (months)"]
        + ["Sustainable"],
        empty="No accepted returns yet.",
    )
    for financial_return in returns:
        dependency = financial_return.grant_dependency
        table.rows.append(
            Row(
                financial_return.year_label,
                [
                    Cell(_money(financial_return.total_income)),
                    Cell(_money(financial_return.income_grants)),
                    Cell(_money(financial_return.income_earned)),
                    Cell(_money(financial_return.spending)),
                    Cell(None if dependency is None else round(dependency * 100, 1), suffix="%"),
                    Cell(financial_return.reserves_months),
                    Cell("Yes" if financial_return.sustainable else "No"),
                ],
            )
        )
    table.csv_url = link("anchors:anchor-trend-csv", anchor.pk)
    return table


def chart_bars(returns: list) -> list[dict]:
    """Bars for the income chart: each year's income as a share of the largest, split into grants and the rest."""
    largest = max((r.total_income for r in returns), default=0) or 1
    return [
        {
            "year": r.year_label,
            "total": r.total_income,
            "grants": r.income_grants,
            "width": round(r.total_income * 100 / largest, 1),
            "grant_width": round(r.income_grants * 100 / r.total_income, 1) if r.total_income else 0,
            "sustainable": r.sustainable,
        }
        for r in returns
    ]


@public_view
def anchor_page(request, anchor_id: int):
    anchor = visible_anchor(request, anchor_id)
    returns = trend(anchor)
    may_edit = can_edit_organisation(request.user, anchor.organisation)
    staff = is_staff(request.user)
    context = {
        "anchor": anchor,
        "trend": trend_table(anchor, returns),
        "bars": chart_bars(returns),
        "services": services_of(anchor),
        "may_edit": may_edit,
        "is_member": member_of(request.user, anchor),
        "staff": staff,
        "can_see_history": can_see_history(request.user),
        "all_returns": returns_of(anchor) if (may_edit or staff or member_of(request.user, anchor)) else None,
        "thresholds": thresholds_in_force(),
        "review_years": review_years(),
        "reason_form": ReasonForm(),
        "today": timezone.localdate(),
    }
    return render(request, "anchors/anchor.html", context)


@public_view
def anchor_trend_csv(request, anchor_id: int):
    anchor = visible_anchor(request, anchor_id)
    return csv_response(trend_table(anchor, trend(anchor)), f"anchor-{anchor.pk}-trend")


@oversight_only
def anchor_history(request, anchor_id: int):
    anchor = visible_anchor(request, anchor_id)
    return render(
        request,
        "anchors/history.html",
        {"record": anchor, "anchor": anchor, "entries": history_of(anchor), "caption": "Designation history"},
    )


@signed_in
def mine(request):
    """The organisations this person edits, each with its anchor standing and what they can do next."""
    return render(request, "anchors/mine.html", {"memberships": organisations_acted_for(request.user)})
