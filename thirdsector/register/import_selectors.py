"""Reads for the import pages, each a fixed number of queries (selectors.py holds the register's)."""

from django.db.models import QuerySet

from .models import ImportJob, ImportRejection


def import_jobs_newest_first() -> QuerySet[ImportJob]:
    return ImportJob.objects.select_related("uploaded_by").order_by("-created_at", "-id")


def import_job_for_page(pk: int) -> ImportJob:
    return ImportJob.objects.select_related("uploaded_by").get(pk=pk)


def rejections_of(job: ImportJob) -> QuerySet[ImportRejection]:
    return ImportRejection.objects.filter(job=job).order_by("line_number", "id")
