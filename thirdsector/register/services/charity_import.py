"""Import of the Charity Commission register extract (`publicextract.charity`, the text form).

The extract is tab-separated UTF-8 with a header row (see shared/standards/README.md). Each row is
one charity, except a row whose `linked_charity_number` is not 0: that is a linked charity under
the same registered number, counted and left out, never a separate organisation.

Rows that cannot be trusted are rejected with a reason a person can act on (a malformed charity
number, no name, an income that is not a number, a date that is impossible or unreadable, ...). An
unreadable postcode is not a reason to lose a charity: it is kept as typed and flagged for a person
to fix. If any row is rejected, nothing is written unless the person asked to keep the good rows.

Matching makes the import idempotent: a row finds its organisation by Org-ID (GB-CHC, then GB-COH),
then by normalised name and postcode among organisations with no charity number yet (and not merged
into another). A matched row whose values are already recorded writes nothing. On a match:
- the Commission's own facts (name, kind, income, financial year end, registration date, and the
  registration status unless the record was merged into another) replace ours; a blank in the
  extract never erases what the record holds, and a name differing only in capitals is not a change;
- contact details and description, which members of the organisation may edit, are only filled in
  where the record has none, so a member's correction survives the next day's extract;
- the charity number becomes the main identifier, as the Org-ID guidance says for a company that
  is also a charity. A company number held by another organisation rejects the row (merge them).

All writes of one import happen in one transaction, in batches of bulk inserts and updates with
their history records (django-simple-history's bulk helpers), so a cancelled or failed import
leaves nothing half-done. Progress and the request to cancel travel through the cache, which the
web and worker processes share: on SQLite the import's transaction holds the database's write
lock until it ends, so the job row is only written before it starts and after it ends.
"""

import csv
import logging
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from django.core.cache import cache
from django.core.files import File
from django.db import connection, connections, models, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from ..charity_extract import (
    LINKED,
    CharityRow,
    ImportFileError,
    RowChecker,
    RowRejected,
    count_rows,
    extract_reader,
    open_text,
    read_header,
)
from ..models import Identifier, ImportJob, ImportRejection, ImportStatus, Organisation
from ..normalise import normalise_name
from ..size_bands import size_band_for

logger = logging.getLogger(__name__)

# Rows read between writes, progress reports and checks for a request to cancel.
BATCH_SIZE = 2000
# Rows per INSERT or UPDATE statement on PostgreSQL (Django keeps within SQLite's limit by itself).
WRITE_BATCH_SIZE = 2000
# How long the cache keeps an import's progress and cancel request, in seconds.
PROGRESS_TIMEOUT = 24 * 60 * 60
# A running import that has reported no progress for this long, in seconds, has lost its worker.
STALLED_AFTER = 15 * 60
# PostgreSQL advisory lock that makes two imports run one after the other, never interleaved.
_ADVISORY_LOCK = 7_301_505_001

# The Commission's facts replace ours; contact details only fill gaps (see the module docstring).
REGISTER_FIELDS = ("name", "kind", "latest_income", "income_period_end", "registered_on")
STATUS_FIELDS = ("status", "removed_on")
CONTACT_FIELDS = ("description", "address_line_1", "address_line_2", "town", "website", "email", "phone")


class ImportRefused(Exception):
    """An action on imports that cannot happen now, with a message a person can act on."""


class ImportCancelled(Exception):
    """Raised inside the import's transaction when a person has asked to cancel it."""


@dataclass(frozen=True)
class Rejection:
    line_number: int
    charity_number: str
    name: str
    reason: str


@dataclass
class ImportResult:
    status: str = ImportStatus.RUNNING
    rows_total: int = 0
    rows_processed: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    linked_skipped: int = 0
    rejections: list[Rejection] = field(default_factory=list)
    error_message: str = ""
    job_id: int | None = None

    @property
    def rejected(self) -> int:
        return len(self.rejections)

    def summary(self) -> dict:
        """The outcome as plain data, for a task's return value."""
        return {
            "job_id": self.job_id,
            "status": str(self.status),
            "rows_total": self.rows_total,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "linked_skipped": self.linked_skipped,
            "rejected": self.rejected,
            "error_message": self.error_message,
        }


