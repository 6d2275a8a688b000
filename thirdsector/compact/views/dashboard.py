"""The Compact dashboard for staff and the Commissioner, and the public Compact statistics page.

Both show figures for one calendar year (the current year unless another is chosen), each table with a
CSV download of exactly its rows. On the dashboard every figure links to the staff list of the records
it was counted from; on the statistics page figures link to published records where there are any.
"""

from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from thirdsector.accounts.access import oversight_only, public
from thirdsector.core.forms import GovukForm
from thirdsector.core.tables import Cell, Row, Table, csv_response, link

from ..models.consultations import minimum_weeks, outcome_due_weeks
from ..selectors.dashboard import (
    DashboardFigures,
    StatisticsFigures,
    breach_rows,
    consultation_rows,
    dashboard_figures,
    policy_rows,
    statistics_figures,
    team_staff_rows,
)

# How many years back the year filter offers (default 10: the Compact's breach record for a decade).
YEARS_OFFERED = 10


class YearForm(GovukForm):
    year = forms.TypedChoiceField(label="Year", coerce=int, widget=forms.Select(attrs={"class": "govuk-select"}))

    def __init__(self, *args, this_year: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year, str(year)) for year in range(this_year, this_year - YEARS_OFFERED, -1)]
        self.fields["year"].initial = this_year


def _year(request) -> tuple[YearForm, int]:
    this_year = timezone.localdate().year
    data = request.GET if "year" in request.GET else None
    form = YearForm(data, this_year=this_year)
    if form.is_bound and form.is_valid():
        return form, form.cleaned_data["year"]
    return form, this_year


def _count(value: int, url: str | None, describes: str) -> Cell:
    return Cell(value, url, describes)


def _share(part: int, whole: int) -> Cell:
    return Cell(round(part * 100 / whole) if whole else None, suffix="%")


# The staff dashboard


def _breach_table(figures: DashboardFigures, year: int, *, staff: bool) -> Table:
    columns = ["Reported", "Upheld or partly upheld", "Resolved", "Median days to resolve"]
    table = Table(
        "breaches",
        "Breaches by public body",
        "Public body",
        columns,
        note=f"Breach cases reported in {year}. Upheld counts those upheld in whole or in part; resolved counts "
        "those closed, and the median days to resolve is from the report to closure.",
        empty="No public bodies yet.",
    )
    for body in figures.bodies:
        counts = figures.breaches_by_body.get(body.pk)
        name = body.organisation.name
        where = f"for {name} in {year}"

        def url(outcome=None, body=body):
            if not staff:
                return None
            return link("compact:dashboard-rows", "breaches", body=body.pk, year=year, outcome=outcome)

        table.rows.append(
            Row(
                name,
                [
                    _count(counts.reported if counts else 0, url(), f"breaches reported {where}"),
                    _count(counts.upheld if counts else 0, url("upheld"), f"breaches upheld {where}"),
                    _count(counts.resolved if counts else 0, url("resolved"), f"breaches resolved {where}"),
                    Cell(figures.median_days_by_body.get(body.pk)),
                ],
                url=link("compact:breach-list", body=body.pk, year=year) if staff else None,
            )
        )
    total = figures.breach_totals
    if figures.bodies:

        def all_url(outcome=None):
            return link("compact:dashboard-rows", "breaches", year=year, outcome=outcome) if staff else None

        table.rows.append(
            Row(
                "All bodies",
                [
                    _count(total.reported, all_url(), f"breaches reported in {year}"),
                    _count(total.upheld, all_url("upheld"), f"breaches upheld in {year}"),
                    _count(total.resolved, all_url("resolved"), f"breaches resolved in {year}"),
                    Cell(figures.median_days),
                ],
                is_total=True,
            )
        )
    return table


