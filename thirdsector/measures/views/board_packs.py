"""Quarterly progress packs for the Partnership Board: the list, asking for one, the pack and its PDF.

Staff, the Commissioner and board members read packs (a board member only their own boards' packs:
another board's is not found); only staff ask for them, and try again a pack that has stalled. There is
no edit view: a ready pack is a frozen record, served as stored (the HTML page is the default format;
the PDF is the same content, tagged for assistive technology).
"""

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from thirdsector.accounts.access import is_staff, roles_required, staff_only
from thirdsector.core.workflow import TransitionRefused

from ..forms.board_packs import PackRequestForm, TryAgainForm
from ..models import BoardPack
from ..selectors import board_packs as selectors
from ..services.board_packs import BoardPackError, request_pack, try_again
from .indicators import DASHBOARD_ROLES


def _pack(pk: int, user) -> BoardPack:
    try:
        return selectors.pack_for_page(pk, user)
    except BoardPack.DoesNotExist as missing:
        raise Http404("No such board pack") from missing


@roles_required(*DASHBOARD_ROLES)
def pack_list(request):
    packs = Paginator(selectors.board_packs(request.user), settings.MEASURES_BOARD_PACK_PAGE_SIZE)
    return render(
        request,
        "measures/board_packs/list.html",
        {
            "page_obj": packs.get_page(request.GET.get("page")),
            "can_request": is_staff(request.user),
            "can_see_every_board": selectors.sees_every_board(request.user),
        },
    )


@staff_only
def pack_request(request):
    boards = selectors.partnership_boards()
    # A failed or outdated pack's page links here with its quarter filled in.
    initial = {"board": boards.first(), "year": request.GET.get("year"), "quarter": request.GET.get("quarter")}
    form = PackRequestForm(request.POST or None, boards=boards, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            pack = request_pack(by=request.user, **form.cleaned_data)
        except BoardPackError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Version {pack.version} of the pack is being generated.")
            return redirect(pack)
    return render(request, "measures/board_packs/request.html", {"form": form})


def _render_pack(request, pack: BoardPack, try_again_form: TryAgainForm | None = None):
    staff = is_staff(request.user)
    if staff and try_again_form is None and pack.is_stalled():
        try_again_form = TryAgainForm()
    return render(
        request,
        "measures/board_packs/pack.html",
        {"pack": pack, "can_request": staff, "form": try_again_form},
    )


@roles_required(*DASHBOARD_ROLES)
def pack_page(request, pk: int):
    return _render_pack(request, _pack(pk, request.user))


@staff_only
@require_POST
def pack_try_again(request, pk: int):
    """Gives up on a stalled pack and queues the quarter's pack again as a new version (see `try_again`)."""
    pack = _pack(pk, request.user)
    form = TryAgainForm(request.POST)
    if form.is_valid():
        try:
            retry = try_again(pack=pack, by=request.user, reason=form.cleaned_data["reason"])
        except (BoardPackError, TransitionRefused) as error:
            # Refused because the pack is not stalled (ready, or moving again): its page has no form to
            # point at, so the reason is shown above the pack as it now stands.
            messages.error(request, str(error))
            return redirect(pack)
        else:
            messages.success(request, f"Version {retry.version} of the pack is being generated.")
            return redirect(retry)
    return _render_pack(request, _pack(pk, request.user), form)


@roles_required(*DASHBOARD_ROLES)
def pack_pdf(request, pk: int):
    pack = _pack(pk, request.user)
    if not pack.is_ready:
        raise Http404("The pack is not ready")
    return FileResponse(
        pack.pdf.open("rb"), as_attachment=True, filename=pack.pdf_filename, content_type="application/pdf"
    )
