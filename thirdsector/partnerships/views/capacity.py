"""Capacity building pages: the public list of support bodies and the coverage gaps; organisations asking
for support and following their requests; the support body's queue; the department's overview and its
upkeep of the bodies and their offers.

Who sees what: the bodies, their offers and the gaps are public. A request is seen by the requesting
organisation's members, the members of the support body it went to, and department staff; anyone else
gets 404, as a request's existence is private. Steps are offered to those the workflow lets take them.
"""

import math

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from thirdsector.accounts.access import is_staff, public, signed_in, staff_only
from thirdsector.accounts.roles import MEMBERSHIP_ROLES_THAT_EDIT
from thirdsector.core.audit import history_of
from thirdsector.core.tables import Cell, Row, Table, csv_response, link, streamed_csv
from thirdsector.core.workflow import TransitionRefused
from thirdsector.register.models import Organisation

from ..forms.capacity import (
    BodyFilterForm,
    GapFilterForm,
    OfferForm,
    QueueFilterForm,
    RequestDetailsForm,
    RequestStartForm,
    RequestStepForm,
    StaffRequestFilterForm,
    SupportBodyForm,
)
from ..models.capacity import HelpKind, OutcomeCategory, RequestStatus, SupportOffer
from ..selectors.capacity import (
    CoverageRow,
    RequestFilters,
    bodies_covering,
    bodies_of_member,
    counts_by_kind_and_status,
    counts_by_outcome,
    coverage,
    coverage_regions,
    gaps_by_kind,
    queue_of_member,
    request_for_page,
    requests_of_member,
    sees_request,
    staff_request_list,
    support_body_for_page,
    support_body_list,
)
from ..services.capacity import (
    STEP_ORDER,
    CapacityError,
    bodies_to_send_to,
    request_support,
    save_offer,
    save_support_body,
    step_label,
    steps_open_to,
    take_request_step,
)


def _page_size() -> int:
    return settings.PARTNERSHIP_CAPACITY_PAGE_SIZE


def _page(request, rows):
    return Paginator(rows, _page_size()).get_page(request.GET.get("page"))


# --- Support bodies ------------------------------------------------------------------------------


def _body_filters(request) -> tuple[BodyFilterForm, dict]:
    form = BodyFilterForm(request.GET or None)
    if form.is_bound and form.is_valid():
        return form, {"area": form.cleaned_data["area"], "kind": form.cleaned_data["kind"]}
    return form, {}


@public
def body_list(request):
    """Support bodies, filtered to those reaching an area with a kind of help."""
    form, filters = _body_filters(request)
    return render(
        request,
        "partnerships/capacity/body_list.html",
        {
            "form": form,
            "page_obj": _page(request, support_body_list(**filters)),
            "query": request.GET.urlencode(),
            "is_staff": is_staff(request.user),
        },
    )


@public
def body_list_csv(request):
    """The filtered list of support bodies with what each offers, streamed."""
    _form, filters = _body_filters(request)
    rows = (
        (
            body.organisation.name,
            body.get_kind_display(),
            "Whole country" if body.is_national else f"{body.area_count} areas",
            "; ".join(offer.get_kind_display() for offer in body.offers.all()),
            body.partnership_count,
            body.contact_email,
        )
        for body in support_body_list(**filters).iterator(chunk_size=500)
    )
    header = ["Support body", "Kind", "Covers", "Offers", "Partnerships supported", "Contact email"]
    return streamed_csv("support-bodies", header, rows)


@public
def body_detail(request, body_id: int):
    body = support_body_for_page(body_id)
    return render(
        request,
        "partnerships/capacity/body_detail.html",
        {"body": body, "is_staff": is_staff(request.user)},
    )


@staff_only
def body_history(request, body_id: int):
    body = support_body_for_page(body_id)
    entries = history_of(body)
    offers = [(offer, history_of(offer)) for offer in body.offers.all()]
    return render(
        request, "partnerships/capacity/body_history.html", {"body": body, "entries": entries, "offers": offers}
    )


def _form_page(request, form, *, heading: str, back_url: str, caption: str = ""):
    return render(
        request,
        "partnerships/capacity/form.html",
        {"form": form, "heading": heading, "back_url": back_url, "caption": caption},
    )


