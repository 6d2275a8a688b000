"""One check for every file people upload: its size, its name and whether its contents match its name.

The kinds of file the platform accepts are data (`FILE_TYPES`): each with its extensions, the content
type we store it as, and how to recognise its contents. Each place that takes uploads chooses which
kinds it allows (`DOCUMENTS` for applications' and consultations' documents, `EVIDENCE` for breach
evidence) and its size limit, then calls `check_upload`, which raises `UploadRefused` with a message
for the person.
"""

import zipfile
from dataclasses import dataclass

ZIP_HEADER = b"PK\x03\x04"
PDF_HEADER = b"%PDF-"


class UploadRefused(ValueError):
    """An upload we will not take, with the reason in words for the person who chose the file."""


@dataclass(frozen=True)
class FileType:
    """A kind of file we accept.

    `name` is used in "is not a ... file"; `label` (and the extensions, when `show_extensions`) in the
    list of accepted kinds. `signature` is how its contents are recognised (see `_looks_like`):
    "pdf", "plain text", "office open xml:<folder>", "opendocument", or a literal byte prefix.
    """

    name: str
    label: str
    extensions: tuple[str, ...]
    content_type: str
    signature: str | bytes
    show_extensions: bool = True


PDF = FileType("PDF", "PDF", (".pdf",), "application/pdf", "pdf", show_extensions=False)
DOCX = FileType(
    name="Word",
    label="Word",
    extensions=(".docx",),
    content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    signature="office open xml:word/",
)
XLSX = FileType(
    name="Excel",
    label="Excel",
    extensions=(".xlsx",),
    content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    signature="office open xml:xl/",
)
ODT = FileType(
    name="OpenDocument text",
    label="OpenDocument",
    extensions=(".odt",),
    content_type="application/vnd.oasis.opendocument.text",
    signature="opendocument",
)
ODS = FileType(
    name="OpenDocument spreadsheet",
    label="OpenDocument",
    extensions=(".ods",),
    content_type="application/vnd.oasis.opendocument.spreadsheet",
    signature="opendocument",
)
CSV = FileType("CSV", "CSV", (".csv",), "text/csv", "plain text", show_extensions=False)
TEXT = FileType("text", "text", (".txt",), "text/plain", "plain text")
JPEG = FileType("JPEG", "JPEG", (".jpg", ".jpeg"), "image/jpeg", b"\xff\xd8\xff", show_extensions=False)
PNG = FileType("PNG", "PNG", (".png",), "image/png", b"\x89PNG\r\n\x1a\n", show_extensions=False)

FILE_TYPES = (PDF, DOCX, XLSX, ODT, ODS, CSV, TEXT, JPEG, PNG)
# Documents: applications' attachments and consultation documents.
DOCUMENTS = (PDF, DOCX, XLSX, ODT, ODS, CSV)
# Evidence of a Compact breach may also be a plain text file or a photograph or scan.
EVIDENCE = (*DOCUMENTS, TEXT, JPEG, PNG)

# How much of a file is read to recognise it.
HEAD_BYTES = 8192


def megabytes(size: int) -> str:
    """`10 * 1024 * 1024` as "10 MB"."""
    return f"{size / (1024 * 1024):g} MB"


def accepted_kinds(allowed: tuple[FileType, ...] = DOCUMENTS) -> str:
    """The allowed kinds for people: "a PDF, Word (.docx), ..., OpenDocument (.odt or .ods) or CSV file"."""
    groups: dict[str, list[FileType]] = {}
    for kind in allowed:
        groups.setdefault(kind.label, []).append(kind)
    parts = []
    for label, kinds in groups.items():
        if kinds[0].show_extensions:
            extensions = [extension for kind in kinds for extension in kind.extensions]
            parts.append(f"{label} ({' or '.join(extensions)})")
        else:
            parts.append(label)
    listed = parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} or {parts[-1]}"
    return f"{'an' if listed[0] in 'AEIOU' else 'a'} {listed} file"


def _looks_like(kind: FileType, head: bytes, uploaded_file) -> bool:
    signature = kind.signature
    if isinstance(signature, bytes):
        return head.startswith(signature)
    if signature == "pdf":
        return head.startswith(PDF_HEADER)
    if signature == "plain text":
        # No NUL bytes and no zip or PDF header.
        return b"\x00" not in head and not head.startswith((ZIP_HEADER, PDF_HEADER))
    # Office Open XML (.docx, .xlsx) and OpenDocument (.odt, .ods) files are zip packages.
    if not head.startswith(ZIP_HEADER):
        return False
    try:
        uploaded_file.seek(0)
        with zipfile.ZipFile(uploaded_file) as package:
            names = set(package.namelist())
            if signature.startswith("office open xml:"):
                folder = signature.removeprefix("office open xml:")
                return "[Content_Types].xml" in names and any(name.startswith(folder) for name in names)
            if signature == "opendocument":
                return "mimetype" in names and (
                    package.read("mimetype").strip().decode("ascii", "replace") == kind.content_type
                )
            return False
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        # Not a readable package (broken, truncated, or compressed in a way we cannot read).
        return False
    finally:
        uploaded_file.seek(0)


def check_upload(uploaded_file, *, max_bytes: int, allowed: tuple[FileType, ...] = DOCUMENTS) -> FileType:
    """The kind of an uploaded file, or UploadRefused saying what is wrong with it (size, name or contents)."""
    name = uploaded_file.name or ""
    extension = ("." + name.rsplit(".", 1)[-1].lower()) if "." in name else ""
    if uploaded_file.size == 0:
        raise UploadRefused("The selected file is empty")
    if uploaded_file.size > max_bytes:
        raise UploadRefused(f"The selected file must be smaller than {megabytes(max_bytes)}")
    kind = next((kind for kind in allowed if extension in kind.extensions), None)
    if kind is None:
        raise UploadRefused(f"The selected file must be {accepted_kinds(allowed)}")
    uploaded_file.seek(0)
    head = uploaded_file.read(HEAD_BYTES)
    uploaded_file.seek(0)
    if not _looks_like(kind, head, uploaded_file):
        raise UploadRefused(
            f"The selected file is called {extension} but is not a {kind.name} file: "
            f"save it again as {kind.name} and upload that"
        )
    return kind
