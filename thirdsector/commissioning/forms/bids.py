"""Forms for consortia and bids; the rules (members in the register, one bid per lot) live in the services."""

from django import forms

from thirdsector.core.forms import GovukForm
from thirdsector.register.models import Organisation

from ..models import Consortium, Lot
from .plans import RegisterOrganisationsField, organisations_among


class ConsortiumForm(GovukForm):
    name = forms.CharField(label="Name of the consortium", max_length=200)
    lead = forms.ModelChoiceField(queryset=Organisation.objects.none(), label="Lead organisation")
    members = RegisterOrganisationsField(
        label="Members",
        help_text="The other organisations, one a line: the name as in the register, or its Org-ID. "
        "Each member's administrator is asked to confirm",
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = organisations_among(organisations)
        if len(organisations) == 1:
            self.fields["lead"].initial = organisations[0]


class BidForm(GovukForm):
    lot = forms.ModelChoiceField(queryset=Lot.objects.none(), label="Lot", empty_label=None)
    bidder = forms.ChoiceField(label="Who is bidding", widget=forms.RadioSelect)
    price = forms.DecimalField(label="Price (£)", max_digits=14, decimal_places=2, min_value=0)
    summary = forms.CharField(label="How you would deliver it", widget=forms.Textarea(attrs={"rows": 6}))

    def __init__(self, *args, lots, organisations, consortia, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lot"].queryset = lots
        self._organisations = {f"organisation-{o.pk}": o for o in organisations}
        self._consortia = {f"consortium-{c.pk}": c for c in consortia}
        self.fields["bidder"].choices = [
            *((key, f"{o.name} on its own") for key, o in self._organisations.items()),
            *((key, f"{c.name} (a consortium led by {c.lead.name})") for key, c in self._consortia.items()),
        ]

    def bidder_parts(self) -> tuple[Organisation, Consortium | None]:
        key = self.cleaned_data["bidder"]
        if key in self._consortia:
            consortium = self._consortia[key]
            return consortium.lead, consortium
        return self._organisations[key], None
