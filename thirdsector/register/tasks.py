"""Background work of the register, run by the tasks framework's worker (`manage.py db_worker`)."""

from django.tasks import task

from .models import ImportJob, ImportStatus
from .services.charity_import import ImportResult, import_charity_register, record_outcome


@task
def run_charity_import(job_id: int) -> dict:
    """Runs a queued import of the Charity Commission register extract and records its outcome."""
    job = ImportJob.objects.select_related("uploaded_by").get(pk=job_id)
    if job.status != ImportStatus.QUEUED:  # cancelled before a worker reached it, or already run
        return {"job_id": job_id, "status": job.status}
    try:
        source = job.source_file.open("rb")
    except (OSError, ValueError):
        result = ImportResult(
            status=ImportStatus.FAILED,
            error_message="The uploaded file could not be found or read, so nothing was imported: upload it again",
            job_id=job_id,
        )
        record_outcome(job, result)
        return result.summary()
    with source:
        result = import_charity_register(
            source=source, by=job.uploaded_by, job=job, keep_valid_rows=job.keep_valid_rows
        )
    return result.summary()
