"""Board packs: assembled from hand-built figures, frozen once ready, versioned, with progress and failure
shown, and read only by staff, the Commissioner and board members.

Most tests get a stand-in PDF (a real render takes about a second); the tests that ask for the
`real_pdf` fixture render it with WeasyPrint and open it with pypdf.
"""

import datetime
import hashlib
import io

import pytest
from django.test import Client
from django.utils import timezone

from thirdsector.compact.models import BreachFinding
from thirdsector.compact.tests.factories import BreachCaseFactory
from thirdsector.conftest import ALL_ROLES, signed_in_client
from thirdsector.partnerships.models.boards import BoardKind
from thirdsector.partnerships.tests.factories import BoardFactory, BoardMembershipFactory

from ..models import BoardPack, BoardPackFrozen, BoardPackStatus, Quarter
from ..selectors import board_packs as selectors
from ..services import board_packs as services
from ..services.board_packs import BoardPackError, generate_pack, request_pack

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("stand_in_pdf")]

# The pack for July to September 2026 (quarter 2 of the financial year 2026 to 2027), asked for in November.
TODAY = datetime.date(2026, 11, 25)
# Who reads every board's packs; a board member reads only their own boards' (test_board_pack_readers.py),
# and `clients_by_role`'s board member has no seat, so sees none.
READERS = {"department_staff", "platform_admin", "commissioner"}
STAFF = {"department_staff", "platform_admin"}


def ask(board, by=None, *, reason="For the board's meeting in October", year=2026, quarter=2) -> BoardPack:
    return request_pack(by=by, board=board, year=year, quarter=quarter, reason=reason, today=TODAY)


@pytest.fixture
def pack(board, figures, staff_user):
    """Queued, then generated as on TODAY (the tests' tasks run at once, so queue one by hand)."""
    pack = BoardPack.objects.create(
        board=board, year=2026, quarter=2, version=1, requested_by=staff_user, reason="For October", step_count=4
    )
    return generate_pack(pack, today=TODAY)


# --- Quarters ---------------------------------------------------------------------------------------


def test_a_quarter_is_a_quarter_of_the_financial_year():
    assert (Quarter(2026, 1).starts_on, Quarter(2026, 1).ends_on) == (
        datetime.date(2026, 4, 1),
        datetime.date(2026, 6, 30),
    )
    assert (Quarter(2026, 4).starts_on, Quarter(2026, 4).ends_on) == (
        datetime.date(2027, 1, 1),
        datetime.date(2027, 3, 31),
    )
    assert Quarter.containing(datetime.date(2027, 3, 31)) == Quarter(2026, 4)
    assert Quarter.containing(datetime.date(2026, 4, 1)) == Quarter(2026, 1)
    assert Quarter(2026, 1).previous() == Quarter(2025, 4)
    assert str(Quarter(2026, 2)) == "Quarter 2 of 2026 to 2027 (July to September 2026)"


# --- Assembly -------------------------------------------------------------------------------------------


def test_the_pack_carries_each_indicator_with_its_trend_target_and_rag(pack):
    breaches = next(row for row in pack.content["indicators"] if row["name"] == "Compact breaches reported")
    assert [point["figure"] for point in breaches["trend"]] == ["3", "5"]
    assert (breaches["latest"], breaches["previous"], breaches["target"]) == ("5", "3", "2")
    assert breaches["rag_label"] == "Off target"
    three_year = next(row for row in pack.content["indicators"] if row["name"] == "Grants on three-year terms")
    assert three_year["trend"][-1] == {"year": "2026 to 2027", "part": 5, "whole": 8, "figure": "62.5%"}
    assert three_year["rag_label"] == "On target"
    assert (
        '<caption class="govuk-table__caption govuk-table__caption--s">Compact breaches reported by year</caption>'
        in pack.html
    )
    assert '<th scope="row" class="govuk-table__header">2026 to 2027</th>' in pack.html


