"""The applicant portal: a person's applications, grants, returns due and payments, for the
organisations they belong to and no others."""

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from thirdsector.accounts.access import signed_in

from ..selectors.applications import (
    applications_for_person,
    awards_for_person,
    first_rows,
    organisations_edited_by,
    organisations_of,
    payments_for_person,
    returns_due_for_person,
)
from ..selectors.partners import partner_standing_of

SECTIONS = {
    "applications": ("Your applications", applications_for_person),
    "grants": ("Your grants", awards_for_person),
    "returns": ("Monitoring returns due", returns_due_for_person),
    "payments": ("Payments", payments_for_person),
}
SECTION_PAGE_SIZE = 25


@signed_in
def portal(request):
    """A summary of each section, capped, with a link to see all of it."""
    size = settings.FUNDING_PORTAL_SECTION_SIZE
    organisations = list(organisations_of(request.user))
    sections = {}
    partner_standing = []
    if organisations:
        for name, (_title, selector) in SECTIONS.items():
            rows, more = first_rows(selector(request.user), size)
            sections[name] = {"rows": rows, "more": more}
        edited = set(organisations_edited_by(request.user).values_list("pk", flat=True))
        partner_standing = partner_standing_of(organisations, edited_ids=edited)
    return render(
        request,
        "funding/portal/portal.html",
        {
            "organisations": organisations,
            "several": len(organisations) > 1,
            "sections": sections,
            "partner_standing": partner_standing,
            "today": timezone.localdate(),
        },
    )


@signed_in
def portal_section(request, section: str):
    """All of one section, a page at a time."""
    if section not in SECTIONS:
        raise Http404
    title, selector = SECTIONS[section]
    organisations = list(organisations_of(request.user))
    page = Paginator(selector(request.user), SECTION_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "funding/portal/section.html",
        {
            "section": section,
            "title": title,
            "page_obj": page,
            "rows": page.object_list,
            "organisations": organisations,
            "several": len(organisations) > 1,
            "today": timezone.localdate(),
        },
    )
