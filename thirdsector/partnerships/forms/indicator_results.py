"""The council officer's form for a yearly result against one of the agreement's targets; the rules
(a percentage, one of the agreement's years) live in `services.indicator_results`."""

from django import forms

from thirdsector.core.forms import ChangeReasonField, GovukForm

from ..models import LocalAreaAgreement
from ..services.indicator_results import agreement_years


class IndicatorResultForm(GovukForm):
    target = forms.ModelChoiceField(
        queryset=None,
        label="Improvement target",
        error_messages={"required": "Choose the target", "invalid_choice": "Choose one of this agreement's targets"},
    )
    year = forms.TypedChoiceField(
        coerce=int,
        label="Year of the agreement",
        help_text="Named by the year it starts in",
        error_messages={"required": "Choose the year", "invalid_choice": "Choose one of the agreement's years"},
    )
    value = forms.DecimalField(
        label="Result (%)",
        decimal_places=1,
        error_messages={"required": "Enter the result as a percentage", "invalid": "Enter the result as a number"},
    )
    baseline = forms.DecimalField(
        label="Baseline (%)",
        decimal_places=1,
        required=False,
        help_text="Optional: the figure the target started from",
        error_messages={"invalid": "Enter the baseline as a number"},
    )
    source = forms.CharField(
        label="Source and evidence",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Where the figure comes from, such as the Place Survey or the National Survey of Third Sector "
        "Organisations",
        error_messages={"required": "Say where the figure comes from"},
    )
    reason = ChangeReasonField()

    def __init__(self, *args, agreement: LocalAreaAgreement, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = agreement.targets.select_related("indicator")
        self.fields["year"].choices = [
            ("", "Choose a year"),
            *((year, str(year)) for year in agreement_years(agreement)),
        ]