def test_the_pack_carries_the_programme_plan_as_it_stood_at_the_quarters_end(pack, figures):
    plan = pack.content["programme"]
    workstream = next(row for row in plan["workstreams"] if row["title"] == "Regranting through local funders")
    assert (workstream["rag"], workstream["reason"], workstream["owner"]) == (
        "amber", "Two funders appointed late", "Priya Shah, Funding Policy"
    )  # fmt: skip
    assert [(m["title"], m["rag"]) for m in plan["milestones_done"]] == [("Funders appointed", "amber")]
    assert [(m["title"], m["rag"]) for m in plan["milestones_overdue"]] == [("First grants paid", "amber")]
    assert [risk["description"] for risk in plan["open_risks"]] == ["Spending review may delay the funding."]
    assert "Two funders appointed late" in pack.html and "After the quarter" not in pack.html
    assert "Funders appointed</th>" in pack.html and "Plan agreed" not in pack.html


def test_the_pack_carries_the_compact_figures_for_the_quarter_and_the_year_to_date(pack):
    compact = pack.content["compact"]
    assert compact["quarter"]["breaches"]["rows"] == [
        {
            "body": "Natural England",
            "reported": 3,
            "upheld": 1,
            "partly_upheld": 0,
            "not_upheld": 1,
            "awaiting": 1,
            "closed": 0,
        }
    ]
    assert compact["year_to_date"]["breaches"]["total"]["reported"] == 4
    assert compact["year_to_date"]["breaches"]["total"]["partly_upheld"] == 1
    assert compact["quarter"]["consultations"]["rows"] == [
        {"body": "Natural England", "published": 2, "full_length": 1}
    ]
    assert (compact["quarter"]["starts_on"], compact["quarter"]["ends_on"]) == ("2026-07-01", "2026-09-30")
    assert "12 weeks or more</th>" in pack.html


def test_the_pack_has_one_h1_and_its_headings_in_order(pack):
    import re

    levels = [int(level) for level in re.findall(r"<h([1-6])", pack.html)]
    assert levels.count(1) == 1 and levels[0] == 1
    assert all(later - earlier <= 1 for earlier, later in zip(levels, levels[1:], strict=False))
    assert pack.html.count("<table") == pack.html.count("<caption") == pack.html.count("<thead")


def test_a_quarter_still_running_counts_up_to_today(board, figures):
    pack = BoardPack.objects.create(board=board, year=2026, quarter=3, version=1, reason="Early look", step_count=4)
    generate_pack(pack, today=datetime.date(2026, 10, 20))
    assert pack.as_of == datetime.date(2026, 10, 20)
    assert pack.content["compact"]["quarter"]["breaches"]["total"]["reported"] == 1


# --- Immutability and versions ------------------------------------------------------------------------


def test_a_ready_pack_keeps_its_hashes_and_is_frozen(pack):
    assert pack.status == BoardPackStatus.READY
    assert pack.html_sha256 == hashlib.sha256(pack.html.encode()).hexdigest()
    with pack.pdf.open("rb") as stored:
        assert hashlib.sha256(stored.read()).hexdigest() == pack.pdf_sha256
    pack.html = "<h1>Changed</h1>"
    with pytest.raises(BoardPackFrozen):
        pack.save()
    with pytest.raises(BoardPackFrozen):
        BoardPack.objects.get(pk=pack.pk).delete()
    assert BoardPack.objects.get(pk=pack.pk).html != "<h1>Changed</h1>"


def test_later_changes_to_the_records_do_not_change_a_pack(pack, staff_client):
    BreachCaseFactory(body=pack_body(), reported_on=datetime.date(2026, 8, 20), outcome=BreachFinding.UPHELD)
    html = staff_client.get(pack.get_absolute_url()).content.decode()
    assert pack.html in html
    assert BoardPack.objects.get(pk=pack.pk).content["compact"]["quarter"]["breaches"]["total"]["reported"] == 3


def pack_body():
    from thirdsector.compact.models import CompactBody

    return CompactBody.objects.get(organisation__name="Natural England")


