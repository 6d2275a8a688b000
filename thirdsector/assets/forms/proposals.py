"""The proposal's forms: starting one, its answers, documents, the council's support and legal completion."""

from decimal import Decimal

from django import forms
from django.conf import settings
from django.utils import timezone

from thirdsector.core.forms import GovukForm

from ..models import ProposalDocumentKind, Tenure

ISO_DATE = "%Y-%m-%d"
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format=ISO_DATE)


class StartForm(GovukForm):
    organisation = forms.ModelChoiceField(label="Which organisation is proposing?", queryset=None, empty_label=None)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class ProposalForm(GovukForm):
    amount_requested = forms.DecimalField(
        label="Capital grant requested, in pounds",
        max_digits=14,
        decimal_places=2,
        min_value=Decimal("0"),
    )
    refurbishment_summary = forms.CharField(label="What the refurbishment will do", widget=forms.Textarea)
    community_benefit = forms.CharField(label="Who will use the building and how", widget=forms.Textarea)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[
            "amount_requested"
        ].help_text = f"Between £{settings.ASSETS_GRANT_MINIMUM:,} and £{settings.ASSETS_GRANT_MAXIMUM:,}"


PROPOSER_CHOICES = [
    (kind.value, kind.label) for kind in ProposalDocumentKind if kind != ProposalDocumentKind.COUNCIL_SUPPORT
]


class DocumentForm(GovukForm):
    kind = forms.ChoiceField(label="What is the document?", choices=PROPOSER_CHOICES, widget=forms.RadioSelect)
    file = forms.FileField(label="Upload a file", help_text="PDF, Word, Excel or OpenDocument, up to 10 MB")


class SupportForm(GovukForm):
    supported_on = forms.DateField(label="Date of the council's letter", widget=DATE_WIDGET)
    file = forms.FileField(
        label="The council's letter of support",
        help_text="Signed by the council, committing to the transfer on the terms offered",
    )


class CompletionForm(GovukForm):
    completed_on = forms.DateField(label="Legal completion date", widget=DATE_WIDGET)
    tenure = forms.ChoiceField(label="Completed on", choices=Tenure.choices, widget=forms.RadioSelect)
    lease_years = forms.IntegerField(label="Length of the lease in years", required=False, min_value=1)

    def clean(self):
        data = super().clean()
        if data.get("tenure") == Tenure.LEASE and not data.get("lease_years"):
            self.add_error("lease_years", "Enter the length of the lease in years")
        completed_on = data.get("completed_on")
        if completed_on and completed_on > timezone.localdate():
            self.add_error("completed_on", "The legal completion date cannot be in the future")
        return data


class ReasonForm(GovukForm):
    reason = forms.CharField(label="Why?", widget=forms.Textarea(attrs={"rows": 3}))
