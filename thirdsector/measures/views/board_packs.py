"""Quarterly progress packs for the Partnership Board: the list, asking for one, the pack and its PDF.

Staff, the Commissioner and board members read packs; only staff ask for them. There is no edit view:
a ready pack is a frozen record, served as stored (the HTML page is the default format; the PDF is the
same content, tagged for assistive technology).
"""

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render

from thirdsector.accounts.access import is_staff, roles_required, staff_only

from ..forms.board_packs import PackRequestForm
from ..models import BoardPack
from ..selectors import board_packs as selectors
from ..services.board_packs import BoardPackError, request_pack
from .indicators import DASHBOARD_ROLES


def _pack(pk: int) -> BoardPack:
    try:
        return selectors.pack_for_page(pk)
    except BoardPack.DoesNotExist as missing:
        raise Http404("No such board pack") from missing


@roles_required(*DASHBOARD_ROLES)
def pack_list(request):
    packs = Paginator(selectors.board_packs(), settings.MEASURES_BOARD_PACK_PAGE_SIZE)
    return render(
        request,
        "measures/board_packs/list.html",
        {"page_obj": packs.get_page(request.GET.get("page")), "can_request": is_staff(request.user)},
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


@roles_required(*DASHBOARD_ROLES)
def pack_page(request, pk: int):
    return render(request, "measures/board_packs/pack.html", {"pack": _pack(pk), "can_request": is_staff(request.user)})


@roles_required(*DASHBOARD_ROLES)
def pack_pdf(request, pk: int):
    pack = _pack(pk)
    if not pack.is_ready:
        raise Http404("The pack is not ready")
    return FileResponse(
        pack.pdf.open("rb"), as_attachment=True, filename=pack.pdf_filename, content_type="application/pdf"
    )