def test_the_page_serves_the_stored_html_and_never_recomputes_it(pack, staff_client):
    BoardPack.objects.filter(pk=pack.pk).update(html='<h1 class="govuk-heading-l">As it was stored</h1>')
    content = staff_client.get(pack.get_absolute_url()).content.decode()
    assert "As it was stored" in content
    assert 'id="compact"' not in content


def test_asking_again_makes_a_new_version_and_keeps_the_first(board, figures, staff_user):
    first = ask(board, staff_user)
    second = ask(board, staff_user, reason="A breach finding was corrected")
    assert (first.version, second.version) == (1, 2)
    assert ask(board, staff_user, quarter=1).version == 1
    first.refresh_from_db()
    assert first.status == second.status == BoardPackStatus.READY
    assert first.html_sha256 and first.pdf.name != second.pdf.name


def test_who_asked_and_why_is_in_the_packs_history(board, figures, staff_user):
    pack = ask(board, staff_user, reason="For the board's meeting in October")
    created = pack.history.earliest()
    assert (created.history_user, created.history_change_reason) == (staff_user, "For the board's meeting in October")
    steps = [(record.status, record.history_change_reason) for record in pack.history.order_by("history_date")]
    assert steps == [
        ("queued", "For the board's meeting in October"),
        ("generating", "Generation started"),
        ("ready", "Generated"),
    ]


def test_a_pack_not_queued_is_left_as_it_is(pack):
    assert generate_pack(pack, today=TODAY).generated_at == pack.generated_at


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"reason": "  "}, "Say why the pack is needed"),
        ({"quarter": 5}, "The quarter must be 1, 2, 3 or 4"),
        ({"year": 2026, "quarter": 4}, "has not started yet"),
    ],
)
def test_a_pack_is_refused_with_a_reason(board, changes, message):
    with pytest.raises(BoardPackError, match=message):
        ask(board, **changes)


def test_only_a_partnership_board_gets_packs(db):
    with pytest.raises(BoardPackError, match="partnership board"):
        ask(BoardFactory(kind=BoardKind.PROGRAMME))


# --- Progress and failure -----------------------------------------------------------------------------


def test_each_step_is_recorded_as_it_starts(board, figures, monkeypatch):
    pack = BoardPack.objects.create(board=board, year=2026, quarter=2, version=1, reason="Progress", step_count=4)
    seen = []

    def watching(original):
        def read(*args, **kwargs):
            seen.append(BoardPack.objects.get(pk=pack.pk).progress_text)
            return original(*args, **kwargs)

        return read

    for name in ("indicator_figures", "programme_plan", "compact_figures"):
        monkeypatch.setattr(selectors, name, watching(getattr(selectors, name)))
    monkeypatch.setattr(services, "render_pdf", watching(services.render_pdf))
    generate_pack(pack, today=TODAY)
    assert seen == [
        "Step 1 of 4: Indicators",
        "Step 2 of 4: Programme Board plan",
        "Step 3 of 4: Compact statistics",
        "Step 4 of 4: The HTML and the PDF",
    ]


@pytest.mark.parametrize(
    ("status", "step", "text"),
    [("queued", 0, "Waiting to start"), ("generating", 2, "Step 2 of 4: Programme Board plan")],
)
def test_the_page_of_a_pack_in_progress_says_how_far_it_has_got(board, staff_client, status, step, text):
    pack = BoardPack.objects.create(
        board=board, year=2026, quarter=2, version=1, reason="r", status=status, step_number=step, step_count=4,
        step_text="Programme Board plan" if step else "",
    )  # fmt: skip
    content = staff_client.get(pack.get_absolute_url()).content.decode()
    assert text in content
    assert f'href="{pack.get_absolute_url()}">Refresh this page' in content
    assert "http-equiv" not in content
    assert staff_client.get(f"/measures/board-packs/{pack.pk}/pack.pdf").status_code == 404


