"""The staff pages for importing the register extract: upload, progress, rejections, cancel, who may."""

import csv
import io

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from thirdsector.accounts.tests.factories import UserFactory
from thirdsector.conftest import ALL_ROLES
from thirdsector.register.models import ImportJob, ImportRejection, ImportStatus, Organisation
from thirdsector.register.services.charity_import import create_import_job, report_progress
from thirdsector.register.tests.charity_extracts import SAMPLE, charity_row, extract

pytestmark = pytest.mark.django_db
LIST_URL = reverse("register:imports")
STAFF_ROLES = {"department_staff", "platform_admin"}


@pytest.fixture(autouse=True)
def media_and_cache(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    cache.clear()
    yield
    cache.clear()


def upload(content: bytes, name: str = "publicextract.charity.txt") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="text/plain")


def finished_job(*, rejections: int = 0, **fields) -> ImportJob:
    job = ImportJob.objects.create(
        original_filename="publicextract.charity.txt",
        status=ImportStatus.FAILED if rejections else ImportStatus.SUCCEEDED,
        rows_total=500,
        rows_processed=500,
        rows_rejected=rejections,
        **fields,
    )
    ImportRejection.objects.bulk_create(
        ImportRejection(job=job, line_number=n + 2, charity_number=str(1100000 + n), name=f"Row {n}", reason="Bad")
        for n in range(rejections)
    )
    return job


def error_summary(response) -> str:
    content = response.content.decode()
    start = content.index('<div class="govuk-error-summary"')
    return content[start : content.index("</ul>", start)]


@pytest.mark.parametrize("role", ALL_ROLES)
def test_only_staff_may_use_the_import_pages(clients_by_role, role):
    client = clients_by_role[role]
    job = finished_job(rejections=1)
    queued = create_import_job(filename="queued.txt", by=None, keep_valid_rows=False)
    responses = [
        client.get(LIST_URL),
        client.get(reverse("register:import", args=[job.pk])),
        client.get(reverse("register:import", args=[job.pk]), {"format": "csv"}),
        client.post(LIST_URL, {"file": upload(extract(charity_row()))}),
        client.post(reverse("register:import-cancel", args=[queued.pk])),
    ]

    if role in STAFF_ROLES:
        assert [response.status_code for response in responses] == [200, 200, 200, 200, 302]
    elif role == "public":
        assert {response.status_code for response in responses} == {302}
        assert all(response["Location"].startswith(reverse("accounts:sign-in")) for response in responses)
    else:
        assert {response.status_code for response in responses} == {403}
        assert ImportJob.objects.count() == 2  # nothing uploaded
        queued.refresh_from_db()
        assert queued.status == ImportStatus.QUEUED  # nor cancelled


def test_it_lists_imports_newest_first_with_the_upload_form(staff_client):
    older = finished_job()
    newer = finished_job(rejections=3)

    response = staff_client.get(LIST_URL)

    assert response.status_code == 200
    assert list(response.context["page_obj"]) == [newer, older]
    content = response.content.decode()
    assert content.count("<h1") == 1
    assert 'enctype="multipart/form-data"' in content
    assert "Keep the good rows if some are rejected" in content
    assert "<title>Import the Charity Commission register – thirdsector – GOV.UK</title>" in content


def test_it_paginates_the_imports(staff_client, settings):
    settings.REGISTER_PAGE_SIZE = 2
    for _ in range(5):
        finished_job()

    response = staff_client.get(LIST_URL, {"page": 3})

    assert len(response.context["page_obj"]) == 1
    assert 'class="govuk-pagination"' in response.content.decode()


