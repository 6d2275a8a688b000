"""The opportunity finder: contracts and grants side by side, for anyone, filtered by area, policy area,
kind, the good-practice terms and the closing date; paged without counting every match, and the same
rows as CSV."""

from django.conf import settings
from django.shortcuts import render
from django.utils import timezone

from thirdsector.accounts.access import public
from thirdsector.core.tables import streamed_csv

from ..forms.opportunities import FinderForm
from ..selectors.opportunities import FinderFilters, finder, finder_page

CSV_HEADER = [
    "Opportunity",
    "Commissioner",
    "Contract or grant",
    "Policy area",
    "Length (months)",
    "Good practice: 3 years or more",
    "Payment in advance allowed",
    "Full cost recovery allowed",
    "Social value weighting (%)",
    "Opens on",
    "Closes on",
    "Status",
    "Link",
]


def _yes(flag: bool) -> str:
    return "Yes" if flag else "No"


@public
def opportunity_finder(request):
    form = FinderForm(request.GET or None)
    filters = FinderFilters.from_choices(form.cleaned_data) if form.is_valid() else FinderFilters()
    today = timezone.localdate()
    if request.GET.get("format") == "csv" and not form.errors:
        long_term = settings.COMMISSIONING_LONG_AGREEMENT_MONTHS
        rows = (
            (
                o.title,
                o.commissioner.name,
                o.get_kind_display(),
                o.policy_area.name,
                o.length_months,
                _yes(o.length_months >= long_term),
                _yes(o.payment_in_advance),
                _yes(o.full_cost_recovery),
                o.social_value_weighting,
                o.opens_on,
                o.closes_on,
                o.get_status_display(),
                request.build_absolute_uri(o.get_absolute_url()),
            )
            for o in finder(filters, today=today).iterator()
        )
        return streamed_csv("commissioning-opportunities", CSV_HEADER, rows)
    page_obj = finder_page(filters, request.GET.get("page"), today=today)
    query = request.GET.copy()
    query.pop("page", None)
    query["format"] = "csv"
    return render(
        request,
        "commissioning/opportunities/finder.html",
        {"form": form, "page_obj": page_obj, "csv_query": query.urlencode()},
    )
