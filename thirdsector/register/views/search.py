import csv

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render

from thirdsector.accounts.access import is_staff, public
from thirdsector.core.spreadsheets import safe_cell

from ..forms import OrganisationSearchForm
from ..selectors import search_organisations, shape_for_list


@public
def search(request):
    """The register: search by name, identifier or postcode, with filters. Staff may include removed."""
    form = OrganisationSearchForm(request.GET or None, can_see_removed=is_staff(request.user))
    page = None
    if not form.is_bound or form.is_valid():
        filters = form.filters() if form.is_bound else OrganisationSearchForm.empty_filters()
        paginator = Paginator(shape_for_list(search_organisations(filters)), settings.REGISTER_PAGE_SIZE)
        page = paginator.get_page(request.GET.get("page"))
        if request.GET.get("format") == "csv":
            return _csv(page)
    return render(request, "register/search.html", {"form": form, "page_obj": page})


def _csv(page) -> HttpResponse:
    """Exactly the rows the page shows, safe to open in a spreadsheet."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="organisations-page-{page.number}.csv"'
    writer = csv.writer(response)
    writer.writerow(["Name", "Org-ID", "Kind", "Size", "Town", "Postcode", "Local authority", "Status"])
    for organisation in page:
        writer.writerow(
            safe_cell(value)
            for value in [
                organisation.name,
                organisation.primary_org_id or "",
                organisation.get_kind_display(),
                organisation.get_size_band_display(),
                organisation.town,
                organisation.postcode,
                organisation.local_authority.name if organisation.local_authority else "",
                organisation.get_status_display(),
            ]
        )
    return response
