"""The import of the Charity Commission register extract: rows, matching, all or nothing, audit, the task."""

import io
import time
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from thirdsector.register.models import (
    Identifier,
    ImportJob,
    ImportStatus,
    Organisation,
    OrganisationKind,
    OrganisationStatus,
)
from thirdsector.register.services import charity_import
from thirdsector.register.services.charity_import import (
    ImportRefused,
    create_import_job,
    import_charity_register,
    progress_of,
    request_cancel,
)
from thirdsector.register.size_bands import SizeBand
from thirdsector.register.tasks import run_charity_import
from thirdsector.register.tests.charity_extracts import SAMPLE, charity_row, extract
from thirdsector.register.tests.factories import IdentifierFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

# The sample's bad rows: line, charity number as written, reason. Its unreadable postcode is kept.
SAMPLE_REJECTIONS = [
    (174, "756506", "The date of registration “31/02/2020” is impossible: there is no 31 February 2020"),
    (177, "915476", "The latest income “lots” is not a number of pounds"),
    (294, "12AB", "The charity number “12AB” is malformed: a registered charity number is 6 or 7 digits"),
    (458, "541817", "The charity has no name"),
]


@pytest.fixture(autouse=True)
def empty_cache():
    """Progress and cancel requests live in the cache, keyed by job: no test sees another's."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def import_file(content: bytes, *, by=None, **options):
    return import_charity_register(source=io.BytesIO(content), by=by, **options)


def organisation_with(org_id: str) -> Organisation:
    return Organisation.objects.get(identifiers__org_id=org_id)


def counts(result) -> tuple[int, int, int, int, int, int]:
    return (
        result.rows_total,
        result.created,
        result.updated,
        result.unchanged,
        result.linked_skipped,
        result.rejected,
    )


def test_good_rows_create_organisations_with_identifiers_kinds_bands_and_statuses(staff_user):
    result = import_charity_register(source=SAMPLE, by=staff_user, keep_valid_rows=True)

    assert result.status == ImportStatus.SUCCEEDED
    assert counts(result) == (515, 501, 0, 0, 10, 4)
    assert Organisation.objects.count() == 501

    cio = organisation_with("GB-CHC-742783")
    assert cio.name == "GATESHEAD TENANTS PARTNERSHIP"
    assert cio.kind == OrganisationKind.CIO
    assert cio.latest_income == Decimal("4082.00")
    assert cio.size_band == SizeBand.MICRO
    assert cio.status == OrganisationStatus.ACTIVE
    assert (cio.address_line_1, cio.town, cio.postcode) == ("178 High Street", "Gateshead", "S2 4AJ")
    assert cio.website == "https://www.example-342.org.uk"
    assert cio.email == "info342@example.org"
    assert cio.registered_on == date(2018, 11, 20)
    assert cio.income_period_end == date(2026, 3, 31)
    assert cio.description == "Provides advice on housing, debt and benefits."
    assert [(i.org_id, i.is_primary) for i in cio.identifiers.all()] == [("GB-CHC-742783", True)]

    major = organisation_with("GB-CHC-460494")
    assert major.size_band == SizeBand.MAJOR

    removed = organisation_with("GB-CHC-289044")
    assert removed.kind == OrganisationKind.REGISTERED_CHARITY
    assert removed.status == OrganisationStatus.REMOVED
    assert removed.removed_on == date(2024, 3, 31)
    assert [(i.org_id, i.is_primary) for i in removed.identifiers.all()] == [
        ("GB-CHC-289044", True),
        ("GB-COH-04155938", False),
    ]


def test_each_bad_row_in_the_sample_is_rejected_with_its_reason():
    result = import_charity_register(source=SAMPLE, by=None, keep_valid_rows=True)

    assert [(r.line_number, r.charity_number, r.reason) for r in result.rejections] == SAMPLE_REJECTIONS
    assert not Identifier.objects.filter(org_id__in=["GB-CHC-756506", "GB-CHC-915476", "GB-CHC-541817"]).exists()
    # Their twins, the good rows they were copied from, are imported.
    assert Organisation.objects.filter(identifiers__org_id__in=["GB-CHC-882554", "GB-CHC-358176"]).count() == 2


def test_an_unreadable_postcode_is_kept_as_typed_and_flagged_for_a_person_to_fix():
    import_charity_register(source=SAMPLE, by=None, keep_valid_rows=True)

    leeds = organisation_with("GB-CHC-743528")
    assert leeds.name == "LEEDS HERITAGE TRUST"
    assert leeds.postcode_needs_checking is True
    assert leeds.postcode == "NOT A POSTCODE"  # kept as typed for a person to fix
    assert Organisation.objects.filter(postcode_needs_checking=True).count() == 1


def test_linked_charities_are_counted_and_not_imported_as_organisations():
    result = import_charity_register(source=SAMPLE, by=None, keep_valid_rows=True)

    assert result.linked_skipped == 10
    assert not Organisation.objects.filter(name__endswith="Trading Fund").exists()
    assert Organisation.objects.filter(identifiers__org_id="GB-CHC-250631").count() == 1


def test_importing_the_same_file_again_changes_nothing():
    import_charity_register(source=SAMPLE, by=None, keep_valid_rows=True)
    before = (Organisation.objects.count(), Identifier.objects.count(), Organisation.history.count())

    again = import_charity_register(source=SAMPLE, by=None, keep_valid_rows=True)

    assert counts(again) == (515, 0, 0, 501, 10, 4)
    assert (Organisation.objects.count(), Identifier.objects.count(), Organisation.history.count()) == before
    assert Identifier.history.count() == Identifier.objects.count()


def test_a_changed_row_updates_the_organisation_with_its_history(staff_user):
    import_file(extract(charity_row(latest_income="25000")))

    result = import_file(
        extract(charity_row(latest_income="2500000", charity_name="Leeds Tenants and Residents Federation")),
        by=staff_user,
    )

    assert (result.created, result.updated, result.unchanged) == (0, 1, 0)
    organisation = organisation_with("GB-CHC-1123456")
    assert organisation.name == "Leeds Tenants and Residents Federation"
    assert organisation.normalised_name == "LEEDS TENANTS AND RESIDENTS FEDERATION"
    assert organisation.latest_income == Decimal("2500000.00")
    assert organisation.size_band == SizeBand.LARGE
    latest = organisation.history.order_by("-history_id").first()
    assert (latest.history_type, latest.history_user, latest.history_change_reason) == (
        "~",
        staff_user,
        "Charity Commission import",
    )
    assert Organisation.objects.count() == 1


def test_a_name_that_differs_only_in_capitals_is_not_a_change():
    import_file(extract(charity_row(charity_name="Leeds Tenants Federation")))

    result = import_file(extract(charity_row(charity_name="LEEDS TENANTS FEDERATION")))

    assert result.unchanged == 1
    assert organisation_with("GB-CHC-1123456").name == "Leeds Tenants Federation"


def test_contact_details_on_the_record_are_kept_and_only_gaps_are_filled():
    organisation = OrganisationFactory(
        name="Leeds Tenants Federation", website="https://ltf.example.org", phone="", email="", description=""
    )
    IdentifierFactory(organisation=organisation, value="1123456")

    result = import_file(extract(charity_row()))

    assert result.updated == 1
    organisation.refresh_from_db()
    assert organisation.website == "https://ltf.example.org"
    assert organisation.phone == "0113 496 0000"
    assert organisation.email == "hello@example.org"
    assert organisation.description == "Supports tenants' and residents' associations."


def test_a_blank_income_gives_no_size_band_and_never_erases_a_known_income():
    import_file(extract(charity_row(latest_income="")))
    organisation = organisation_with("GB-CHC-1123456")
    assert (organisation.latest_income, organisation.size_band) == (None, "")

    import_file(extract(charity_row(latest_income="5000")))
    result = import_file(extract(charity_row(latest_income="")))

    assert result.unchanged == 1
    organisation.refresh_from_db()
    assert (organisation.latest_income, organisation.size_band) == (Decimal("5000.00"), SizeBand.MICRO)


def test_a_removed_charity_is_removed_and_a_registered_one_restored():
    import_file(extract(charity_row(charity_registration_status="Removed", date_of_removal="2025-06-30")))
    organisation = organisation_with("GB-CHC-1123456")
    assert (organisation.status, organisation.removed_on) == (OrganisationStatus.REMOVED, date(2025, 6, 30))

    import_file(extract(charity_row()))

    organisation.refresh_from_db()
    assert (organisation.status, organisation.removed_on) == (OrganisationStatus.ACTIVE, None)


def test_an_organisation_without_identifiers_is_matched_by_name_and_postcode_and_given_the_number():
    existing = OrganisationFactory(name="The Leeds Tenants Federation Ltd", postcode="LS1 4AP")

    result = import_file(
        extract(charity_row(charity_name="LEEDS TENANTS FEDERATION", charity_contact_postcode="ls14ap"))
    )

    assert (result.created, result.updated) == (0, 1)
    assert Organisation.objects.count() == 1
    assert [(i.org_id, i.is_primary) for i in existing.identifiers.all()] == [("GB-CHC-1123456", True)]


def test_an_identifier_match_comes_before_a_name_and_postcode_match():
    holder = OrganisationFactory(name="LTF", postcode="LS2 7EY")
    IdentifierFactory(organisation=holder, value="1123456")
    same_name = OrganisationFactory(name="Leeds Tenants Federation", postcode="LS1 4AP")

    result = import_file(extract(charity_row()))

    assert result.updated == 1
    assert organisation_with("GB-CHC-1123456") == holder
    assert not same_name.identifiers.exists()


def test_an_organisation_with_another_charity_number_is_not_matched_by_name():
    other = OrganisationFactory(name="Leeds Tenants Federation", postcode="LS1 4AP")
    IdentifierFactory(organisation=other, value="1999999")

    result = import_file(extract(charity_row()))

    assert result.created == 1
    assert Organisation.objects.count() == 2


def test_a_company_matched_by_its_number_gets_the_charity_number_as_its_main_identifier(staff_user):
    company = OrganisationFactory(
        name="LTF Services Ltd", postcode="LS2 7EY", kind=OrganisationKind.COMPANY_LIMITED_BY_GUARANTEE
    )
    IdentifierFactory(organisation=company, scheme="GB-COH", value="01234567", is_primary=True)

    # Companies House numbers lose their leading zero in spreadsheets; the import puts it back.
    result = import_file(extract(charity_row(charity_company_registration_number="1234567")), by=staff_user)

    assert (result.created, result.updated) == (0, 1)
    assert [(i.org_id, i.is_primary) for i in company.identifiers.all()] == [
        ("GB-CHC-1123456", True),
        ("GB-COH-01234567", False),
    ]
    company.refresh_from_db()
    assert company.kind == OrganisationKind.REGISTERED_CHARITY
    demotion = Identifier.history.filter(org_id="GB-COH-01234567").order_by("-history_id").first()
    assert (demotion.history_type, demotion.is_primary, demotion.history_user) == ("~", False, staff_user)


def test_a_company_number_that_belongs_to_another_organisation_rejects_the_row():
    IdentifierFactory(organisation__name="Another Body", scheme="GB-COH", value="01234567", is_primary=True)
    IdentifierFactory(organisation__name="Leeds Tenants Federation", value="1123456")

    result = import_file(extract(charity_row(charity_company_registration_number="01234567")), keep_valid_rows=True)

    assert [r.reason for r in result.rejections] == [
        "The company number 01234567 already belongs to another organisation, Another Body: "
        "if they are the same body, merge them"
    ]


def test_a_charity_number_twice_in_the_file_rejects_the_second_row():
    result = import_file(
        extract(charity_row(), charity_row(charity_name="Leeds Tenants Federation Again")), keep_valid_rows=True
    )

    assert result.created == 1
    assert [(r.line_number, r.reason) for r in result.rejections] == [
        (3, "The charity number 1123456 appears more than once in the file (first on line 2)")
    ]


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        (
            {"date_of_registration": "2020-13-01"},
            "The date of registration “2020-13-01” is impossible: there is no month 13",
        ),
        (
            {"latest_acc_fin_period_end_date": "2023-02-29"},
            "The end date of the latest financial period “2023-02-29” is impossible: there is no 29 February 2023",
        ),
        (
            {"date_of_removal": "last March"},
            "The date of removal “last March” is not a date: the extract gives dates as YYYY-MM-DD",
        ),
        ({"latest_income": "-40"}, "The latest income “-40” is less than £0"),
        ({"latest_income": "£4,000"}, "The latest income “£4,000” is not a number of pounds"),
        ({"charity_name": "   "}, "The charity has no name"),
        (
            {"registered_charity_number": "12345"},
            "The charity number “12345” is malformed: a registered charity number is 6 or 7 digits",
        ),
        (
            {"charity_registration_status": "Dormant"},
            "The registration status “Dormant” is neither Registered nor Removed",
        ),
        ({"charity_is_cio": "Maybe"}, "charity_is_cio is “maybe”, not True or False"),
        (
            {"charity_company_registration_number": "ABC"},
            "The company number “ABC” is malformed: a Companies House number is 8 characters, "
            "8 digits or 2 letters such as SC or OC followed by 6 digits",
        ),
    ],
)
def test_a_row_that_cannot_be_trusted_is_rejected_with_a_specific_reason(changes, reason):
    result = import_file(extract(charity_row(**changes)), keep_valid_rows=True)

    assert [(r.line_number, r.reason) for r in result.rejections] == [(2, reason)]
    assert not Organisation.objects.exists()


def test_a_row_with_too_few_columns_is_rejected():
    content = extract(charity_row()).replace(b"\tFalse\n", b"\n")  # the last column lost

    result = import_file(content, keep_valid_rows=True)

    assert result.rejections[0].reason.startswith("The row has 33 columns but the header has 34")


def test_a_website_or_email_that_is_not_one_is_left_out():
    import_file(extract(charity_row(charity_contact_web="javascript:alert(1)", charity_contact_email="write to us")))

    organisation = organisation_with("GB-CHC-1123456")
    assert (organisation.website, organisation.email) == ("", "")


def test_without_keep_valid_rows_one_rejected_row_means_nothing_is_written(staff_user):
    job = create_import_job(filename="publicextract.charity.txt", by=staff_user, keep_valid_rows=False)

    result = import_charity_register(source=SAMPLE, by=staff_user, job=job)

    assert result.status == ImportStatus.FAILED
    assert (Organisation.objects.count(), Identifier.objects.count(), Organisation.history.count()) == (0, 0, 0)
    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED
    assert (job.rows_total, job.organisations_created, job.rows_rejected) == (515, 0, 4)
    assert job.error_message.startswith("4 rows were rejected, so nothing was imported")
    assert [(r.line_number, r.charity_number, r.reason) for r in job.rejections.all()] == SAMPLE_REJECTIONS


def test_with_keep_valid_rows_the_good_rows_are_written_and_the_rejected_listed(staff_user):
    job = create_import_job(filename="publicextract.charity.txt", by=staff_user, keep_valid_rows=True)

    import_charity_register(source=SAMPLE, by=staff_user, job=job, keep_valid_rows=True)

    job.refresh_from_db()
    assert job.status == ImportStatus.SUCCEEDED
    assert (job.rows_total, job.rows_processed, job.organisations_created, job.linked_rows_skipped) == (
        515,
        515,
        501,
        10,
    )
    assert job.rows_rejected == job.rejections.count() == 4
    assert job.started_at <= job.finished_at
    assert progress_of(job) is None


def test_cancelling_after_the_first_batch_leaves_nothing_written(monkeypatch):
    monkeypatch.setattr(charity_import, "BATCH_SIZE", 100)
    job = create_import_job(filename="publicextract.charity.txt", by=None, keep_valid_rows=True)
    written_when_cancelled = []
    report_progress = charity_import.report_progress

    def report_then_press_cancel(job_id, *, processed, total):
        report_progress(job_id, processed=processed, total=total)
        if processed and not written_when_cancelled:
            written_when_cancelled.append(Organisation.objects.count())
            request_cancel(job=ImportJob.objects.get(pk=job_id), by=None)

    monkeypatch.setattr(charity_import, "report_progress", report_then_press_cancel)

    result = import_charity_register(source=SAMPLE, by=None, job=job, keep_valid_rows=True)

    assert written_when_cancelled[0] > 0  # the first batch had been written when Cancel was pressed
    assert result.status == ImportStatus.CANCELLED
    assert (Organisation.objects.count(), Identifier.objects.count(), Organisation.history.count()) == (0, 0, 0)
    job.refresh_from_db()
    assert job.status == ImportStatus.CANCELLED
    assert job.organisations_created == 0


def test_a_failure_part_way_leaves_nothing_written(monkeypatch):
    monkeypatch.setattr(charity_import, "BATCH_SIZE", 100)
    job = create_import_job(filename="publicextract.charity.txt", by=None, keep_valid_rows=True)

    def fail_after_the_first_batch(job_id, *, processed, total):
        if processed:
            assert Organisation.objects.exists()
            raise RuntimeError("the database connection was lost")

    monkeypatch.setattr(charity_import, "report_progress", fail_after_the_first_batch)

    with pytest.raises(RuntimeError):
        import_charity_register(source=SAMPLE, by=None, job=job, keep_valid_rows=True)

    assert (Organisation.objects.count(), Identifier.objects.count(), Organisation.history.count()) == (0, 0, 0)
    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED
    assert "unexpected error" in job.error_message


def test_a_file_with_a_byte_order_mark_and_windows_line_endings_imports_the_same():
    content = b"\xef\xbb\xbf" + SAMPLE.read_bytes().replace(b"\n", b"\r\n")

    result = import_file(content, keep_valid_rows=True)

    assert counts(result) == (515, 501, 0, 0, 10, 4)
    assert [r.line_number for r in result.rejections] == [line for line, _, _ in SAMPLE_REJECTIONS]
    assert not Organisation.objects.filter(description__contains="\r").exists()
    assert organisation_with("GB-CHC-742783").name == "GATESHEAD TENANTS PARTNERSHIP"


def test_a_text_file_object_imports_too():
    source = io.StringIO(extract(charity_row(), bom=True, crlf=True).decode("utf-8"))

    result = import_charity_register(source=source, by=None)

    assert result.created == 1


def test_history_records_name_the_person_and_the_import(staff_user):
    job = create_import_job(filename="publicextract.charity.txt", by=staff_user, keep_valid_rows=False)

    import_charity_register(
        source=io.BytesIO(extract(charity_row(charity_company_registration_number="01234567"))), by=staff_user, job=job
    )

    organisation = organisation_with("GB-CHC-1123456")
    reason = f"Charity Commission import #{job.pk}"
    record = organisation.history.get()
    assert (record.history_type, record.history_user, record.history_change_reason) == ("+", staff_user, reason)
    assert sorted(
        Identifier.history.filter(organisation_id=organisation.pk).values_list(
            "org_id", "history_type", "history_user", "history_change_reason"
        )
    ) == [
        ("GB-CHC-1123456", "+", staff_user.pk, reason),
        ("GB-COH-01234567", "+", staff_user.pk, reason),
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            extract(charity_row(), columns=[c for c in charity_row() if c != "latest_income"]),
            "The file is missing the latest_income column",
        ),
        (b"", "The file is empty"),
        (extract(charity_row(charity_name="Caf\xe9 Society")).replace(b"Caf\xc3\xa9", b"Caf\xe9"), "UTF-8"),
    ],
    ids=["missing column", "empty", "not UTF-8"],
)
def test_a_file_that_is_not_the_extract_fails_with_a_reason_and_writes_nothing(content, message):
    job = create_import_job(filename="wrong.txt", by=None, keep_valid_rows=True)

    result = import_charity_register(source=io.BytesIO(content), by=None, job=job, keep_valid_rows=True)

    assert result.status == ImportStatus.FAILED
    assert message in result.error_message
    job.refresh_from_db()
    assert (job.status, job.error_message) == (ImportStatus.FAILED, result.error_message)
    assert not Organisation.objects.exists()


def test_only_one_import_runs_at_a_time():
    first = create_import_job(filename="one.txt", by=None, keep_valid_rows=False)

    with pytest.raises(ImportRefused, match=f"Import #{first.pk} has not finished yet"):
        create_import_job(filename="two.txt", by=None, keep_valid_rows=False)


def test_an_import_cancelled_before_it_starts_never_runs(staff_user):
    job = create_import_job(filename="publicextract.charity.txt", by=staff_user, keep_valid_rows=True)

    request_cancel(job=job, by=staff_user)
    result = import_charity_register(source=SAMPLE, by=staff_user, job=job, keep_valid_rows=True)

    assert result.status == ImportStatus.CANCELLED
    assert job.error_message == "Cancelled by Sam Staff before it started"
    assert not Organisation.objects.exists()


def test_cancelling_an_import_whose_worker_stopped_reporting_marks_it_cancelled():
    job = create_import_job(filename="publicextract.charity.txt", by=None, keep_valid_rows=True)
    long_ago = timezone.now() - timedelta(hours=1)
    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.RUNNING, started_at=long_ago)
    cache.set(
        f"register:charity-import:{job.pk}:progress", {"processed": 2000, "total": 9000, "at": time.time() - 3600}
    )

    job = request_cancel(job=job, by=None)

    assert job.status == ImportStatus.CANCELLED
    assert "stopped reporting progress" in job.error_message


def test_a_running_import_is_only_asked_to_stop():
    job = create_import_job(filename="publicextract.charity.txt", by=None, keep_valid_rows=True)
    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.RUNNING, started_at=timezone.now())
    charity_import.report_progress(job.pk, processed=2000, total=9000)

    job = request_cancel(job=job, by=None)

    assert job.status == ImportStatus.RUNNING
    assert progress_of(job).cancelling is True


def test_a_finished_import_cannot_be_cancelled():
    job = create_import_job(filename="publicextract.charity.txt", by=None, keep_valid_rows=True)
    import_charity_register(source=io.BytesIO(extract(charity_row())), by=None, job=job)

    with pytest.raises(ImportRefused, match="has already finished"):
        request_cancel(job=job, by=None)


def test_the_task_runs_a_queued_import_and_records_its_outcome(media, staff_user):
    job = create_import_job(
        filename="publicextract.charity.txt",
        by=staff_user,
        keep_valid_rows=True,
        file=ContentFile(SAMPLE.read_bytes()),
    )

    outcome = run_charity_import.enqueue(job.pk).return_value

    assert outcome["status"] == ImportStatus.SUCCEEDED
    job.refresh_from_db()
    assert (job.status, job.organisations_created, job.rows_rejected) == (ImportStatus.SUCCEEDED, 501, 4)
    assert organisation_with("GB-CHC-742783").history.get().history_user == staff_user


def test_the_task_does_not_run_an_import_twice(media):
    job = create_import_job(
        filename="one.txt", by=None, keep_valid_rows=False, file=ContentFile(extract(charity_row()))
    )
    run_charity_import.enqueue(job.pk)

    outcome = run_charity_import.enqueue(job.pk).return_value

    assert outcome == {"job_id": job.pk, "status": ImportStatus.SUCCEEDED}
    assert Organisation.objects.count() == 1


def test_the_task_fails_the_import_when_its_file_has_gone(media):
    job = create_import_job(
        filename="one.txt", by=None, keep_valid_rows=False, file=ContentFile(extract(charity_row()))
    )
    job.source_file.delete(save=False)

    run_charity_import.enqueue(job.pk)

    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED
    assert job.error_message.startswith("The uploaded file could not be found or read")


def test_the_command_prints_the_counts_and_each_rejection_and_fails_when_nothing_is_kept():
    output = io.StringIO()

    with pytest.raises(CommandError) as error:
        call_command("import_charity_register", str(SAMPLE), stdout=output)

    assert error.value.returncode == 1
    assert "4 rows were rejected, so nothing was imported" in str(error.value)
    printed = output.getvalue()
    assert "Rows in the file: 515" in printed
    assert "Rows rejected: 4" in printed
    assert (
        "line 177, charity 915476, YORK CARERS NETWORK: The latest income “lots” is not a number of pounds" in printed
    )
    assert "line 458, charity 541817, (no name): The charity has no name" in printed
    assert not Organisation.objects.exists()


def test_the_command_keeps_the_good_rows_when_asked(staff_user):
    output = io.StringIO()

    call_command("import_charity_register", str(SAMPLE), "--keep-valid-rows", "--by", staff_user.email, stdout=output)

    assert "Organisations added: 501" in output.getvalue()
    assert "Linked charities left out: 10" in output.getvalue()
    assert ImportJob.objects.get().uploaded_by == staff_user


def test_the_command_can_queue_the_import_for_the_worker(media, django_capture_on_commit_callbacks):
    output = io.StringIO()

    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_charity_register", str(SAMPLE), "--keep-valid-rows", "--background", stdout=output)

    job = ImportJob.objects.get()
    assert f"Queued import #{job.pk}" in output.getvalue()
    assert job.status == ImportStatus.SUCCEEDED  # the test settings run tasks at once
    assert Organisation.objects.count() == 501


def test_the_command_refuses_a_file_that_is_not_there():
    with pytest.raises(CommandError, match="There is no file at"):
        call_command("import_charity_register", "/nowhere/publicextract.charity.txt")