def test_a_failed_generation_records_the_error_and_its_page_shows_it(board, figures, monkeypatch, staff_client):
    def broken(*args, **kwargs):
        raise RuntimeError("the Compact figures could not be read")

    monkeypatch.setattr(selectors, "compact_figures", broken)
    pack = ask(board)
    assert pack.status == BoardPackStatus.FAILED
    assert pack.error == "RuntimeError: the Compact figures could not be read"
    assert (pack.html, pack.pdf.name) == ("", "")
    assert pack.history.latest().history_change_reason == "Generation failed"
    content = staff_client.get(pack.get_absolute_url()).content.decode()
    assert "The pack could not be generated" in content
    assert "RuntimeError: the Compact figures could not be read" in content
    assert "/measures/board-packs/new/?year=2026&amp;quarter=2" in content


# --- Pages and who may use them -------------------------------------------------------------------------


@pytest.mark.parametrize("role", ALL_ROLES)
def test_the_list_is_for_staff_the_commissioner_and_board_members(clients_by_role, pack, role):
    response = clients_by_role[role].get("/measures/board-packs/")
    if role in READERS:
        assert response.status_code == 200
        assert "Quarter 2 of 2026 to 2027 (July to September 2026)" in response.content.decode()
        assert ("Ask for a board pack" in response.content.decode()) == (role in STAFF)
    elif role == "board_member":
        assert response.status_code == 200
        assert "No board packs yet." in response.content.decode()
    else:
        assert response.status_code == (302 if role == "public" else 403)


@pytest.mark.parametrize("role", ALL_ROLES)
def test_a_pack_and_its_pdf_are_for_staff_the_commissioner_and_the_boards_members(clients_by_role, pack, role):
    page = clients_by_role[role].get(pack.get_absolute_url())
    pdf = clients_by_role[role].get(f"/measures/board-packs/{pack.pk}/pack.pdf")
    if role in READERS:
        assert (page.status_code, pdf.status_code) == (200, 200)
    elif role == "board_member":
        assert (page.status_code, pdf.status_code) == (404, 404)
    elif role == "public":
        assert page.status_code == pdf.status_code == 302
        assert page["Location"].startswith("/accounts/sign-in/") and "Compact" not in page.content.decode()
    else:
        assert page.status_code == pdf.status_code == 403


@pytest.mark.parametrize("role", ALL_ROLES)
def test_only_staff_ask_for_a_pack(clients_by_role, board, role):
    response = clients_by_role[role].get("/measures/board-packs/new/")
    if role in STAFF:
        assert response.status_code == 200
    else:
        assert response.status_code == (302 if role == "public" else 403)
    assert clients_by_role[role].post("/measures/board-packs/new/", {}).status_code == (
        200 if role in STAFF else response.status_code
    )
    assert not BoardPack.objects.exists()


def test_a_pack_that_does_not_exist_is_not_found(staff_client):
    assert staff_client.get("/measures/board-packs/999999/").status_code == 404
    assert staff_client.get("/measures/board-packs/999999/pack.pdf").status_code == 404


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        ({"year": "", "reason": ""}, ["Enter the financial year", "Choose the quarter", "Say why the pack is needed"]),
        ({"year": "twenty", "quarter": "1", "reason": "x"}, ["Enter the year as a number, like 2026"]),
        ({"year": "1999", "quarter": "1", "reason": "x"}, ["Enter a financial year from 2008 to"]),
        ({"year": "2026", "quarter": "9", "reason": "x"}, ["Select a valid choice"]),
    ],
)
def test_the_request_form_shows_its_errors_in_the_error_summary(staff_client, board, data, errors):
    response = staff_client.post("/measures/board-packs/new/", {"board": board.pk, **data})
    content = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in content and 'class="govuk-error-summary"' in content
    for error in errors:
        assert error in content.split('class="govuk-error-summary__body"')[1].split("</div>")[0]
    assert not BoardPack.objects.exists()


def test_a_quarter_not_started_is_refused_on_the_form(staff_client, board):
    next_quarter = Quarter.containing(timezone.localdate()).next()
    response = staff_client.post(
        "/measures/board-packs/new/",
        {"board": board.pk, "year": next_quarter.year, "quarter": next_quarter.number, "reason": "Too early"},
    )
    assert "has not started yet: choose a quarter that has" in response.content.decode()