def test_staff_upload_the_extract_and_see_the_outcome(staff_client, staff_user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(LIST_URL, {"file": upload(SAMPLE.read_bytes()), "keep_valid_rows": "on"})

    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("register:import", args=[job.pk])
    assert (job.uploaded_by, job.keep_valid_rows, job.status) == (staff_user, True, ImportStatus.SUCCEEDED)
    assert Organisation.objects.count() == 501

    page = staff_client.get(response["Location"])
    content = page.content.decode()
    assert f"The file has been uploaded as import #{job.pk}" in content
    assert 'Organisations added</dt><dd class="govuk-summary-list__value">501' in content
    assert "Rejected rows (4)" in content
    assert "The latest income “lots” is not a number of pounds" in content
    assert "(no name)" in content


def test_an_upload_that_keeps_nothing_shows_why(staff_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # the task runs once the upload is saved
        response = staff_client.post(LIST_URL, {"file": upload(SAMPLE.read_bytes())})

    content = staff_client.get(response["Location"]).content.decode()
    assert "4 rows were rejected, so nothing was imported" in content
    assert 'class="govuk-tag govuk-tag--red">Failed' in content
    assert not Organisation.objects.exists()


@pytest.mark.parametrize(
    ("file", "message"),
    [
        (upload(extract(charity_row()), name="extract.xlsx"), "The selected file must be a TXT, TSV or CSV file"),
        (upload(b""), "The selected file is empty"),
        (upload(b"\x00\x01\x02 binary"), "The selected file must be text, like the Charity Commission&#x27;s extract"),
        (upload("Café\tname\n".encode("latin-1")), "The selected file must be UTF-8 text"),
        (upload(b"name,number\nA,1\n"), "The selected file must be tab-separated"),
        (
            upload(extract(charity_row(), columns=[c for c in charity_row() if c != "charity_name"])),
            "The file is missing the charity_name column",
        ),
        (
            upload(
                extract(
                    charity_row(), columns=[c for c in charity_row() if c not in {"latest_income", "date_of_removal"}]
                )
            ),
            "The file is missing the date_of_removal and latest_income columns",
        ),
    ],
    ids=["wrong type", "empty", "binary", "not UTF-8", "not tab-separated", "missing column", "missing columns"],
)
def test_a_file_that_is_not_the_extract_is_refused_in_the_error_summary(staff_client, file, message):
    response = staff_client.post(LIST_URL, {"file": file})

    assert response.status_code == 200
    assert message in error_summary(response)
    assert 'href="#id_file"' in error_summary(response)
    assert "<title>Error: " in response.content.decode()
    assert not ImportJob.objects.exists()


def test_no_file_chosen_is_refused(staff_client):
    response = staff_client.post(LIST_URL, {})

    assert "Select the register extract to import" in error_summary(response)


def test_a_file_over_the_size_limit_is_refused(staff_client, settings):
    settings.REGISTER_IMPORT_MAX_BYTES = 1024

    response = staff_client.post(LIST_URL, {"file": upload(SAMPLE.read_bytes())})

    assert "The selected file must be smaller than 1.0 KB" in error_summary(response)
    assert not ImportJob.objects.exists()


def test_an_upload_waits_for_the_unfinished_import(staff_client):
    waiting = create_import_job(filename="first.txt", by=None, keep_valid_rows=False)

    response = staff_client.post(LIST_URL, {"file": upload(extract(charity_row()))})

    assert f"Import #{waiting.pk} has not finished yet" in error_summary(response)
    assert ImportJob.objects.count() == 1


def test_a_running_import_shows_its_progress_without_javascript(staff_client):
    job = create_import_job(filename="publicextract.charity.txt", by=None, keep_valid_rows=False)
    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.RUNNING)
    report_progress(job.pk, processed=4000, total=170000)

    response = staff_client.get(reverse("register:import", args=[job.pk]))

    content = response.content.decode()
    assert "4,000 of 170,000 rows checked (2%)" in content
    assert (
        '<progress class="register-progress" aria-labelledby="import-progress-label" max="170000" value="4000">'
        in content
    )
    assert f'<a class="govuk-link" href="{reverse("register:import", args=[job.pk])}">Refresh</a>' in content
    assert f'action="{reverse("register:import-cancel", args=[job.pk])}"' in content
    assert "import_progress.js" in content


def test_a_queued_import_says_it_is_waiting(staff_client):
    job = create_import_job(filename="publicextract.charity.txt", by=None, keep_valid_rows=False)

    response = staff_client.get(reverse("register:import", args=[job.pk]))

    assert "Waiting for the task worker to start the import" in response.content.decode()


def test_staff_cancel_a_queued_import(staff_client):
    job = create_import_job(filename="publicextract.charity.txt", by=None, keep_valid_rows=False)

    response = staff_client.post(reverse("register:import-cancel", args=[job.pk]), follow=True)

    job.refresh_from_db()
    assert job.status == ImportStatus.CANCELLED
    assert f"Import #{job.pk} has been cancelled: nothing from it was kept" in response.content.decode()


def test_staff_ask_a_running_import_to_stop(staff_client):
    job = create_import_job(filename="publicextract.charity.txt", by=None, keep_valid_rows=False)
    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.RUNNING)
    report_progress(job.pk, processed=4000, total=170000)

    response = staff_client.post(reverse("register:import-cancel", args=[job.pk]), follow=True)

    content = response.content.decode()
    assert f"Import #{job.pk} is stopping: nothing from it will be kept" in content
    assert "Stopping" in content
    assert "Cancel this import" not in content