def _commitment_table(figures: DashboardFigures | StatisticsFigures, year: int, *, staff: bool) -> Table:
    table = Table(
        "commitments",
        "Breaches by commitment",
        "Commitment",
        ["Reported", "Upheld or partly upheld", "Resolved"],
        empty=f"No breaches reported in {year}.",
    )
    for row in figures.breaches_by_commitment:
        about = f"naming {row.label} in {year}"

        def url(outcome=None, row=row):
            if not staff:
                return None
            return link("compact:dashboard-rows", "breaches", commitment=row.commitment_id, year=year, outcome=outcome)

        table.rows.append(
            Row(
                row.label,
                [
                    _count(row.reported, url(), f"breaches reported {about}"),
                    _count(row.upheld, url("upheld"), f"breaches upheld {about}"),
                    _count(row.resolved, url("resolved"), f"breaches resolved {about}"),
                ],
            )
        )
    return table


def _consultation_table(figures: DashboardFigures | StatisticsFigures, year: int, *, staff: bool) -> Table:
    weeks = minimum_weeks()
    columns = ["Published", f"Under {weeks} weeks"]
    if staff:
        columns.append("Outcomes overdue")
    table = Table(
        "consultations",
        "Consultations by public body",
        "Public body",
        columns,
        note=f"Consultations that opened in {year}. Under {weeks} weeks counts those open for less than "
        f"{weeks} weeks, each with its recorded reason."
        + (
            f" An outcome is overdue when it is not published within {outcome_due_weeks()} weeks of the "
            "consultation closing."
            if staff
            else ""
        ),
        empty="No public bodies yet.",
    )
    for body in figures.bodies:
        counts = figures.consultations_by_body.get(body.pk)
        name = body.organisation.name
        where = f"by {name} in {year}"
        if staff:
            published_url = link("compact:dashboard-rows", "consultations", body=body.pk, year=year)
            short_url = link("compact:dashboard-rows", "consultations", body=body.pk, year=year, which="short")
        else:
            published_url = link("compact:statistics-consultations", body=body.pk, year=year)
            short_url = link("compact:statistics-consultations", body=body.pk, year=year, which="short")
        cells = [
            _count(counts.published if counts else 0, published_url, f"consultations published {where}"),
            _count(counts.short if counts else 0, short_url, f"consultations under {weeks} weeks {where}"),
        ]
        if staff:
            cells.append(
                _count(
                    counts.outcomes_overdue if counts else 0,
                    link("compact:dashboard-rows", "consultations", body=body.pk, year=year, which="overdue"),
                    f"consultation outcomes overdue {where}",
                )
            )
        table.rows.append(Row(name, cells))
    return table


def _proofing_table(figures: DashboardFigures, year: int) -> Table:
    table = Table(
        "proofing",
        "Policy proofing coverage by public body",
        "Public body",
        ["Policies", "Proofed", "Coverage"],
        note=f"Policies started in {year}; proofed counts those whose Compact proofing is signed off.",
        empty="No public bodies yet.",
    )
    for body in figures.bodies:
        counts = figures.proofing_by_body.get(body.pk)
        policies, proofed = (counts.policies, counts.proofed) if counts else (0, 0)
        where = f"by {body.organisation.name} in {year}"
        table.rows.append(
            Row(
                body.organisation.name,
                [
                    _count(
                        policies,
                        link("compact:dashboard-rows", "policies", body=body.pk, year=year),
                        f"policies {where}",
                    ),
                    _count(
                        proofed,
                        link("compact:dashboard-rows", "policies", body=body.pk, year=year, proofed="yes"),
                        f"policies proofed {where}",
                    ),
                    _share(proofed, policies),
                ],
            )
        )
    return table


def _training_table(figures: DashboardFigures) -> Table:
    table = Table(
        "training",
        "Compact training completed by team",
        "Team",
        ["Staff", "Completed training", "Share completed"],
        note="Staff who make policy or fund the sector, and how many of them have completed Compact training "
        f"in the last {settings.COMPACT_TRAINING_VALID_YEARS} years (COMPACT_TRAINING_VALID_YEARS).",
        empty="No teams recorded yet.",
    )
    for team in figures.training_by_team:
        name = f"{team.team}, {team.body}"
        table.rows.append(
            Row(
                name,
                [
                    _count(
                        team.staff, link("compact:dashboard-rows", "training", team=team.team_id), f"staff in {name}"
                    ),
                    _count(
                        team.completed,
                        link("compact:dashboard-rows", "training", team=team.team_id, completed="yes"),
                        f"staff in {name} who completed training",
                    ),
                    _share(team.completed, team.staff),
                ],
                url=link("compact:team", team.team_id),
            )
        )
    return table


