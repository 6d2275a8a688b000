import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from thirdsector.core.uploads import (
    CSV,
    DOCUMENTS,
    DOCX,
    EVIDENCE,
    FILE_TYPES,
    JPEG,
    ODS,
    ODT,
    PDF,
    PNG,
    TEXT,
    XLSX,
    UploadRefused,
    accepted_kinds,
    check_upload,
)

MB = 1024 * 1024


def package(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


DOCX_BYTES = package({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
XLSX_BYTES = package({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})
ODT_BYTES = package({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<office/>"})
ODS_BYTES = package({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<office/>"})
PDF_BYTES = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
CSV_BYTES = b"Item,Year 1\nSalaries,40000\n"
TEXT_BYTES = b"The letter said the grant would stop at once.\n"
JPEG_BYTES = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 20
PNG_BYTES = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 20


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("budget.pdf", PDF_BYTES, PDF),
        ("budget.docx", DOCX_BYTES, DOCX),
        ("budget.xlsx", XLSX_BYTES, XLSX),
        ("budget.odt", ODT_BYTES, ODT),
        ("budget.ods", ODS_BYTES, ODS),
        ("budget.csv", CSV_BYTES, CSV),
        ("BUDGET.PDF", PDF_BYTES, PDF),
    ],
)
def test_each_kind_of_document_is_accepted_and_named(name, content, kind):
    uploaded = upload(name, content)
    assert check_upload(uploaded, max_bytes=MB) == kind
    assert uploaded.read() == content  # left ready to be saved from the start


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("letter.txt", TEXT_BYTES, TEXT),
        ("photo.jpg", JPEG_BYTES, JPEG),
        ("photo.jpeg", JPEG_BYTES, JPEG),
        ("scan.png", PNG_BYTES, PNG),
        ("letter.pdf", PDF_BYTES, PDF),
    ],
)
def test_evidence_may_also_be_text_or_an_image(name, content, kind):
    assert check_upload(upload(name, content), max_bytes=MB, allowed=EVIDENCE) == kind


@pytest.mark.parametrize("name", ["photo.jpg", "scan.png", "letter.txt"])
def test_images_and_text_are_not_documents(name):
    with pytest.raises(UploadRefused, match="The selected file must be a PDF, Word"):
        check_upload(upload(name, JPEG_BYTES), max_bytes=MB)


def test_an_empty_file_is_refused():
    with pytest.raises(UploadRefused) as refused:
        check_upload(upload("budget.pdf", b""), max_bytes=MB)
    assert str(refused.value) == "The selected file is empty"


def test_a_file_over_the_limit_is_refused_with_the_limit_in_megabytes():
    with pytest.raises(UploadRefused) as refused:
        check_upload(upload("budget.pdf", PDF_BYTES + b"0" * MB), max_bytes=MB)
    assert str(refused.value) == "The selected file must be smaller than 1 MB"


def test_a_file_exactly_at_the_limit_is_accepted():
    content = PDF_BYTES + b"0" * (MB - len(PDF_BYTES))
    assert check_upload(upload("budget.pdf", content), max_bytes=MB) == PDF


@pytest.mark.parametrize("name", ["budget.exe", "budget.doc", "budget"])
def test_a_kind_not_allowed_is_refused_with_the_kinds_that_are(name):
    with pytest.raises(UploadRefused) as refused:
        check_upload(upload(name, PDF_BYTES), max_bytes=MB)
    assert str(refused.value) == (
        "The selected file must be a PDF, Word (.docx), Excel (.xlsx), OpenDocument (.odt or .ods) or CSV file"
    )


def test_the_evidence_refusal_lists_every_kind_of_evidence():
    with pytest.raises(UploadRefused) as refused:
        check_upload(upload("clip.mp4", b"\x00\x00\x00\x18ftyp"), max_bytes=MB, allowed=EVIDENCE)
    assert str(refused.value) == (
        "The selected file must be a PDF, Word (.docx), Excel (.xlsx), OpenDocument (.odt or .ods), CSV, "
        "text (.txt), JPEG or PNG file"
    )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("accounts.pdf", b"<html>not a pdf</html>", "The selected file is called .pdf but is not a PDF file"),
        ("accounts.docx", PDF_BYTES, "The selected file is called .docx but is not a Word file"),
        ("accounts.xlsx", DOCX_BYTES, "The selected file is called .xlsx but is not a Excel file"),
        ("accounts.odt", ODS_BYTES, "The selected file is called .odt but is not a OpenDocument text file"),
        ("accounts.ods", b"PK\x03\x04broken", "The selected file is called .ods but is not a OpenDocument spreadsheet"),
        ("accounts.csv", b"a,b\x00\x01\x02", "The selected file is called .csv but is not a CSV file"),
        ("accounts.csv", XLSX_BYTES, "The selected file is called .csv but is not a CSV file"),
        ("photo.jpg", PNG_BYTES, "The selected file is called .jpg but is not a JPEG file"),
        ("scan.png", PDF_BYTES, "The selected file is called .png but is not a PNG file"),
        ("letter.txt", PDF_BYTES, "The selected file is called .txt but is not a text file"),
    ],
)
def test_a_file_whose_contents_do_not_match_its_name_is_refused(name, content, message):
    with pytest.raises(UploadRefused) as refused:
        check_upload(upload(name, content), max_bytes=MB, allowed=EVIDENCE)
    assert str(refused.value).startswith(message)
    assert "save it again as" in str(refused.value)


def test_a_refusal_is_a_value_error():
    assert issubclass(UploadRefused, ValueError)


def test_every_extension_belongs_to_one_kind():
    extensions = [extension for kind in FILE_TYPES for extension in kind.extensions]
    assert len(extensions) == len(set(extensions))
    assert set(DOCUMENTS) <= set(EVIDENCE)


def test_the_accepted_kinds_read_as_a_sentence():
    assert accepted_kinds((PDF,)) == "a PDF file"
    assert accepted_kinds((ODT, ODS)) == "an OpenDocument (.odt or .ods) file"
