"""The strategy dashboards: for the Partnership Board and staff, and for the public; and each indicator."""

from decimal import Decimal

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from thirdsector.accounts.access import STAFF_ROLES, public, roles_required, staff_only
from thirdsector.accounts.roles import Role
from thirdsector.core.tables import Cell, Row, Table, csv_response

from ..charts import HEIGHT, WIDTH, bars
from ..forms.indicators import TargetForm, YearForm
from ..models import Indicator, IndicatorValue, Unit
from ..selectors import indicators as selectors
from ..services.indicators import MeasuresError, set_target
from ..tasks.indicators import compute_indicators_now

DASHBOARD_ROLES = (*STAFF_ROLES, Role.COMMISSIONER, Role.BOARD_MEMBER)


def sees_every_indicator(user) -> bool:
    return user.is_authenticated and user.has_role(*DASHBOARD_ROLES)


def shown(value: Decimal | None, unit: str) -> str:
    if value is None:
        return "No figure"
    if unit == Unit.PERCENT:
        return f"{value}%"
    whole = value.to_integral_value() if value == value.to_integral_value() else value
    return f"{whole:,}" + (" days" if unit == Unit.DAYS else "")


def _cell(value: IndicatorValue, unit: str, *, staff: bool, describes: str) -> Cell:
    url = (value.rows_url if staff else value.public_url) or None
    if unit == Unit.PERCENT:
        return Cell(value.value, url, describes, "%")
    if value.value is None:
        return Cell(None, url, describes)
    # Counts are whole; a median of days may be a half (6.5 days).
    whole = value.value == value.value.to_integral_value()
    return Cell(int(value.value) if whole else value.value, url, describes)


def _is_share(indicator: Indicator, values: list[IndicatorValue]) -> bool:
    """A share shows its part and whole; a percentage that is a mean of reported figures (NI 6) has neither."""
    return indicator.unit == Unit.PERCENT and any(value.denominator is not None for value in values)


def _trend_table(indicator: Indicator, trend: list[IndicatorValue], *, staff: bool) -> Table:
    share = _is_share(indicator, trend)
    columns = ["Part", "Whole", "Share"] if share else ["Figure"]
    table = Table(
        "trend", f"{indicator.name} by year", "Year", columns, empty="Not computed yet: the daily schedule computes it."
    )
    for value in trend:
        describes = f"{indicator.name.lower()}, {indicator.year_label(value.year)}"
        figure = _cell(value, indicator.unit, staff=staff, describes=describes)
        cells = [Cell(int(value.numerator)), Cell(int(value.denominator or 0)), figure] if share else [figure]
        table.rows.append(Row(indicator.year_label(value.year), cells))
    return table


def _breakdown_table(indicator: Indicator, values: list[IndicatorValue], year: int, *, staff: bool) -> Table:
    share = _is_share(indicator, values)
    table = Table(
        "breakdown",
        f"{indicator.name} by {indicator.breakdown}, {indicator.year_label(year)}",
        indicator.breakdown.capitalize(),
        ["Part", "Whole", "Share"] if share else ["Figure"],
    )
    for value in values:
        describes = f"{value.breakdown_label}, {indicator.year_label(year)}"
        figure = _cell(value, indicator.unit, staff=staff, describes=describes)
        cells = [Cell(int(value.numerator)), Cell(int(value.denominator or 0)), figure] if share else [figure]
        table.rows.append(Row(value.breakdown_label, cells))
    return table


def _tables(request, slug: str) -> tuple[Indicator, list[Table], list[IndicatorValue], YearForm, int | None]:
    staff = sees_every_indicator(request.user)
    try:
        indicator = selectors.indicator_for_page(slug, public=not staff)
    except Indicator.DoesNotExist as missing:
        raise Http404("No such indicator") from missing
    trend = selectors.trend_of(indicator)
    years = [value.year for value in trend]
    form = YearForm(request.GET or None, years=[(year, indicator.year_label(year)) for year in reversed(years)])
    chosen = form.cleaned_data["year"] if form.is_valid() else None
    year = chosen or (years[-1] if years else None)
    tables = [_trend_table(indicator, trend, staff=staff)]
    if indicator.breakdown and year is not None:
        tables.append(_breakdown_table(indicator, selectors.breakdown_of(indicator, year), year, staff=staff))
    for table in tables:
        csv_url = reverse("measures:indicator-csv", args=[indicator.slug, table.slug])
        table.csv_url = csv_url + (f"?year={year}" if year else "")
    return indicator, tables, trend, form, year


def _summary_page(request, *, public_page: bool):
    summaries = selectors.summaries(public=public_page)
    return render(
        request,
        "measures/dashboard.html",
        {"summaries": summaries, "public_page": public_page, "amber_margin": settings.MEASURES_AMBER_MARGIN_PERCENT},
    )


@roles_required(*DASHBOARD_ROLES)
def dashboard(request):
    return _summary_page(request, public_page=False)


@public
def public_dashboard(request):
    return _summary_page(request, public_page=True)


@public
def indicator_page(request, slug: str):
    indicator, tables, trend, form, year = _tables(request, slug)
    chart = bars([(indicator.year_label(v.year), v.value, shown(v.value, indicator.unit)) for v in trend])
    return render(
        request,
        "measures/indicator.html",
        {
            "indicator": indicator,
            "tables": tables,
            "form": form,
            "year": year,
            "chart": chart,
            "chart_width": WIDTH,
            "chart_height": HEIGHT,
            "summary": selectors.Summary(indicator, trend),
            "shown": shown,
            "can_set_target": request.user.is_authenticated and request.user.has_role(*STAFF_ROLES),
            "staff": sees_every_indicator(request.user),
        },
    )


@public
def indicator_csv(request, slug: str, table: str):
    indicator, tables, *_ = _tables(request, slug)
    for candidate in tables:
        if candidate.slug == table:
            return csv_response(candidate, f"{indicator.slug}-{table}")
    raise Http404("No such table")


@staff_only
def target_edit(request, slug: str):
    try:
        indicator = selectors.indicator_for_page(slug, public=False)
    except Indicator.DoesNotExist as missing:
        raise Http404("No such indicator") from missing
    form = TargetForm(request.POST or None, initial={"target": indicator.target}, unit=indicator.unit)
    if request.method == "POST" and form.is_valid():
        try:
            set_target(
                indicator=indicator,
                target=form.cleaned_data["target"],
                by=request.user,
                reason=form.cleaned_data["reason"],
            )
        except MeasuresError as error:
            form.add_error("target", str(error))
        else:
            messages.success(request, f"The target for {indicator.name.lower()} is saved.")
            return redirect(indicator)
    return render(request, "measures/target.html", {"indicator": indicator, "form": form})


@staff_only
@require_POST
def recompute(request):
    compute_indicators_now()
    messages.success(request, "The indicators are being computed; the figures update when it finishes.")
    return redirect("measures:dashboard")
