from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from thirdsector.accounts.access import (
    can_edit_organisation,
    can_manage_members,
    can_see_history,
    is_staff,
    oversight_only,
    public,
    signed_in,
    staff_only,
)
from thirdsector.core.audit import history_of

from ..forms import IdentifierForm, OrganisationForm, ReasonForm
from ..models import Identifier, Organisation
from ..selectors import organisation_for_page
from ..services.organisations import (
    RELATED_SETS,
    RegisterError,
    add_identifier,
    create_organisation,
    make_identifier_primary,
    remove_identifier,
    remove_organisation,
    restore_organisation,
    update_organisation,
)


def _split(cleaned: dict) -> tuple[dict, dict, str]:
    data = dict(cleaned)
    reason = data.pop("reason")
    data.pop("identifier", None)
    related = {name: data.pop(name) for name in RELATED_SETS if name in data}
    return data, related, reason


@public
def organisation_detail(request, pk: int):
    try:
        organisation = organisation_for_page(pk)
    except Organisation.DoesNotExist as error:
        raise Http404 from error
    if organisation.merged_into_id:
        messages.info(request, f"{organisation.name} was merged into {organisation.merged_into.name}")
        return redirect(organisation.merged_into)
    return render(
        request,
        "register/organisation_detail.html",
        {
            "organisation": organisation,
            "can_edit": can_edit_organisation(request.user, organisation),
            "can_manage_members": can_manage_members(request.user, organisation),
            "is_staff": is_staff(request.user),
            "can_see_history": can_see_history(request.user),
        },
    )


@staff_only
def organisation_create(request):
    form = OrganisationForm(request.POST if request.method == "POST" else None, staff=True, creating=True)
    if request.method == "POST" and form.is_valid():
        data, related, reason = _split(form.cleaned_data)
        identifier = form.cleaned_data.get("identifier")
        try:
            organisation = create_organisation(
                by=request.user,
                reason=reason,
                identifiers=[identifier] if identifier else [],
                related=related,
                **data,
            )
        except RegisterError as error:
            form.add_error("identifier", str(error))
        else:
            messages.success(request, f"{organisation.name} has been added to the register")
            return redirect(organisation)
    return render(request, "register/organisation_form.html", {"form": form, "creating": True})


@signed_in
def organisation_edit(request, pk: int):
    """Staff edit every field; members with an editing role edit their own organisation's details."""
    organisation = get_object_or_404(Organisation, pk=pk, merged_into__isnull=True)
    if not can_edit_organisation(request.user, organisation):
        raise PermissionDenied
    staff = is_staff(request.user)
    form = OrganisationForm(request.POST if request.method == "POST" else None, instance=organisation, staff=staff)
    if request.method == "POST" and form.is_valid():
        data, related, reason = _split(form.cleaned_data)
        organisation = Organisation.objects.get(pk=pk)  # the form changed the instance in memory
        update_organisation(organisation=organisation, by=request.user, reason=reason, related=related, **data)
        messages.success(request, "The organisation's details have been saved")
        return redirect(organisation)
    return render(request, "register/organisation_form.html", {"form": form, "organisation": organisation})


@staff_only
def organisation_identifiers(request, pk: int):
    organisation = get_object_or_404(Organisation, pk=pk, merged_into__isnull=True)
    form = IdentifierForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            identifier = add_identifier(
                organisation=organisation,
                text=form.cleaned_data["identifier"],
                scheme=form.cleaned_data["scheme"] or None,
                make_primary=form.cleaned_data["make_primary"],
                by=request.user,
                reason=form.cleaned_data["reason"],
            )
        except RegisterError as error:
            form.add_error("identifier", str(error))
        else:
            messages.success(request, f"{identifier.org_id} has been added")
            return redirect("register:identifiers", pk=pk)
    return render(
        request,
        "register/identifiers.html",
        {"organisation": organisation, "identifiers": organisation.identifiers.all(), "form": form},
    )


@staff_only
def identifier_change(request, pk: int, identifier_pk: int, action: str):
    """Make an identifier the main one, or remove it: both ask for a reason first."""
    identifier = get_object_or_404(
        Identifier.objects.select_related("organisation"), pk=identifier_pk, organisation_id=pk
    )
    form = ReasonForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        reason = form.cleaned_data["reason"]
        if action == "primary":
            make_identifier_primary(identifier=identifier, by=request.user, reason=reason)
            messages.success(request, f"{identifier.org_id} is now the main identifier")
        else:
            remove_identifier(identifier=identifier, by=request.user, reason=reason)
            messages.success(request, f"{identifier.org_id} has been removed")
        return redirect("register:identifiers", pk=pk)
    return render(
        request, "register/identifier_change.html", {"identifier": identifier, "action": action, "form": form}
    )


@staff_only
def organisation_status(request, pk: int):
    """Remove an organisation from the active register, or restore it."""
    organisation = get_object_or_404(Organisation, pk=pk)
    form = ReasonForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                if organisation.is_active:
                    remove_organisation(organisation=organisation, by=request.user, reason=form.cleaned_data["reason"])
                    messages.success(request, f"{organisation.name} has been removed from the register")
                else:
                    restore_organisation(organisation=organisation, by=request.user, reason=form.cleaned_data["reason"])
                    messages.success(request, f"{organisation.name} has been restored")
        except RegisterError as error:
            form.add_error("reason", str(error))
        else:
            return redirect(organisation)
    return render(request, "register/organisation_status.html", {"organisation": organisation, "form": form})


@oversight_only
def organisation_history(request, pk: int):
    organisation = get_object_or_404(Organisation, pk=pk)
    identifier_history = (
        Identifier.history.filter(organisation_id=pk).select_related("history_user").order_by("-history_date")
    )
    return render(
        request,
        "register/organisation_history.html",
        {
            "organisation": organisation,
            "entries": history_of(organisation),
            "identifier_history": identifier_history,
        },
    )