def test_the_list_reads_in_a_fixed_number_of_queries(staff_client, board, staff_user, django_assert_max_num_queries):
    def packs(count: int) -> None:
        for _ in range(count):
            BoardPack.objects.create(
                board=board, year=2025, quarter=1, version=BoardPack.objects.count() + 1, reason="r",
                requested_by=staff_user,
            )  # fmt: skip

    packs(2)
    with django_assert_max_num_queries(9):
        assert staff_client.get("/measures/board-packs/").status_code == 200
    packs(30)
    with django_assert_max_num_queries(9):
        response = staff_client.get("/measures/board-packs/")
    assert response.content.decode().count("/measures/board-packs/") >= 25


# --- The PDF: tagged, and end to end ---------------------------------------------------------------------


def pdf_of(data: bytes):
    from pypdf import PdfReader

    return PdfReader(io.BytesIO(data))


def structure_types(node) -> list[str]:
    """Every element type in a PDF's structure tree, depth first."""
    node = node.get_object()
    if not hasattr(node, "get"):
        return []
    kids = node.get("/K")
    kids = kids if isinstance(kids, list) else [] if kids is None else [kids]
    return ([str(node["/S"])] if "/S" in node else []) + [kind for kid in kids for kind in structure_types(kid)]


def test_the_pdf_is_tagged_with_its_language_and_title(real_pdf, pack):
    with pack.pdf.open("rb") as stored:
        reader = pdf_of(stored.read())
    catalogue = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalogue
    assert catalogue["/MarkInfo"]["/Marked"].value is True
    assert catalogue["/Lang"] == "en-GB"
    kinds = structure_types(catalogue["/StructTreeRoot"])
    assert kinds.count("/H1") == 1 and "/H2" in kinds
    assert kinds.count("/Table") == kinds.count("/Caption") == kinds.count("/THead") == pack.html.count("<table")
    assert kinds.count("/TH") == pack.html.count("<th ")
    assert reader.metadata.title == f"{pack.title}, Third Sector Partnership Board"
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert pack.title in text
    assert "Page 1 of" in text


def test_staff_ask_for_a_pack_and_board_members_read_it(real_pdf, board, figures, staff_client, board_member_user):
    response = staff_client.post(
        "/measures/board-packs/new/",
        {"board": board.pk, "year": "2026", "quarter": "2", "reason": "For the board's meeting in October"},
    )
    pack = BoardPack.objects.get()
    assert response.status_code == 302 and response["Location"] == pack.get_absolute_url()
    assert pack.status == BoardPackStatus.READY and pack.version == 1

    page = staff_client.get(pack.get_absolute_url()).content.decode()
    assert page.count("<h1") == 1 and pack.title in page
    assert "Regranting through local funders" in page and "Natural England" in page

    download = staff_client.get(f"/measures/board-packs/{pack.pk}/pack.pdf")
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"] == 'attachment; filename="partnership-2026-q2-v1.pdf"'
    data = b"".join(download.streaming_content)
    assert hashlib.sha256(data).hexdigest() == pack.pdf_sha256
    text = " ".join(" ".join(page.extract_text().split()) for page in pdf_of(data).pages)
    assert "Regranting through local funders" in text

    BoardMembershipFactory(board=board, user=board_member_user)
    board_member = signed_in_client(board_member_user)
    assert board_member.get(pack.get_absolute_url()).status_code == 200
    assert board_member.get(f"/measures/board-packs/{pack.pk}/pack.pdf").status_code == 200
    assert Client().get(f"/measures/board-packs/{pack.pk}/pack.pdf").status_code == 302


def test_the_demo_generates_last_quarters_pack_once(board, figures):
    from thirdsector.accounts.tests.factories import UserFactory

    from ..demo.board_packs import load_board_packs

    staff = UserFactory(email="staff@demo.thirdsector.example", roles=["department_staff"])
    load_board_packs()
    load_board_packs()
    pack = BoardPack.objects.get()
    assert pack.period == Quarter.containing(timezone.localdate()).previous()
    assert (pack.status, pack.requested_by, pack.version) == (BoardPackStatus.READY, staff, 1)
