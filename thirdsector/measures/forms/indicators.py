from django import forms

from thirdsector.core.forms import GovukForm

from ..models import Unit


class YearForm(GovukForm):
    year = forms.TypedChoiceField(label="Year", coerce=int, required=False, empty_value=None)

    def __init__(self, *args, years: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = years


class TargetForm(GovukForm):
    target = forms.DecimalField(
        label="Target",
        required=False,
        max_digits=12,
        decimal_places=1,
        help_text="Leave empty for no target",
        error_messages={"invalid": "Enter the target as a number, like 75 or 12.5"},
    )
    reason = forms.CharField(
        label="Why the target is changing",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        error_messages={"required": "Say why the target is changing"},
    )

    def __init__(self, *args, unit: str, **kwargs):
        super().__init__(*args, **kwargs)
        if unit == Unit.PERCENT:
            self.fields["target"].label = "Target (%)"
