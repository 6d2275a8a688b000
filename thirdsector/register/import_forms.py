"""The form for uploading the Charity Commission register extract (forms.py holds the register's own)."""

import codecs
from pathlib import Path

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat

from thirdsector.core.forms import GovukForm

from .charity_extract import describe_missing_columns, missing_columns

ALLOWED_SUFFIXES = (".txt", ".tsv", ".csv")
# Enough of the file to hold the header row many times over, read to check the file before keeping it.
SNIFF_BYTES = 64 * 1024


class CharityImportForm(GovukForm):
    file = forms.FileField(
        label="Register extract",
        help_text="The Charity Commission's publicextract.charity text file: tab-separated, with its header row",
        error_messages={
            "required": "Select the register extract to import",
            "empty": "The selected file is empty",
            "invalid": "The selected file could not be uploaded – try again",
            "missing": "Select the register extract to import",
        },
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(ALLOWED_SUFFIXES)}),
    )
    keep_valid_rows = forms.BooleanField(
        label="Keep the good rows if some are rejected",
        required=False,
        help_text="If you leave this unticked, nothing is imported when any row is rejected",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if Path(upload.name).suffix.lower() not in ALLOWED_SUFFIXES:
            raise forms.ValidationError("The selected file must be a TXT, TSV or CSV file")
        if upload.size > settings.REGISTER_IMPORT_MAX_BYTES:
            limit = filesizeformat(settings.REGISTER_IMPORT_MAX_BYTES).replace("\xa0", " ")
            raise forms.ValidationError(f"The selected file must be smaller than {limit}")
        upload.seek(0)
        start = upload.read(SNIFF_BYTES)
        upload.seek(0)
        if b"\x00" in start:
            raise forms.ValidationError("The selected file must be text, like the Charity Commission's extract")
        try:
            # Not final: the sample may end in the middle of a character that the next byte completes.
            text = codecs.getincrementaldecoder("utf-8-sig")().decode(start, final=False)
        except UnicodeDecodeError:
            raise forms.ValidationError(
                "The selected file must be UTF-8 text, like the Charity Commission's extract"
            ) from None
        header = text.splitlines()[0] if text else ""
        if "\t" not in header:
            raise forms.ValidationError(
                "The selected file must be tab-separated, starting with the register extract's header row"
            )
        missing = missing_columns(header.split("\t"))
        if missing:
            raise forms.ValidationError(describe_missing_columns(missing))
        return upload
