"""Staff pages for importing the Charity Commission register extract: upload, follow, cancel, read rejections."""

import csv
from itertools import chain

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from thirdsector.accounts.access import staff_only
from thirdsector.core.spreadsheets import safe_cell

from ..import_forms import CharityImportForm
from ..import_selectors import import_job_for_page, import_jobs_newest_first, rejections_of
from ..models import ImportJob
from ..services.charity_import import ImportRefused, progress_of, request_cancel, start_charity_import

# How often, in seconds, the page's optional script checks a running import's progress.
PROGRESS_REFRESH_SECONDS = 5


@staff_only
def imports(request):
    """Past imports, newest first, and the form to upload a new extract."""
    form = CharityImportForm(request.POST, request.FILES) if request.method == "POST" else CharityImportForm()
    if request.method == "POST" and form.is_valid():
        try:
            job = start_charity_import(
                uploaded_file=form.cleaned_data["file"],
                by=request.user,
                keep_valid_rows=form.cleaned_data["keep_valid_rows"],
            )
        except ImportRefused as error:
            form.add_error("file", str(error))
        else:
            messages.success(request, f"The file has been uploaded as import #{job.pk}")
            return redirect(job)
    page = Paginator(import_jobs_newest_first(), settings.REGISTER_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "register/imports/list.html", {"form": form, "page_obj": page})


def _job_or_404(pk: int) -> ImportJob:
    try:
        return import_job_for_page(pk)
    except ImportJob.DoesNotExist as error:
        raise Http404 from error


@staff_only
def import_detail(request, pk: int):
    """One import: its progress while it runs, then its counts and every rejected row with the reason."""
    job = _job_or_404(pk)
    rejections = rejections_of(job)
    if request.GET.get("format") == "csv":
        return _rejections_csv(job, rejections)
    page = Paginator(rejections, settings.REGISTER_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "register/imports/detail.html",
        {
            "job": job,
            "progress": progress_of(job),
            "page_obj": page,
            "refresh_seconds": PROGRESS_REFRESH_SECONDS,
        },
    )


@staff_only
@require_POST
def import_cancel(request, pk: int):
    job = _job_or_404(pk)
    try:
        job = request_cancel(job=job, by=request.user)
    except ImportRefused as error:
        messages.info(request, str(error))
    else:
        if job.is_finished:
            messages.success(request, f"Import #{job.pk} has been cancelled: nothing from it was kept")
        else:
            messages.success(request, f"Import #{job.pk} is stopping: nothing from it will be kept")
    return redirect(job)


class _Echo:
    """A file-like object whose write returns the line, so csv.writer can feed a streaming response."""

    def write(self, value: str) -> str:
        return value


def _rejections_csv(job: ImportJob, rejections) -> StreamingHttpResponse:
    """Every rejected row of the import, safe to open in a spreadsheet whatever the file contained."""
    writer = csv.writer(_Echo())
    header = writer.writerow(["Line", "Charity number", "Name", "Reason"])
    rows = (
        writer.writerow(
            safe_cell(value)
            for value in (rejection.line_number, rejection.charity_number, rejection.name, rejection.reason)
        )
        for rejection in rejections.iterator(chunk_size=2000)
    )
    response = StreamingHttpResponse(chain([header], rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="import-{job.pk}-rejected-rows.csv"'
    return response