@staff_only
def body_edit(request, body_id: int | None = None):
    """Staff add a support body or change one: its kind, where it works, the LSPs it supports, its contact."""
    body = support_body_for_page(body_id) if body_id else None
    form = SupportBodyForm(request.POST or None, body=body)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            body = save_support_body(
                body=body,
                organisation=data["organisation"],
                kind=data["kind"],
                is_national=data["is_national"],
                areas=data["areas"],
                partnerships=data["partnerships"],
                contact_name=data["contact_name"],
                contact_email=data["contact_email"],
                contact_phone=data["contact_phone"],
                by=request.user,
                reason=data["reason"],
            )
        except CapacityError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"{body} saved")
            return redirect(body)
    return _form_page(
        request,
        form,
        heading=f"Change {body}" if body else "Add a support body",
        back_url=body.get_absolute_url() if body else reverse("partnerships:capacity-bodies"),
        caption="Support bodies",
    )


@staff_only
def offer_edit(request, body_id: int, offer_id: int | None = None):
    """Staff add an offer of help to a body, or change one."""
    body = support_body_for_page(body_id)
    offer = None
    if offer_id is not None:
        offer = SupportOffer.objects.filter(body=body, pk=offer_id).first()
        if offer is None:
            raise Http404
    form = OfferForm(request.POST or None, offer=offer)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            save_offer(
                offer=offer,
                body=body,
                kind=data["kind"],
                description=data["description"],
                is_free=data["is_free"],
                charges=data["charges"],
                areas=data["areas"],
                by=request.user,
                reason=data["reason"],
            )
        except CapacityError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"{body}'s offer saved")
            return redirect(body)
    return _form_page(
        request,
        form,
        heading=f"Change the offer of {offer.get_kind_display().lower()}" if offer else "Add an offer of help",
        back_url=body.get_absolute_url(),
        caption=str(body),
    )


# --- Requests ------------------------------------------------------------------------------------


def _organisations_acted_for(user):
    return Organisation.objects.filter(
        memberships__user=user, memberships__role__in=MEMBERSHIP_ROLES_THAT_EDIT
    ).order_by("name")


@signed_in
def request_new(request):
    """An organisation asks for support: first which organisation and what help, then which body.

    Only the bodies whose offer reaches where the organisation works are offered; the department can
    choose one instead. Works without JavaScript: the first answers come back as a GET.
    """
    organisations = _organisations_acted_for(request.user)
    if not organisations.exists():
        raise PermissionDenied
    start = RequestStartForm(request.GET or None, organisations=organisations)
    if len(organisations) == 1 and not start.is_bound:
        start = RequestStartForm(initial={"organisation": organisations.first()}, organisations=organisations)
    details = None
    if start.is_bound and start.is_valid():
        organisation, kind = start.cleaned_data["organisation"], start.cleaned_data["kind"]
        bodies = list(bodies_covering(organisation, kind))
        details = RequestDetailsForm(request.POST or None, bodies=bodies)
        if request.method == "POST" and details.is_valid():
            try:
                support_request = request_support(
                    organisation=organisation,
                    kind=kind,
                    description=details.cleaned_data["description"],
                    support_body=details.chosen_body(),
                    by=request.user,
                )
            except CapacityError as error:
                details.add_error(None, str(error))
            else:
                messages.success(request, f"Request {support_request.reference} sent")
                return redirect(support_request)
    return render(
        request,
        "partnerships/capacity/request_new.html",
        {
            "start": start,
            "details": details,
            "form": details or start,
            "kind_label": HelpKind(start.cleaned_data["kind"]).label if details else "",
        },
    )


@signed_in
def my_requests(request):
    """The requests of the organisations the person belongs to, and where each stands."""
    return render(
        request,
        "partnerships/capacity/my_requests.html",
        {
            "page_obj": _page(request, requests_of_member(request.user)),
            "can_ask": _organisations_acted_for(request.user).exists(),
            "works_for_a_support_body": bodies_of_member(request.user).exists(),
        },
    )


@signed_in
def queue(request):
    """The support body's queue: requests sent to the bodies the person belongs to."""
    bodies = list(bodies_of_member(request.user))
    if not bodies:
        raise PermissionDenied
    form = QueueFilterForm(request.GET or None)
    status = form.cleaned_data["status"] if form.is_bound and form.is_valid() else ""
    return render(
        request,
        "partnerships/capacity/queue.html",
        {"form": form, "bodies": bodies, "page_obj": _page(request, queue_of_member(request.user, status=status))},
    )


def _visible_request(request, reference: str):
    support_request = request_for_page(reference)
    if not sees_request(request.user, support_request):
        raise Http404
    return support_request