def _dashboard_tables(year: int) -> tuple[DashboardFigures, list[Table]]:
    figures = dashboard_figures(year=year, today=timezone.localdate())
    tables = [
        _breach_table(figures, year, staff=True),
        _commitment_table(figures, year, staff=True),
        _consultation_table(figures, year, staff=True),
        _proofing_table(figures, year),
        _training_table(figures),
    ]
    return figures, tables


def _with_csv_urls(tables: list[Table], name: str, year: int) -> list[Table]:
    for table in tables:
        table.csv_url = f"{reverse(name, args=[table.slug])}?year={year}"
    return tables


def _table_named(tables: list[Table], slug: str) -> Table:
    for table in tables:
        if table.slug == slug:
            return table
    raise Http404


@oversight_only
def dashboard(request):
    """The Compact dashboard: for department staff, platform admins and the Commissioner."""
    form, year = _year(request)
    figures, tables = _dashboard_tables(year)
    return render(
        request,
        "compact/dashboard/dashboard.html",
        {
            "form": form,
            "year": year,
            "tables": _with_csv_urls(tables, "compact:dashboard-csv", year),
            "median_days": figures.median_days,
            "resolved_url": link("compact:dashboard-rows", "breaches", year=year, outcome="resolved"),
            "minimum_weeks": minimum_weeks(),
        },
    )


@oversight_only
def dashboard_csv(request, table: str):
    """One of the dashboard's tables as CSV, for the year asked for."""
    _, year = _year(request)
    _, tables = _dashboard_tables(year)
    return csv_response(_table_named(tables, table), f"compact-{table}-{year}")


# The public statistics page


def _statistics_tables(year: int) -> tuple[StatisticsFigures, list[Table]]:
    figures = statistics_figures(year=year)
    tables = [
        _breach_table(figures, year, staff=False),
        _commitment_table(figures, year, staff=False),
        _consultation_table(figures, year, staff=False),
    ]
    return figures, tables


@public
def statistics(request):
    """The Compact's figures for everyone: breaches and short consultations per body and year."""
    form, year = _year(request)
    figures, tables = _statistics_tables(year)
    return render(
        request,
        "compact/dashboard/statistics.html",
        {
            "form": form,
            "year": year,
            "tables": _with_csv_urls(tables, "compact:statistics-csv", year),
            "median_days": figures.median_days,
            "minimum_weeks": minimum_weeks(),
        },
    )


@public
def statistics_csv(request, table: str):
    """One of the public statistics tables as CSV, for the year asked for."""
    _, year = _year(request)
    _, tables = _statistics_tables(year)
    return csv_response(_table_named(tables, table), f"compact-statistics-{table}-{year}")


# The rows behind the figures


ROWS_PER_PAGE = 50


def _number(request, name: str) -> int | None:
    value = request.GET.get(name, "")
    return int(value) if value.isdigit() else None


def _yes_no(request, name: str) -> bool | None:
    return {"yes": True, "no": False}.get(request.GET.get(name, ""))


def _record_page(request, *, title: str, columns: list[str], queryset, row, template: str, back_url: str):
    """One page of the records behind a figure: `row(record)` gives (text, url, other cells)."""
    page = Paginator(queryset, ROWS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        template,
        {
            "title": title,
            "columns": columns,
            "rows": [row(record) for record in page],
            "page_obj": page,
            "back_url": back_url,
        },
    )


def _breach_row(case):
    outcome = case.get_outcome_display() or "–"
    return (
        case.reference,
        link("compact:breach", case.reference),
        [case.body.organisation.name, date_format(case.reported_on, "j F Y"), case.get_status_display(), outcome],
    )


