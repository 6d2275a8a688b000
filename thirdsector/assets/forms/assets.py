"""The council's offer of an asset, and withdrawing it."""

from decimal import Decimal

from django import forms

from thirdsector.core.forms import ChangeReasonField, GovukForm
from thirdsector.register.models import Area

from ..models import AssetCondition, AssetType, Tenure

MONEY = {"max_digits": 14, "decimal_places": 2, "min_value": Decimal("0")}


class OfferForm(GovukForm):
    council = forms.ModelChoiceField(label="Council offering the asset", queryset=None, empty_label=None)
    name = forms.CharField(label="Name of the asset", max_length=200, help_text="For example, Holbeck Community Centre")
    asset_type = forms.ChoiceField(label="Type", choices=AssetType.choices, widget=forms.RadioSelect)
    address = forms.CharField(label="Site address", max_length=300)
    postcode = forms.CharField(label="Postcode", max_length=10)
    local_authority = forms.ModelChoiceField(
        label="Local authority area", queryset=Area.objects.filter(is_current=True, parent__isnull=False)
    )
    condition = forms.ChoiceField(label="Condition", choices=AssetCondition.choices, widget=forms.RadioSelect)
    current_use = forms.CharField(label="Current use", widget=forms.Textarea(attrs={"rows": 3}))
    market_value = forms.DecimalField(label="Market value, in pounds", **MONEY)
    tenure = forms.ChoiceField(label="Proposed terms", choices=Tenure.choices, widget=forms.RadioSelect)
    lease_years = forms.IntegerField(
        label="Length of lease in years", required=False, min_value=1, help_text="Only for a lease; often 25 or more"
    )
    price = forms.DecimalField(
        label="Price asked, in pounds", help_text="At or below market value; the discount is recorded", **MONEY
    )

    def __init__(self, *args, councils, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["council"].queryset = councils

    def clean(self):
        data = super().clean()
        if data.get("tenure") == Tenure.LEASE and not data.get("lease_years"):
            self.add_error("lease_years", "Enter the length of the lease in years")
        market_value, price = data.get("market_value"), data.get("price")
        if market_value is not None and price is not None and price > market_value:
            self.add_error("price", "The price cannot be more than the market value")
        return data


class WithdrawForm(GovukForm):
    reason = ChangeReasonField(label="Why is the offer withdrawn?")