@signed_in
def request_detail(request, reference: str):
    support_request = _visible_request(request, reference)
    steps = [(step, step_label(step)) for step in steps_open_to(support_request, request.user)]
    if is_staff(request.user):
        back = ("partnerships:capacity-requests", "All requests")
    elif support_request.support_body_id and bodies_of_member(request.user).filter(pk=support_request.support_body_id):
        back = ("partnerships:capacity-queue", "Requests sent to you")
    else:
        back = ("partnerships:capacity-my-requests", "Your organisation's requests")
    return render(
        request,
        "partnerships/capacity/request_detail.html",
        {
            "support_request": support_request,
            "steps": steps,
            "back_url": reverse(back[0]),
            "back_label": back[1],
            "history": history_of(support_request) if is_staff(request.user) else None,
        },
    )


@signed_in
def request_step(request, reference: str, step: str):
    """One step on a request: a short form with what the step records, then the step is taken."""
    support_request = _visible_request(request, reference)
    if step not in STEP_ORDER:
        raise Http404
    if step not in steps_open_to(support_request, request.user):
        raise PermissionDenied
    bodies = bodies_to_send_to(support_request, step) if step in ("route", "ask_another_body") else None
    form = RequestStepForm(request.POST or None, step=step, bodies=bodies)
    if request.method == "POST" and form.is_valid():
        try:
            take_request_step(
                request=support_request,
                step=step,
                by=request.user,
                reason=form.cleaned_data["reason"],
                **form.step_fields(),
            )
        except (TransitionRefused, CapacityError) as error:
            support_request.refresh_from_db()
            form.add_error(None, str(error))
        else:
            messages.success(
                request, f"Request {support_request.reference}: {support_request.get_status_display().lower()}"
            )
            return redirect(support_request)
    return render(
        request,
        "partnerships/capacity/request_step.html",
        {"support_request": support_request, "form": form, "step": step, "label": step_label(step)},
    )


# --- The department's overview -------------------------------------------------------------------


def overview_tables() -> list[Table]:
    """Requests by kind and status, and completed requests by outcome, each count linked to its rows."""
    counts = counts_by_kind_and_status()
    by_status = Table(
        slug="by-status",
        caption="Requests by kind of help and status",
        row_heading="Kind of help",
        columns=[*RequestStatus.labels, "All"],
    )
    for kind in HelpKind:
        cells = [
            Cell(
                counts.get((kind.value, status.value), 0),
                link("partnerships:capacity-requests", kind=kind.value, status=status.value),
                f"{kind.label.lower()}, {status.label.lower()}",
            )
            for status in RequestStatus
        ]
        total = sum(cell.value for cell in cells)
        cells.append(Cell(total, link("partnerships:capacity-requests", kind=kind.value), f"{kind.label.lower()}, all"))
        by_status.rows.append(Row(kind.label, cells))
    outcomes = counts_by_outcome()
    by_outcome = Table(
        slug="by-outcome",
        caption="Completed requests by outcome",
        row_heading="Kind of help",
        columns=list(OutcomeCategory.labels),
    )
    for kind in HelpKind:
        by_outcome.rows.append(
            Row(
                kind.label,
                [
                    Cell(
                        outcomes.get((kind.value, outcome.value), 0),
                        link(
                            "partnerships:capacity-requests",
                            kind=kind.value,
                            status=RequestStatus.COMPLETED.value,
                            outcome=outcome.value,
                        ),
                        f"{kind.label.lower()}, {outcome.label.lower()}",
                    )
                    for outcome in OutcomeCategory
                ],
            )
        )
    for table in (by_status, by_outcome):
        table.csv_url = reverse("partnerships:capacity-overview-csv", args=[table.slug])
    return [by_status, by_outcome]


@staff_only
def overview(request):
    return render(request, "partnerships/capacity/overview.html", {"tables": overview_tables()})


@staff_only
def overview_csv(request, slug: str):
    for table in overview_tables():
        if table.slug == slug:
            return csv_response(table, f"support-requests-{slug}")
    raise Http404


def _staff_filters(request) -> tuple[StaffRequestFilterForm, RequestFilters]:
    form = StaffRequestFilterForm(request.GET or None)
    if form.is_bound and form.is_valid():
        return form, RequestFilters(**form.cleaned_data)
    return form, RequestFilters()


@staff_only
def staff_requests(request):
    """Every request, filtered as the overview's counts link to them."""
    form, filters = _staff_filters(request)
    return render(
        request,
        "partnerships/capacity/staff_requests.html",
        {"form": form, "page_obj": _page(request, staff_request_list(filters)), "query": request.GET.urlencode()},
    )


