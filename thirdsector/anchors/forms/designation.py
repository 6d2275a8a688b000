"""Proposing an organisation as an anchor, and staff's decision on it."""

from django import forms

from thirdsector.core.forms import GovukForm, GovukModelForm

from ..models import Anchor, Criterion


class ProposalForm(GovukModelForm):
    class Meta:
        model = Anchor
        fields = [
            name
            for criterion in Criterion
            for name in (criterion.value, f"{criterion.value}_evidence", f"{criterion.value}_document")
        ]
        help_texts = {
            f"{criterion.value}_evidence": "What shows this: who runs it, what it does, where, and for whom"
            for criterion in Criterion
        } | {
            f"{criterion.value}_document": "Optional: a PDF, Word document or image up to 10 MB"
            for criterion in Criterion
        }


class ReasonForm(GovukForm):
    reason = forms.CharField(
        label="Reason",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Kept in the record's history and shown to the organisation",
        error_messages={"required": "Enter the reason"},
    )
