"""The year and programme filter of the decision-times page (the figure's rows_url carries both)."""

from django import forms
from django.utils import timezone

from thirdsector.core.forms import GovukForm

from ..financial_years import financial_year_of


class DecisionTimesForm(GovukForm):
    year = forms.IntegerField(
        label="Financial year (the year it starts)", min_value=2000, max_value=2100, required=False
    )
    programme = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def choices(self) -> tuple[int, int | None]:
        """The financial year asked for (this one if none or invalid) and the programme id, if any."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return data.get("year") or financial_year_of(timezone.localdate()), data.get("programme")
