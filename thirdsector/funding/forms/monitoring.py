"""Forms for monitoring returns: the staff list's filters, the organisation's return, and the review."""

from django import forms

from thirdsector.core.forms import GovukForm

from ..selectors.monitoring import NEEDS_ATTENTION, RETURN_VIEWS, ReturnFilters
from ..selectors.programmes import programmes_run_by


class ReturnFilterForm(GovukForm):
    programme = forms.ModelChoiceField(
        label="Programme", required=False, queryset=None, empty_label="Every programme you run"
    )
    show = forms.ChoiceField(label="Show", required=False, choices=RETURN_VIEWS)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes_run_by(user)

    def filters(self) -> ReturnFilters:
        if not self.is_bound:
            return ReturnFilters()
        return ReturnFilters(
            programme=self.cleaned_data["programme"], show=self.cleaned_data["show"] or NEEDS_ATTENTION
        )


class ReturnForm(GovukForm):
    outputs = forms.CharField(
        label="What did you deliver in the period?",
        help_text="For example, events held, people supported, groups reached",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
        error_messages={"required": "Describe what you delivered in the period"},
    )
    outcomes = forms.CharField(
        label="What changed because of it?",
        help_text="The difference the work made, with any evidence",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
        error_messages={"required": "Describe what changed because of the work"},
    )
    spend = forms.DecimalField(
        label="How much of the grant did you spend in the period?",
        help_text="In pounds, for example 12500.00",
        min_value=0,
        max_digits=14,
        decimal_places=2,
        error_messages={
            "required": "Enter the spend in the period",
            "invalid": "Enter the spend as an amount in pounds, like 12500.00",
            "min_value": "Spend cannot be less than £0.00",
            "max_decimal_places": "Enter the spend in pounds and pence, with no more than 2 decimal places",
        },
    )


class ReturnReviewForm(GovukForm):
    notes = forms.CharField(
        label="Notes for the organisation",
        required=False,
        max_length=2000,
        help_text="Needed when you ask for more information: say what is missing",
        widget=forms.Textarea(attrs={"rows": 4}),
    )
