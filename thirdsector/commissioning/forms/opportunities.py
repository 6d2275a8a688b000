"""Forms for opportunities, their lots, the finder's filters and registering interest."""

from django import forms

from thirdsector.core.forms import GovukForm, GovukModelForm
from thirdsector.register.models import Area, Organisation, PolicyArea

from ..models import CommissioningPlan, Lot, Opportunity, OpportunityKind
from .plans import DATE, areas_field, money_field, organisations_among


class OpportunityForm(GovukModelForm):
    commissioner = forms.ModelChoiceField(queryset=Organisation.objects.none(), label="Commissioning body")
    plan = forms.ModelChoiceField(
        queryset=CommissioningPlan.objects.none(),
        required=False,
        label="From plan (optional)",
        help_text="One of your published plans",
    )
    kind = forms.ChoiceField(choices=OpportunityKind.choices, widget=forms.RadioSelect, label="Contract or grant")
    areas = areas_field()
    length_months = forms.IntegerField(
        label="Length of the agreement, in months",
        min_value=1,
        max_value=240,
        help_text="36 months or more is the good practice the Compact asks for",
    )
    social_value_weighting = forms.IntegerField(
        label="Social value weighting (%)",
        min_value=0,
        max_value=100,
        initial=0,
        help_text="Share of the evaluation given to social value",
    )

    class Meta:
        model = Opportunity
        fields = [
            "commissioner",
            "plan",
            "title",
            "description",
            "kind",
            "policy_area",
            "areas",
            "length_months",
            "payment_in_advance",
            "full_cost_recovery",
            "social_value_weighting",
            "opens_on",
            "closes_on",
        ]
        widgets = {"opens_on": DATE, "closes_on": DATE}
        labels = {
            "policy_area": "Policy area",
            "opens_on": "Opens on",
            "closes_on": "Closes on",
        }

    def __init__(self, *args, commissioners, plans, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["commissioner"]
            del self.fields["plan"]
        else:
            self.fields["commissioner"].queryset = organisations_among(commissioners)
            if len(commissioners) == 1:
                self.fields["commissioner"].initial = commissioners[0]
            self.fields["plan"].queryset = plans

    def clean(self):
        data = super().clean()
        opens_on, closes_on = data.get("opens_on"), data.get("closes_on")
        if opens_on and closes_on and closes_on < opens_on:
            self.add_error("closes_on", "The closing date must be on or after the opening date")
        return data


class LotForm(GovukModelForm):
    value = money_field("Estimated value (£)")

    class Meta:
        model = Lot
        fields = ["title", "value"]
        labels = {"title": "What the lot covers"}


class FinderForm(GovukForm):
    """The finder's filters; every field optional, read from the query string."""

    area = forms.ModelChoiceField(
        queryset=Area.objects.filter(is_current=True).order_by("name"),
        required=False,
        label="Area",
        help_text="A council or a region: a region finds its councils' opportunities too",
        empty_label="Anywhere",
    )
    policy_area = forms.ModelChoiceField(
        queryset=PolicyArea.objects.order_by("name"), required=False, label="Policy area", empty_label="Any"
    )
    kind = forms.ChoiceField(
        choices=[("", "Contracts and grants"), *OpportunityKind.choices], required=False, label="Contract or grant"
    )
    long_term = forms.BooleanField(required=False, label="Good practice: 3 years or more")
    payment_in_advance = forms.BooleanField(required=False, label="Payment in advance allowed")
    full_cost_recovery = forms.BooleanField(required=False, label="Full cost recovery allowed")
    closes_from = forms.DateField(required=False, label="Closing on or after", widget=DATE)
    closes_to = forms.DateField(required=False, label="Closing on or before", widget=DATE)
    include_closed = forms.BooleanField(required=False, label="Include closed and awarded opportunities")


class InterestForm(GovukForm):
    organisation = forms.ModelChoiceField(queryset=Organisation.objects.none(), label="Your organisation")
    note = forms.CharField(
        label="Anything the commissioner should know (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations_among(organisations)
        if len(organisations) == 1:
            self.fields["organisation"].initial = organisations[0]
