"""The yearly financial return."""

from django import forms

from thirdsector.core.forms import GovukModelForm

from ..models import FinancialReturn

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class FinancialReturnForm(GovukModelForm):
    year = forms.IntegerField(
        label="Financial year",
        min_value=2000,
        max_value=2100,
        help_text="The year the financial year starts, for example 2025 for April 2025 to March 2026",
    )

    class Meta:
        model = FinancialReturn
        fields = [
            "year",
            "income_grants",
            "income_contracts",
            "income_earned",
            "income_donations",
            "income_investment",
            "spending",
            "unrestricted_reserves",
            "assets_value",
            "owns_or_manages_building",
            "business_plan_on",
        ]
        widgets = {"business_plan_on": DATE}
        help_texts = {
            "income_grants": "In pounds, for the whole financial year. Enter 0 if none",
            "income_earned": "Trading, room hire, charges for services",
            "spending": "Everything the organisation spent in the year",
            "unrestricted_reserves": "Reserves not tied to a purpose by a funder, at the year's end",
            "business_plan_on": "The date the business plan in use was agreed; leave empty if there is none",
        }
