"""An anchor's editors (and staff) keep its services for the Open Referral UK feed."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render

from thirdsector.accounts.access import can_edit_organisation, signed_in

from ..forms.directory import OpeningForm, ServiceForm
from ..models import Anchor, AnchorService, ServiceSchedule
from ..services import AnchorsError
from ..services.directory import SERVICE_FIELDS, add_opening, remove_opening, save_service
from .designation import refuse_on


def _edited_anchor(request, anchor_id: int) -> Anchor:
    anchor = get_object_or_404(Anchor.objects.select_related("organisation__local_authority"), pk=anchor_id)
    if not can_edit_organisation(request.user, anchor.organisation):
        raise PermissionDenied
    return anchor


@signed_in
def service_form(request, anchor_id: int, service_id: int | None = None):
    anchor = _edited_anchor(request, anchor_id)
    service = get_object_or_404(AnchorService, pk=service_id, anchor=anchor) if service_id else None
    organisation = anchor.organisation
    initial = {
        "location_name": organisation.name,
        "address_1": organisation.address_line_1,
        "city": organisation.town,
        "postal_code": organisation.postcode,
        "email": organisation.email,
        "phone": organisation.phone,
    }
    form = ServiceForm(request.POST if request.method == "POST" else None, instance=service, initial=initial)
    if form.is_valid():
        data = {name: form.cleaned_data.get(name) for name in (*SERVICE_FIELDS, "taxonomies", "service_areas")}
        try:
            service = save_service(anchor=anchor, by=request.user, data=data, service=service)
        except AnchorsError as error:
            refuse_on(form, error)
        else:
            messages.success(request, f"{service.name} saved")
            return redirect("anchors:service", anchor_id=anchor.pk, service_id=service.pk)
    return render(request, "anchors/service_form.html", {"form": form, "anchor": anchor, "service": service})


@signed_in
def service_page(request, anchor_id: int, service_id: int):
    """The service with its opening times, where its editors add and remove them."""
    anchor = _edited_anchor(request, anchor_id)
    service = get_object_or_404(
        AnchorService.objects.prefetch_related("schedules", "taxonomies"), pk=service_id, anchor=anchor
    )
    form = OpeningForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            add_opening(service=service, by=request.user, **form.cleaned_data)
        except AnchorsError as error:
            refuse_on(form, error)
        else:
            messages.success(request, "Opening time added")
            return redirect("anchors:service", anchor_id=anchor.pk, service_id=service.pk)
    return render(request, "anchors/service.html", {"form": form, "anchor": anchor, "service": service})


@signed_in
def opening_remove(request, anchor_id: int, service_id: int, opening_id: int):
    anchor = _edited_anchor(request, anchor_id)
    opening = get_object_or_404(ServiceSchedule, pk=opening_id, service_id=service_id, service__anchor=anchor)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    remove_opening(opening=opening, by=request.user)
    messages.success(request, "Opening time removed")
    return redirect("anchors:service", anchor_id=anchor.pk, service_id=service_id)