@staff_only
def staff_requests_csv(request):
    _form, filters = _staff_filters(request)
    rows = (
        (
            item.reference,
            item.organisation.name,
            item.get_kind_display(),
            item.support_body.organisation.name if item.support_body else "",
            item.get_status_display(),
            item.submitted_on,
            item.get_outcome_category_display(),
            item.outcome,
        )
        for item in staff_request_list(filters).iterator(chunk_size=500)
    )
    header = [
        "Reference",
        "Organisation",
        "Kind of help",
        "Support body",
        "Status",
        "Submitted",
        "Outcome",
        "What changed",
    ]
    return streamed_csv("support-requests", header, rows)


# --- Coverage gaps -------------------------------------------------------------------------------

# The UK's bounding box, drawn equirectangular with longitude narrowed by the cosine of a middle latitude.
MAP_WEST, MAP_EAST, MAP_SOUTH, MAP_NORTH = -8.7, 2.0, 49.8, 61.0
MAP_SCALE = 48  # pixels per degree of latitude
_NARROWING = math.cos(math.radians(55))


# How many kinds of help are missing, drawn by size and fill as well as colour, with the legend's words.
MAP_BANDS = (
    ("none", "No kinds missing", 2.0),
    ("some", "1 or 2 kinds missing", 3.0),
    ("most", "3 or 4 kinds missing", 4.0),
)


def _band(missing: int) -> tuple[str, float]:
    if missing == 0:
        return MAP_BANDS[0][0], MAP_BANDS[0][2]
    if missing <= 2:
        return MAP_BANDS[1][0], MAP_BANDS[1][2]
    return MAP_BANDS[2][0], MAP_BANDS[2][2]


def map_points(rows: list[CoverageRow]) -> list[dict]:
    """Each place with a position on the map, its band and radius; places without coordinates are left to the table."""
    points = []
    for row in rows:
        if row.latitude is None or row.longitude is None:
            continue
        band, radius = _band(row.missing_count)
        points.append(
            {
                "x": round((row.longitude - MAP_WEST) * _NARROWING * MAP_SCALE, 1),
                "y": round((MAP_NORTH - row.latitude) * MAP_SCALE, 1),
                "r": radius,
                "band": band,
                "row": row,
            }
        )
    return points


def map_size() -> tuple[int, int]:
    return (
        math.ceil((MAP_EAST - MAP_WEST) * _NARROWING * MAP_SCALE),
        math.ceil((MAP_NORTH - MAP_SOUTH) * MAP_SCALE),
    )


def _gap_filters(request) -> tuple[GapFilterForm, dict]:
    form = GapFilterForm(request.GET or None, regions=coverage_regions())
    if form.is_bound and form.is_valid():
        return form, {"region": form.cleaned_data["region"], "gaps_only": form.cleaned_data["gaps_only"]}
    return form, {}


@public
def gaps(request):
    """Where each kind of help is missing: a map and the same places in a table, region by region."""
    form, filters = _gap_filters(request)
    rows = coverage(**filters)
    regions: list[tuple[str, list[CoverageRow]]] = []
    for row in rows:
        if not regions or regions[-1][0] != row.region:
            regions.append((row.region, []))
        regions[-1][1].append(row)
    width, height = map_size()
    missing = gaps_by_kind(rows)
    return render(
        request,
        "partnerships/capacity/gaps.html",
        {
            "form": form,
            "regions": regions,
            "kinds": HelpKind.choices,
            "points": map_points(rows),
            "map_width": width,
            "map_height": height,
            "bands": MAP_BANDS,
            "place_count": len(rows),
            "gap_count": sum(missing.values()),
            "missing_by_kind": [(HelpKind(kind).label, count) for kind, count in missing.items()],
            "query": request.GET.urlencode(),
        },
    )


@public
def gaps_csv(request):
    """The gaps table as CSV: one row per place, a column per kind of help."""
    _form, filters = _gap_filters(request)
    header = ["Local authority", "GSS code", "Region or nation", *HelpKind.labels, "Kinds missing"]
    rows = (
        (
            row.name,
            row.gss_code,
            row.region,
            *("covered" if row.covered[kind] else "gap" for kind in HelpKind.values),
            row.missing_count,
        )
        for row in coverage(**filters)
    )
    return streamed_csv("support-coverage-gaps", header, rows)
