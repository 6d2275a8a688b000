"""The applications behind the "days to decide a grant" indicator: those decided in a financial year, each
with the days from submission to decision, so the median on the dashboard can be checked row by row.

Who: department staff and platform admins (the figure's rows_url is a staff page); others get 403.
"""

from django.shortcuts import get_object_or_404, render

from thirdsector.accounts.access import staff_only
from thirdsector.core.tables import Cell, Row, Table, csv_response

from ..financial_years import financial_year_label
from ..forms.decision_times import DecisionTimesForm
from ..models import Programme
from ..selectors.indicators import days_taken, decided_in_year


def _table(request) -> tuple[DecisionTimesForm, Table, list]:
    form = DecisionTimesForm(request.GET or None)
    year, programme_id = form.choices()
    programme = get_object_or_404(Programme, pk=programme_id) if programme_id else None
    rows = list(decided_in_year(year, programme))
    table = Table(
        "decision-times",
        f"Applications decided in {financial_year_label(year)}" + (f": {programme.name}" if programme else ""),
        "Application",
        ["Organisation", "Programme", "Submitted", "Decided", "Decision", "Days to decide"],
        empty="No applications were decided in this year.",
    )
    for row in rows:
        table.rows.append(
            Row(
                row.reference,
                [
                    Cell(row.organisation.name),
                    Cell(row.round.programme.name),
                    Cell(row.submitted_at.date().isoformat()),
                    Cell(row.decided_at.date().isoformat()),
                    Cell(row.get_status_display()),
                    Cell(days_taken(row)),
                ],
                url=row.get_absolute_url(),
            )
        )
    return form, table, rows


@staff_only
def decision_times(request):
    form, table, rows = _table(request)
    return render(request, "funding/decision_times/list.html", {"form": form, "table": table, "rows": rows})


@staff_only
def decision_times_csv(request):
    form, table, _rows = _table(request)
    year, programme_id = form.choices()
    return csv_response(table, f"decision-times-{year}" + (f"-programme-{programme_id}" if programme_id else ""))
