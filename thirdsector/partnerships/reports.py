"""The progress report for a board meeting: its content as plain data, and its PDF.

`build_progress_report` gathers the figures as JSON-ready data (dates as ISO strings) that
`ProgressReport.content` keeps as a snapshot, so the HTML page and the PDF both render the report as
it was sent. `report_for_display` turns the stored dates back into dates for templates.
"""

from datetime import date, timedelta
from io import BytesIO

from django.conf import settings
from django.db.models import Q

from .models import Milestone, Rag, RiskOrIssue

NOT_RATED = "none"
RAG_LABELS = {Rag.RED: "Red", Rag.AMBER: "Amber", Rag.GREEN: "Green", NOT_RATED: "Not yet rated"}


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _milestone(milestone: Milestone) -> dict:
    workstream = milestone.workstream
    return {
        "workstream": f"{workstream.area.number}.{workstream.position} {workstream.title}",
        "title": milestone.title,
        "due_on": _iso(milestone.due_on),
        "done_on": _iso(milestone.done_on),
    }


def _meeting_label(meeting) -> str:
    if meeting is None:
        return ""
    return str(meeting)


def build_progress_report(*, as_of: date, since: date | None, meeting=None) -> dict:
    """The report as of `as_of`: RAG counts, each workstream's status, milestones and open risks.

    Milestones are grouped as: done since the last report (after `since`, up to `as_of`); overdue
    (due before `as_of` and not done by then); due soon (not done, due from `as_of` within
    PARTNERSHIP_PROGRESS_DUE_WITHIN_DAYS). Status and risks are as they stood on `as_of`.
    """
    from .selectors.progress import workstreams_with_status

    due_within = settings.PARTNERSHIP_PROGRESS_DUE_WITHIN_DAYS
    counts = {Rag.RED.value: 0, Rag.AMBER.value: 0, Rag.GREEN.value: 0, NOT_RATED: 0}
    workstreams = []
    for workstream in workstreams_with_status(as_of, as_of=as_of):
        rag = workstream.current_rag or NOT_RATED
        counts[rag] += 1
        workstreams.append(
            {
                "code": f"{workstream.area.number}.{workstream.position}",
                "area": str(workstream.area),
                "title": workstream.title,
                "owner": workstream.owner_display,
                "rag": rag,
                "reason": workstream.current_reason or "",
                "rag_as_of": _iso(workstream.current_as_of),
            }
        )

    milestones = Milestone.objects.select_related("workstream__area").order_by("due_on", "pk")
    not_done_by = Q(done_on__isnull=True) | Q(done_on__gt=as_of)
    done = milestones.filter(done_on__lte=as_of)
    if since is not None:
        done = done.filter(done_on__gt=since)
    overdue = milestones.filter(not_done_by, due_on__lt=as_of)
    due = milestones.filter(not_done_by, due_on__gte=as_of, due_on__lte=as_of + timedelta(days=due_within))

    risks = (
        RiskOrIssue.objects.select_related("workstream__area")
        .filter(raised_on__lte=as_of)
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gt=as_of))
        .order_by("workstream__area__number", "workstream__position", "raised_on", "pk")
    )
    return {
        "as_of": _iso(as_of),
        "since": _iso(since),
        "meeting": _meeting_label(meeting),
        "due_within_days": due_within,
        "rag_counts": counts,
        "workstreams": workstreams,
        "milestones_done": [_milestone(m) for m in done],
        "milestones_overdue": [_milestone(m) for m in overdue],
        "milestones_due": [_milestone(m) for m in due],
        "open_risks": [
            {
                "workstream": f"{risk.workstream.area.number}.{risk.workstream.position} {risk.workstream.title}",
                "kind": risk.get_kind_display(),
                "description": risk.description,
                "owner": risk.owner_name,
                "mitigation": risk.mitigation,
                "raised_on": _iso(risk.raised_on),
            }
            for risk in risks
        ],
    }


def _dates(row: dict, *keys: str) -> dict:
    return {**row, **{key: date.fromisoformat(row[key]) if row.get(key) else None for key in keys}}