@dataclass(frozen=True)
class ImportProgress:
    processed: int
    total: int | None
    cancelling: bool

    @property
    def percent(self) -> int:
        if not self.total:
            return 0
        return min(100, self.processed * 100 // self.total)


def _progress_key(job_id: int) -> str:
    return f"register:charity-import:{job_id}:progress"


def _cancel_key(job_id: int) -> str:
    return f"register:charity-import:{job_id}:cancel"


def report_progress(job_id: int, *, processed: int, total: int | None) -> None:
    cache.set(_progress_key(job_id), {"processed": processed, "total": total, "at": time.time()}, PROGRESS_TIMEOUT)


def cancel_requested(job_id: int) -> bool:
    return bool(cache.get(_cancel_key(job_id)))


def progress_of(job: ImportJob) -> ImportProgress | None:
    """How far an unfinished import has got, as its worker last reported; None once it has finished."""
    if job.is_finished:
        return None
    reported = cache.get(_progress_key(job.pk)) or {}
    return ImportProgress(
        processed=reported.get("processed", 0),
        total=reported.get("total"),
        cancelling=cancel_requested(job.pk),
    )


def request_cancel(*, job: ImportJob, by) -> ImportJob:
    """Asks the import to stop; it stops after its current batch and keeps nothing.

    A job still waiting for a worker is cancelled at once. A running job whose worker has stopped
    reporting (the process died) is marked cancelled too: its transaction died with it.
    """
    job.refresh_from_db()
    if job.is_finished:
        raise ImportRefused(f"Import #{job.pk} has already finished, so it cannot be cancelled")
    cache.set(_cancel_key(job.pk), True, PROGRESS_TIMEOUT)
    who = getattr(by, "full_name", "") or str(by or "the system")
    now = timezone.now()
    ImportJob.objects.filter(pk=job.pk, status=ImportStatus.QUEUED).update(
        status=ImportStatus.CANCELLED, finished_at=now, error_message=f"Cancelled by {who} before it started"
    )
    reported = cache.get(_progress_key(job.pk))
    stalled_since = (reported or {}).get("at") or (job.started_at.timestamp() if job.started_at else None)
    if stalled_since is not None and time.time() - stalled_since > STALLED_AFTER:
        ImportJob.objects.filter(pk=job.pk, status=ImportStatus.RUNNING).update(
            status=ImportStatus.CANCELLED,
            finished_at=now,
            error_message=f"Cancelled by {who} after it stopped reporting progress; nothing from it was kept",
        )
    job.refresh_from_db()
    return job


def unfinished_import() -> ImportJob | None:
    return ImportJob.objects.filter(status__in=[ImportStatus.QUEUED, ImportStatus.RUNNING]).order_by("pk").first()


def create_import_job(*, filename: str, by, keep_valid_rows: bool, file: File | None = None) -> ImportJob:
    """A queued job; one import at a time, so that two never match rows against each other's work."""
    waiting = unfinished_import()
    if waiting is not None:
        raise ImportRefused(
            f"Import #{waiting.pk} has not finished yet: wait for it to finish, or cancel it, before starting another"
        )
    job = ImportJob(original_filename=Path(filename).name[:255], uploaded_by=by, keep_valid_rows=keep_valid_rows)
    if file is not None:
        job.source_file.save(Path(filename).name, file, save=False)
    job.save()
    return job


def start_charity_import(*, uploaded_file: File, by, keep_valid_rows: bool) -> ImportJob:
    """Keeps the uploaded file and queues the import for the task worker."""
    from ..tasks import run_charity_import

    job = create_import_job(filename=uploaded_file.name, by=by, keep_valid_rows=keep_valid_rows, file=uploaded_file)
    transaction.on_commit(lambda: run_charity_import.enqueue(job.pk))
    return job


class _UnnestUpdateManager(models.Manager):
    """A manager whose bulk_update is one `UPDATE ... FROM UNNEST(...)` per batch on PostgreSQL.

    Django's bulk_update writes a CASE WHEN per field and row, which costs Python time for every
    value and PostgreSQL time proportional to the batch for every row: about 300 rows a second at
    this import's batch size. Arrays of the new values joined on the primary key do the same work
    in one pass. bulk_update_with_history takes the manager, so the history records are made as
    before. Other databases use Django's own bulk_update.
    """

    def __init__(self, model: type[models.Model]):
        super().__init__()
        self.model = model

    def bulk_update(self, objs, fields, batch_size=None):
        connection = connections[self.db]
        if connection.vendor != "postgresql" or not objs:
            return super().bulk_update(objs, fields, batch_size=batch_size)
        meta = self.model._meta
        columns = [meta.pk, *(meta.get_field(name) for name in fields)]
        quote = connection.ops.quote_name
        table = quote(meta.db_table)
        # Without the length, as Django's own UNNEST inserts do: varchar[], not varchar(255)[].
        arrays = ", ".join(f"%s::{column.db_type(connection).split('(')[0]}[]" for column in columns)
        names = ", ".join(quote(column.column) for column in columns)
        assignments = ", ".join(f"{quote(column.column)} = new.{quote(column.column)}" for column in columns[1:])
        key = quote(meta.pk.column)
        # Every name in the statement comes from the model's metadata, quoted; the values are parameters.
        sql = (
            f"UPDATE {table} SET {assignments} FROM UNNEST({arrays}) AS new({names}) "  # noqa: S608
            f"WHERE {table}.{key} = new.{key}"
        )
        updated = 0
        size = batch_size or len(objs)
        with transaction.atomic(using=self.db, savepoint=False), connection.cursor() as cursor:
            for start in range(0, len(objs), size):
                chunk = objs[start : start + size]
                cursor.execute(
                    sql,
                    [
                        [column.get_db_prep_save(getattr(obj, column.attname), connection) for obj in chunk]
                        for column in columns
                    ],
                )
                updated += cursor.rowcount
        return updated


_ORGANISATION_COLUMNS = tuple(field.attname for field in Organisation._meta.concrete_fields)
_IDENTIFIER_COLUMNS = ("pk", "organisation_id", "scheme", "value", "org_id", "is_primary")


def changes_from_extract(existing: dict, incoming: dict) -> dict:
    """The fields of the `existing` record to change so it agrees with the extract's `incoming` values.

    The Commission's facts replace ours, though a blank never erases and a name differing only in
    capitals is not a change; a merged record keeps its status; contact details are only filled
    where the record has none (see the module docstring).
    """
    changes = {}
    for name in REGISTER_FIELDS:
        value = incoming[name]
        if value not in (None, "") and value != existing[name]:
            changes[name] = value
    if "name" in changes and changes["name"].casefold() == existing["name"].casefold():
        # The register often gives names in capitals: a difference of capitals alone is not a change.
        del changes["name"]
    if "name" in changes:
        changes["normalised_name"] = normalise_name(changes["name"])
    if "latest_income" in changes:
        changes["size_band"] = size_band_for(changes["latest_income"]) or ""
    if not existing["merged_into_id"]:
        for name in STATUS_FIELDS:
            if incoming[name] != existing[name]:
                changes[name] = incoming[name]
    for name in CONTACT_FIELDS:
        if not existing[name] and incoming[name]:
            changes[name] = incoming[name]
    if not existing["postcode"] and incoming["postcode"]:
        changes["postcode"] = incoming["postcode"]
        changes["postcode_needs_checking"] = incoming["postcode_needs_checking"]
    return {name: value for name, value in changes.items() if value != existing[name]}


class _Batcher:
    """Matches and writes the import's rows batch by batch, remembering what earlier batches claimed."""

    def __init__(self, *, by, reason: str, keep_valid_rows: bool, result: ImportResult):
        self.by = by
        self.reason = reason
        self.keep_valid_rows = keep_valid_rows
        self.result = result
        # Every Org-ID given by an accepted row so far, and existing organisations already matched,
        # each with the line that claimed it.
        self.claimed_org_ids: dict[str, int] = {}
        self.claimed_organisations: dict[int, int] = {}

    @property
    def writing(self) -> bool:
        # Without keep_valid_rows, one rejection means the transaction will be rolled back: the rest
        # of the file is still checked so that every rejection is reported, but nothing more is written.
        return self.keep_valid_rows or not self.result.rejections

    def reject(self, charity: CharityRow, reason: str) -> None:
        self.result.rejections.append(Rejection(charity.line_number, charity.charity_number, charity.name, reason))

    def process(self, batch: list[CharityRow]) -> None:
        """Matches a batch's rows to the register in a few queries, then writes what changed in a few more."""
        if not batch:
            return
        org_ids = {charity.charity_org_id for charity in batch}
        org_ids |= {charity.company_org_id for charity in batch if charity.company_org_id}
        holders = dict(Identifier.objects.filter(org_id__in=org_ids).values_list("org_id", "organisation_id"))

        by_name_and_postcode: dict[tuple[str, str], list[int]] = defaultdict(list)
        unmatched = [
            charity.values
            for charity in batch
            if charity.charity_org_id not in holders
            and charity.company_org_id not in holders
            and charity.values["postcode"]
        ]
        if unmatched:
            has_charity_number = Identifier.objects.filter(organisation=OuterRef("pk"), scheme="GB-CHC")
            candidates = (
                Organisation.objects.filter(
                    normalised_name__in={values["normalised_name"] for values in unmatched},
                    postcode__in={values["postcode"] for values in unmatched},
                    merged_into__isnull=True,
                )
                .exclude(Exists(has_charity_number))
                .order_by("pk")
                .values_list("pk", "normalised_name", "postcode")
            )
            for pk, name, postcode in candidates:
                by_name_and_postcode[(name, postcode)].append(pk)

        candidate_pks = set(holders.values()) | {pk for pks in by_name_and_postcode.values() for pk in pks}
        records = {}
        identifiers_of: dict[int, list[dict]] = defaultdict(list)
        if candidate_pks:
            records = {
                values["id"]: values
                for values in Organisation.objects.filter(pk__in=candidate_pks).values(*_ORGANISATION_COLUMNS)
            }
            for values in Identifier.objects.filter(organisation_id__in=candidate_pks).values(*_IDENTIFIER_COLUMNS):
                identifiers_of[values["organisation_id"]].append(values)

        to_create: list[Organisation] = []
        to_update: list[Organisation] = []
        fields_changed: set[str] = set()
        demoted: list[Identifier] = []
        new_identifiers: list[tuple[Organisation | int, str, str, bool]] = []
        now = timezone.now()

        for charity in batch:
            try:
                organisation_pk = self._match(charity, holders, by_name_and_postcode, records, identifiers_of)
            except RowRejected as rejected:
                self.reject(charity, str(rejected))
                continue
            self.claimed_org_ids[charity.charity_org_id] = charity.line_number
            if charity.company_org_id:
                self.claimed_org_ids[charity.company_org_id] = charity.line_number
            if organisation_pk is None:
                organisation = Organisation(**charity.values)
                to_create.append(organisation)
                new_identifiers.append((organisation, "GB-CHC", charity.charity_number, True))
                if charity.company_org_id:
                    new_identifiers.append((organisation, "GB-COH", charity.company_number, False))
                continue

            self.claimed_organisations[organisation_pk] = charity.line_number
            adds_identifier = False
            if holders.get(charity.charity_org_id) != organisation_pk:
                # The charity number is the main identifier of a company that is also a charity.
                for identifier in identifiers_of[organisation_pk]:
                    if identifier["is_primary"]:
                        demoted.append(Identifier(**{**identifier, "is_primary": False}))
                new_identifiers.append((organisation_pk, "GB-CHC", charity.charity_number, True))
                adds_identifier = True
            if charity.company_org_id and holders.get(charity.company_org_id) != organisation_pk:
                new_identifiers.append((organisation_pk, "GB-COH", charity.company_number, False))
                adds_identifier = True
            changes = changes_from_extract(records[organisation_pk], charity.values)
            if changes:
                organisation = Organisation(**{**records[organisation_pk], **changes, "updated_at": now})
                to_update.append(organisation)
                fields_changed.update(changes)
            if changes or adds_identifier:
                self.result.updated += 1
            else:
                self.result.unchanged += 1
        self.result.created += len(to_create)

        if self.writing:
            self._write(to_create, to_update, fields_changed, demoted, new_identifiers)

    def _match(self, charity, holders, by_name_and_postcode, records, identifiers_of) -> int | None:
        """The existing organisation the row is about, or None for a new one; raises RowRejected."""
        first_line = self.claimed_org_ids.get(charity.charity_org_id)
        if first_line is not None:
            raise RowRejected(
                f"The charity number {charity.charity_number} appears more than once in the file "
                f"(first on line {first_line})"
            )
        company = charity.company_org_id
        if company and company in self.claimed_org_ids:
            raise RowRejected(
                f"The company number {charity.company_number} is also given for the charity on line "
                f"{self.claimed_org_ids[company]}"
            )

        organisation_pk = holders.get(charity.charity_org_id)
        if organisation_pk is None and company in holders:
            holder = holders[company]
            has_charity_number = any(identifier["scheme"] == "GB-CHC" for identifier in identifiers_of[holder])
            if has_charity_number or holder in self.claimed_organisations:
                raise RowRejected(
                    f"The company number {charity.company_number} belongs to {records[holder]['name']}, "
                    "which has a different charity number"
                )
            organisation_pk = holder
        if organisation_pk is None and charity.values["postcode"]:
            key = (charity.values["normalised_name"], charity.values["postcode"])
            for pk in by_name_and_postcode.get(key, ()):
                if pk not in self.claimed_organisations:
                    organisation_pk = pk
                    break
        if company in holders and holders[company] != organisation_pk:
            raise RowRejected(
                f"The company number {charity.company_number} already belongs to another organisation, "
                f"{records[holders[company]]['name']}: if they are the same body, merge them"
            )
        if organisation_pk in self.claimed_organisations:
            raise RowRejected(
                "The charity matches the same organisation as the row on line "
                f"{self.claimed_organisations[organisation_pk]}"
            )
        return organisation_pk

    def _write(self, to_create, to_update, fields_changed, demoted, new_identifiers) -> None:
        history = {"default_user": self.by, "default_change_reason": self.reason, "batch_size": WRITE_BATCH_SIZE}
        if to_create:
            bulk_create_with_history(to_create, Organisation, **history)
        if to_update:
            fields = sorted(fields_changed | {"updated_at"})
            bulk_update_with_history(
                to_update, Organisation, fields=fields, manager=_UnnestUpdateManager(Organisation), **history
            )
        if demoted:  # before the new main identifiers, so that each organisation has one at a time
            bulk_update_with_history(
                demoted, Identifier, fields=["is_primary"], manager=_UnnestUpdateManager(Identifier), **history
            )
        if new_identifiers:
            identifiers = [
                Identifier(
                    organisation_id=organisation if isinstance(organisation, int) else organisation.pk,
                    scheme=scheme,
                    value=value,
                    org_id=f"{scheme}-{value}",
                    is_primary=is_primary,
                )
                for organisation, scheme, value, is_primary in new_identifiers
            ]
            bulk_create_with_history(identifiers, Identifier, **history)


def _claim(job: ImportJob) -> bool:
    """Marks a waiting job as running; False if it was cancelled before it started, or has already run."""
    started = ImportJob.objects.filter(pk=job.pk, status=ImportStatus.QUEUED).update(
        status=ImportStatus.RUNNING, started_at=timezone.now()
    )
    job.refresh_from_db()
    return bool(started)


def _result_from(job: ImportJob) -> ImportResult:
    rejections = [
        Rejection(r.line_number, r.charity_number, r.name, r.reason) for r in job.rejections.order_by("line_number")
    ]
    return ImportResult(
        status=job.status,
        rows_total=job.rows_total,
        rows_processed=job.rows_processed,
        created=job.organisations_created,
        updated=job.organisations_updated,
        unchanged=job.organisations_unchanged,
        linked_skipped=job.linked_rows_skipped,
        rejections=rejections,
        error_message=job.error_message,
        job_id=job.pk,
    )


def record_outcome(job: ImportJob, result: ImportResult) -> None:
    """Writes the outcome to the job, after the import's transaction has ended."""
    with transaction.atomic():
        ImportRejection.objects.filter(job=job).delete()
        ImportRejection.objects.bulk_create(
            (
                ImportRejection(
                    job=job,
                    line_number=rejection.line_number,
                    charity_number=rejection.charity_number[:50],
                    name=rejection.name[:255],
                    reason=rejection.reason[:300],
                )
                for rejection in result.rejections
            ),
            batch_size=WRITE_BATCH_SIZE,
        )
        ImportJob.objects.filter(pk=job.pk).update(
            status=result.status,
            finished_at=timezone.now(),
            rows_total=result.rows_total,
            rows_processed=result.rows_processed,
            organisations_created=result.created,
            organisations_updated=result.updated,
            organisations_unchanged=result.unchanged,
            linked_rows_skipped=result.linked_skipped,
            rows_rejected=result.rejected,
            error_message=result.error_message,
        )
    cache.delete_many([_progress_key(job.pk), _cancel_key(job.pk)])
    job.refresh_from_db()


def _nothing_written(result: ImportResult, status: str, message: str) -> None:
    result.status = status
    result.error_message = message
    result.created = result.updated = result.unchanged = 0


def import_charity_register(*, source, by, job: ImportJob | None = None, keep_valid_rows: bool = False) -> ImportResult:
    """Imports the register extract in `source` (a path, or a binary or text file).

    With a `job`, progress and cancellation go through the cache and the outcome is recorded on the
    job. Rejected rows are reported; unless `keep_valid_rows`, any rejection means nothing is written.
    """
    result = ImportResult(job_id=job.pk if job else None)
    if job is not None and not _claim(job):
        return _result_from(job)
    reason = f"Charity Commission import #{job.pk}" if job else "Charity Commission import"
    job_id = job.pk if job else None
    try:
        with open_text(source) as stream:
            result.rows_total = count_rows(stream)
            if job_id:
                report_progress(job_id, processed=0, total=result.rows_total)
            reader = extract_reader(stream)
            checker = RowChecker(read_header(reader))
            batcher = _Batcher(by=by, reason=reason, keep_valid_rows=keep_valid_rows, result=result)
            with transaction.atomic():
                if connection.vendor == "postgresql":
                    with connection.cursor() as cursor:
                        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_ADVISORY_LOCK])
                        # The full-text and trigram indexes on names (migration 0003) take new entries
                        # far faster in big merges: a 64 MB pending list for this transaction only,
                        # left for autovacuum to fold in, roughly halves the cost of inserting a name.
                        cursor.execute("SET LOCAL gin_pending_list_limit = 65536")
                _import_rows(reader, checker, batcher, result, job_id)
                if result.rejections and not keep_valid_rows:
                    transaction.set_rollback(True)
    except ImportFileError as error:
        _nothing_written(result, ImportStatus.FAILED, str(error))
    except ImportCancelled:
        _nothing_written(result, ImportStatus.CANCELLED, "Cancelled while it ran; nothing from it was kept")
    except Exception:
        logger.exception("Charity Commission import %s stopped with an error", job_id)
        _nothing_written(
            result,
            ImportStatus.FAILED,
            "The import stopped because of an unexpected error, and nothing from it was kept. "
            "The error has been logged for the team that runs the service.",
        )
        if job is not None:
            record_outcome(job, result)
        raise
    else:
        if result.rejections and not keep_valid_rows:
            count = result.rejected
            _nothing_written(
                result,
                ImportStatus.FAILED,
                f"{count} row{'s were' if count != 1 else ' was'} rejected, so nothing was imported. "
                "Correct the rows and upload the file again, or import it again keeping the good rows.",
            )
        else:
            result.status = ImportStatus.SUCCEEDED
    if job is not None:
        record_outcome(job, result)
    return result


