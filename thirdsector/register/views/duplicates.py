from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render

from thirdsector.accounts.access import staff_only

from ..duplicates import likely_duplicates
from ..forms import MergeForm
from ..models import Organisation
from ..selectors import organisation_for_page
from ..services.merge import merge_organisations
from ..services.organisations import RegisterError


@staff_only
def duplicates(request):
    """Pairs of organisations that look like one body: same postcode, similar name."""
    page = Paginator(likely_duplicates(), 25).get_page(request.GET.get("page"))
    return render(request, "register/duplicates.html", {"page_obj": page})


@staff_only
def merge(request, first_pk: int, second_pk: int):
    """Compare two records side by side, choose the one to keep, give a reason, merge."""
    get_object_or_404(Organisation, pk=first_pk, merged_into__isnull=True)
    get_object_or_404(Organisation, pk=second_pk, merged_into__isnull=True)
    first, second = organisation_for_page(first_pk), organisation_for_page(second_pk)
    form = MergeForm(request.POST if request.method == "POST" else None, first=first, second=second)
    if request.method == "POST" and form.is_valid():
        keep, absorbed = (first, second) if form.cleaned_data["keep"] == str(first.pk) else (second, first)
        try:
            result = merge_organisations(keep=keep, merge=absorbed, by=request.user, reason=form.cleaned_data["reason"])
        except RegisterError as error:
            form.add_error("keep", str(error))
        else:
            messages.success(request, f"{absorbed.name} has been merged into {result.kept.name}")
            return redirect(result.kept)
    return render(request, "register/merge.html", {"form": form, "first": first, "second": second})
