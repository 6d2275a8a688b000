import csv

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render

from thirdsector.accounts.access import is_staff, public
from thirdsector.core.spreadsheets import safe_cell

from ..forms import OrganisationSearchForm
from ..models import Organisation, OrganisationKind, OrganisationStatus
from ..selectors import RegisterFilters, organisation_page
from ..size_bands import SizeBand

_KIND_LABELS = dict(OrganisationKind.choices)
_SIZE_LABELS = dict(SizeBand.choices)


@public
def search(request):
    """The register: search by name, identifier or postcode, with filters. Staff may include removed."""
    form = OrganisationSearchForm(request.GET or None, can_see_removed=is_staff(request.user))
    page = None
    if not form.is_bound or form.is_valid():
        filters = form.filters() if form.is_bound else RegisterFilters()
        page = organisation_page(filters, request.GET.get("page"), per_page=settings.REGISTER_PAGE_SIZE)
        if request.GET.get("format") == "csv":
            return _csv(page)
    rows = [_row(organisation) for organisation in page] if page is not None else []
    return render(request, "register/search.html", {"form": form, "page_obj": page, "rows": rows})


def _row(organisation: Organisation) -> dict:
    """What a result shows, worked out here: each lookup in the template costs more than in Python."""
    return {
        "url": organisation.get_absolute_url(),
        "name": organisation.name,
        "kind": _KIND_LABELS.get(organisation.kind, organisation.kind),
        "org_id": organisation.primary_org_id,
        "size": _SIZE_LABELS.get(organisation.size_band, organisation.size_band),
        "town": organisation.town,
        "postcode": organisation.postcode,
        "local_authority": organisation.local_authority.name if organisation.local_authority else "",
        "removed": organisation.status == OrganisationStatus.REMOVED,
        "characteristics": organisation.characteristic_names,
    }


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