def _consultation_row(consultation, *, staff: bool):
    url = link("compact:consultation-manage" if staff else "compact:consultation", consultation.pk)
    cells = [
        consultation.body.organisation.name,
        date_format(consultation.opens_on, "j F Y"),
        date_format(consultation.closes_on, "j F Y") if consultation.closes_on else "–",
        "Yes" if consultation.shorter_than_minimum else "No",
        consultation.get_status_display(),
    ]
    return consultation.title, url, cells


def _policy_row(policy):
    return (
        policy.title,
        link("compact:policy", policy.pk),
        [policy.body.organisation.name, date_format(policy.decision_date, "j F Y"), "Yes" if policy.proofed else "No"],
    )


def _staff_row(membership):
    return (
        membership.person.full_name,
        None,
        [membership.team.name, "Yes" if membership.trained else "No"],
    )


@oversight_only
def dashboard_rows(request, figure: str):
    """The records a dashboard figure counted, each linking to its own page."""
    _, year = _year(request)
    today = timezone.localdate()
    body = _number(request, "body")
    back_url = f"{reverse('compact:dashboard')}?year={year}"
    template = "compact/dashboard/rows.html"
    if figure == "breaches":
        outcome = request.GET.get("outcome")
        cases = breach_rows(year, body=body, commitment=_number(request, "commitment"), outcome=outcome)
        title = {"upheld": "Breaches upheld", "resolved": "Breaches resolved"}.get(outcome, "Breaches reported")
        return _record_page(
            request, title=f"{title} in {year}", columns=["Reference", "Public body", "Reported", "Status", "Outcome"],
            queryset=cases, row=_breach_row, template=template, back_url=back_url,
        )  # fmt: skip
    if figure == "consultations":
        which = request.GET.get("which")
        consultations = consultation_rows(year, body=body, which=which, today=today)
        title = {
            "short": f"Consultations under {minimum_weeks()} weeks",
            "overdue": "Consultations with outcomes overdue",
        }
        return _record_page(
            request, title=f"{title.get(which, 'Consultations published')} in {year}",
            columns=["Consultation", "Public body", "Opened", "Closes", f"Under {minimum_weeks()} weeks", "Status"],
            queryset=consultations, row=lambda c: _consultation_row(c, staff=True), template=template,
            back_url=back_url,
        )  # fmt: skip
    if figure == "policies":
        proofed = _yes_no(request, "proofed")
        title = "Policies proofed" if proofed else "Policies"
        return _record_page(
            request, title=f"{title} to be decided in {year}", columns=["Policy", "Public body", "Decision", "Proofed"],
            queryset=policy_rows(year, body=body, proofed=proofed), row=_policy_row, template=template,
            back_url=back_url,
        )  # fmt: skip
    if figure == "training":
        team = _number(request, "team")
        if team is None:
            raise Http404
        completed = _yes_no(request, "completed")
        return _record_page(
            request, title="Staff who completed Compact training" if completed else "Staff expected to train",
            columns=["Name", "Team", "Training completed"],
            queryset=team_staff_rows(team, completed=completed, today=today), row=_staff_row, template=template,
            back_url=back_url,
        )  # fmt: skip
    raise Http404


@public
def statistics_consultations(request):
    """The published consultations behind a public figure, each linking to its public page."""
    _, year = _year(request)
    consultations = consultation_rows(
        year, body=_number(request, "body"), which="short" if request.GET.get("which") == "short" else None,
        today=timezone.localdate(),
    )  # fmt: skip
    short = request.GET.get("which") == "short"
    return _record_page(
        request,
        title=f"Consultations {'under ' + str(minimum_weeks()) + ' weeks ' if short else ''}opened in {year}",
        columns=["Consultation", "Public body", "Opened", "Closes", f"Under {minimum_weeks()} weeks", "Status"],
        queryset=consultations,
        row=lambda c: _consultation_row(c, staff=False),
        template="compact/dashboard/rows.html",
        back_url=f"{reverse('compact:statistics')}?year={year}",
    )