def _import_rows(reader, checker: RowChecker, batcher: _Batcher, result: ImportResult, job_id: int | None) -> None:
    batch: list[CharityRow] = []
    read_since_batch = 0

    def finish_batch() -> None:
        batcher.process(batch)
        batch.clear()
        if job_id:
            report_progress(job_id, processed=result.rows_processed, total=result.rows_total)
            if cancel_requested(job_id):
                raise ImportCancelled

    try:
        for row in reader:
            if not row or (len(row) == 1 and not row[0].strip()):
                continue
            line_number = reader.line_num
            result.rows_processed += 1
            read_since_batch += 1
            try:
                outcome = checker.check(row, line_number)
            except RowRejected as rejected:
                result.rejections.append(
                    Rejection(
                        line_number,
                        _cell(row, checker.columns.get("registered_charity_number")),
                        _cell(row, checker.columns.get("charity_name")),
                        str(rejected),
                    )
                )
            else:
                if outcome is LINKED:
                    result.linked_skipped += 1
                else:
                    batch.append(outcome)
            if read_since_batch >= BATCH_SIZE:
                finish_batch()
                read_since_batch = 0
    except csv.Error as error:
        raise ImportFileError(f"Line {reader.line_num} cannot be read as a row of the extract: {error}") from error
    except UnicodeDecodeError as error:
        raise ImportFileError("The file is not UTF-8 text: nothing was imported") from error
    finish_batch()
    result.rows_total = result.rows_processed


def _cell(row: list[str], index: int | None) -> str:
    if index is None or index >= len(row):
        return ""
    return row[index].strip()