def test_cancelling_a_finished_import_says_so(staff_client):
    job = finished_job()

    response = staff_client.post(reverse("register:import-cancel", args=[job.pk]), follow=True)

    assert "has already finished, so it cannot be cancelled" in response.content.decode()


def test_cancel_refuses_get(staff_client):
    job = create_import_job(filename="publicextract.charity.txt", by=None, keep_valid_rows=False)

    assert staff_client.get(reverse("register:import-cancel", args=[job.pk])).status_code == 405


def test_an_unknown_import_is_not_found(staff_client):
    assert staff_client.get(reverse("register:import", args=[999])).status_code == 404


def test_text_from_the_file_is_shown_as_text_not_html(staff_client, django_capture_on_commit_callbacks):
    content = extract(charity_row(registered_charity_number="<b>1</b>", charity_name="<script>alert('x')</script>"))

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(LIST_URL, {"file": upload(content)})

    html = staff_client.get(response["Location"]).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert "&lt;b&gt;1&lt;/b&gt;" in html


def test_the_rejections_download_as_csv_with_formulas_made_harmless(staff_client, django_capture_on_commit_callbacks):
    content = extract(
        charity_row(registered_charity_number="=1+2", charity_name='=HYPERLINK("http://evil.example","Click")'),
        charity_row(registered_charity_number="1123457", charity_name="@SUM(A1:A9)", latest_income="lots"),
        charity_row(registered_charity_number="1123458", charity_name="Plain Name", latest_income="-5"),
    )
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(LIST_URL, {"file": upload(content)})
    job = ImportJob.objects.get()

    response = staff_client.get(reverse("register:import", args=[job.pk]), {"format": "csv"})

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="import-{job.pk}-rejected-rows.csv"'
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0] == ["Line", "Charity number", "Name", "Reason"]
    assert [row[:3] for row in rows[1:]] == [
        ["2", "'=1+2", '\'=HYPERLINK("http://evil.example","Click")'],
        ["3", "1123457", "'@SUM(A1:A9)"],
        ["4", "1123458", "Plain Name"],
    ]
    assert rows[1][3] == "The charity number “=1+2” is malformed: a registered charity number is 6 or 7 digits"


def test_the_rejections_are_paginated_by_line(staff_client, settings):
    settings.REGISTER_PAGE_SIZE = 10
    job = finished_job(rejections=25)

    response = staff_client.get(reverse("register:import", args=[job.pk]), {"page": 3})

    assert [rejection.line_number for rejection in response.context["page_obj"]] == [22, 23, 24, 25, 26]
    assert "Rejected rows (25)" in response.content.decode()
    assert "Download all 25 rejected rows as CSV" in response.content.decode()


def test_the_imports_list_takes_the_same_queries_however_many_imports(
    staff_client, staff_user, django_assert_num_queries
):
    for _ in range(3):
        finished_job(uploaded_by=staff_user)
    staff_client.get(LIST_URL)  # the session and the second factor are settled on the first request

    with django_assert_num_queries(QUERIES_FOR_THE_LIST):
        staff_client.get(LIST_URL)
    for _ in range(30):
        finished_job(uploaded_by=UserFactory())
    with django_assert_num_queries(QUERIES_FOR_THE_LIST):
        staff_client.get(LIST_URL)


def test_the_rejections_table_takes_the_same_queries_however_many_rows(staff_client, django_assert_num_queries):
    small, large = finished_job(rejections=3), finished_job(rejections=300)
    staff_client.get(reverse("register:import", args=[small.pk]))

    with django_assert_num_queries(QUERIES_FOR_AN_IMPORT):
        staff_client.get(reverse("register:import", args=[small.pk]))
    with django_assert_num_queries(QUERIES_FOR_AN_IMPORT):
        staff_client.get(reverse("register:import", args=[large.pk]))


# Four for the person (session, user, second factor, roles) and one for the navigation's membership
# check; then the list's count and page of imports with who uploaded each, or the import, the count
# of its rejections and their page.
QUERIES_FOR_THE_LIST = 7
QUERIES_FOR_AN_IMPORT = 8
