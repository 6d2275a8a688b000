"""Forms for accessible formats: the public request, and the reason staff give for each step."""

from django import forms

from thirdsector.compact.models.consultations import AlternativeFormat
from thirdsector.core.forms import GovukForm, GovukModelForm

from ..models import FormatRequest


class FormatRequestForm(GovukModelForm):
    page = forms.CharField(widget=forms.HiddenInput)
    format = forms.ChoiceField(
        label="Which format do you need?", choices=AlternativeFormat.choices, widget=forms.RadioSelect
    )

    class Meta:
        model = FormatRequest
        fields = ["format", "name", "email", "phone", "postal_address", "needs"]
        help_texts = {
            "email": "Give at least one way to reach you: email, telephone or post",
            "postal_address": "Needed for large print, Braille and paper copies",
        }


class StepForm(GovukForm):
    """Why staff take a step; required to decline, as the requester is told the reason."""

    reason = forms.CharField(label="Reason", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, step: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.step = step
        if step == "decline":
            self.fields["reason"].required = True
            self.fields["reason"].label = "Why are you declining this request?"
            self.fields["reason"].help_text = "The requester is told this reason"
            self.fields["reason"].error_messages["required"] = "Enter the reason for declining"