def report_for_display(content: dict) -> dict:
    """The stored report with its dates as dates and RAG labels, for the HTML page and the PDF."""
    return {
        **content,
        "as_of": date.fromisoformat(content["as_of"]),
        "since": date.fromisoformat(content["since"]) if content.get("since") else None,
        "rag_rows": [
            {"rag": rag, "label": RAG_LABELS[rag], "count": content["rag_counts"].get(rag, 0)}
            for rag in (Rag.RED, Rag.AMBER, Rag.GREEN, NOT_RATED)
        ],
        "workstreams": [
            {**_dates(row, "rag_as_of"), "rag_label": RAG_LABELS[row["rag"]]} for row in content["workstreams"]
        ],
        "milestones_done": [_dates(row, "due_on", "done_on") for row in content["milestones_done"]],
        "milestones_overdue": [_dates(row, "due_on", "done_on") for row in content["milestones_overdue"]],
        "milestones_due": [_dates(row, "due_on", "done_on") for row in content["milestones_due"]],
        "open_risks": [_dates(row, "raised_on") for row in content["open_risks"]],
    }


def _day(value: date | None) -> str:
    return f"{value:%-d %B %Y}" if value else "–"


def render_progress_report_pdf(content: dict, *, compress: bool = True) -> bytes:
    """The same report as the HTML page, as a PDF (reportlab: pure Python, no system packages)."""
    from xml.sax.saxutils import escape

    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    report = report_for_display(content)
    styles = getSampleStyleSheet()
    body, small = styles["BodyText"], styles["BodyText"].clone("small", fontSize=8, leading=10)

    def text(value, style=small) -> Paragraph:
        return Paragraph(escape(str(value or "")), style)

    def table(header: list[str], rows: list[list], widths: list[float]) -> Table:
        grid = Table(
            [[text(h, styles["Heading6"]) for h in header], *rows], colWidths=[w * mm for w in widths], repeatRows=1
        )
        grid.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.25, colors.grey), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
        return grid

    story = [Paragraph(f"Strategy progress report, {_day(report['as_of'])}", styles["Title"])]
    if report["meeting"]:
        story.append(text(f"For: {report['meeting']}", body))
    story.append(text(f"Milestones done since: {_day(report['since']) if report['since'] else 'the start'}", body))
    story += [Paragraph("RAG status", styles["Heading2"])]
    story.append(
        table(["Status", "Workstreams"], [[text(r["label"]), text(r["count"])] for r in report["rag_rows"]], [60, 30])
    )
    story += [Paragraph("Workstreams", styles["Heading2"])]
    story.append(
        table(
            ["Workstream", "Owner", "Status", "Reason"],
            [
                [text(f"{w['code']} {w['title']}"), text(w["owner"]), text(w["rag_label"]), text(w["reason"])]
                for w in report["workstreams"]
            ],
            [55, 35, 20, 70],
        )
    )
    for key, heading in (
        ("milestones_overdue", "Overdue milestones"),
        ("milestones_due", f"Milestones due in the next {report['due_within_days']} days"),
        ("milestones_done", "Milestones done since the last report"),
    ):
        story += [Paragraph(heading, styles["Heading2"])]
        rows = [
            [text(m["workstream"]), text(m["title"]), text(_day(m["due_on"])), text(_day(m["done_on"]))]
            for m in report[key]
        ]
        story.append(
            table(["Workstream", "Milestone", "Due", "Done"], rows, [55, 65, 30, 30]) if rows else text("None", body)
        )
    story += [Paragraph("Open risks and issues", styles["Heading2"])]
    rows = [
        [text(r["workstream"]), text(f"{r['kind']}: {r['description']}"), text(r["owner"]), text(r["mitigation"])]
        for r in report["open_risks"]
    ]
    story.append(
        table(["Workstream", "Risk or issue", "Owner", "Mitigation"], rows, [45, 60, 30, 45])
        if rows
        else text("None", body)
    )
    story.append(Spacer(1, 4 * mm))

    buffer = BytesIO()
    document = SimpleDocTemplate(
        buffer, pagesize=A4, title=f"Strategy progress report {report['as_of']:%-d %B %Y}",
        leftMargin=15 * mm, rightMargin=15 * mm, topMargin=15 * mm, bottomMargin=15 * mm,
    )  # fmt: skip
    document.invariant = True
    if not compress:
        from reportlab import rl_config

        previous, rl_config.pageCompression = rl_config.pageCompression, 0
        try:
            document.build(story)
        finally:
            rl_config.pageCompression = previous
    else:
        document.build(story)
    return buffer.getvalue()
