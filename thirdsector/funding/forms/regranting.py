"""Forms for the small grants allocation: the deprivation upload, local funders, a new fund, adjusting, approving."""

from django import forms

from thirdsector.core.forms import ChangeReasonField, GovukForm
from thirdsector.register.models import Area, AreaType, Organisation, OrganisationStatus

from ..models import DeprivationDataset, FunderAllocation, Programme, ProgrammeStatus

# The councils a local funder can cover: England's lower-tier and unitary authorities in use today.
COUNCIL_TYPES = [
    AreaType.NON_METROPOLITAN_DISTRICT,
    AreaType.METROPOLITAN_DISTRICT,
    AreaType.LONDON_BOROUGH,
    AreaType.UNITARY,
    AreaType.CITY_CORPORATION,
]


def councils():
    return Area.objects.filter(is_current=True, gss_code__startswith="E", area_type__in=COUNCIL_TYPES).order_by("name")


class DeprivationUploadForm(GovukForm):
    name = forms.CharField(
        label="Name of the dataset", max_length=200, error_messages={"required": "Enter a name for the dataset"}
    )
    source = forms.CharField(
        label="Where the figures come from",
        max_length=300,
        help_text="For example, English Indices of Deprivation 2019, File 10: local authority district summaries. "
        "Say plainly if the figures are made up.",
        error_messages={"required": "Say where the figures come from"},
    )
    file = forms.FileField(
        label="CSV file",
        help_text="In the layout of the English Indices of Deprivation local authority summaries, with the columns "
        "“Local Authority District code (2019)”, “Local Authority District name (2019)”, “IMD - Average score” and "
        "“IMD - Rank of average score”",
        error_messages={"required": "Choose the CSV file to upload"},
    )
    keep_valid_rows = forms.BooleanField(
        label="Keep the valid rows if some are rejected",
        required=False,
        help_text="If you leave this unticked, nothing is saved when any row is rejected",
    )


class LocalFunderForm(GovukForm):
    organisation = forms.ModelChoiceField(
        label="Organisation in the register",
        queryset=Organisation.objects.none(),
        error_messages={"required": "Choose the organisation"},
    )
    areas = forms.ModelMultipleChoiceField(
        label="Councils it covers",
        queryset=Area.objects.none(),
        help_text="Hold Ctrl (or Cmd) to choose more than one. Each council has one local funder.",
        error_messages={"required": "Choose at least one council"},
    )
    capacity = forms.DecimalField(
        label="Capacity in pounds (optional)",
        required=False,
        min_value=0,
        help_text="The most it can take and regrant in a year; leave empty for no limit",
    )
    reason = ChangeReasonField()

    def __init__(self, *args, organisation_fixed: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["areas"].queryset = councils()
        self.fields["organisation"].queryset = Organisation.objects.filter(status=OrganisationStatus.ACTIVE)
        self.fields["organisation"].widget = forms.NumberInput()
        self.fields["organisation"].help_text = "The organisation's number in the register, from its page's address"
        if organisation_fixed:
            del self.fields["organisation"]


class FundForm(GovukForm):
    name = forms.CharField(label="Name of the fund", max_length=200, error_messages={"required": "Enter a name"})
    programme = forms.ModelChoiceField(
        label="National programme it is paid from",
        queryset=Programme.objects.filter(status=ProgrammeStatus.ACTIVE, funded_by__isnull=True),
        error_messages={"required": "Choose the national programme"},
    )
    financial_year = forms.IntegerField(
        label="Financial year it starts",
        min_value=2000,
        max_value=2100,
        help_text="For example, 2026 for April 2026 to March 2027",
        error_messages={"required": "Enter the financial year"},
    )
    total = forms.DecimalField(label="Total in pounds", min_value=1, error_messages={"required": "Enter the total"})
    dataset = forms.ModelChoiceField(
        label="Deprivation dataset",
        queryset=DeprivationDataset.objects.order_by("-uploaded_at"),
        error_messages={"required": "Choose the deprivation dataset"},
    )
    floor_per_area = forms.DecimalField(label="Floor per area in pounds", min_value=0)
    admin_share_percent = forms.DecimalField(label="Admin share (%)", min_value=0, max_value=100, decimal_places=2)
    weight_population = forms.DecimalField(label="Weight of population (%)", min_value=0, max_value=100)
    weight_deprivation = forms.DecimalField(label="Weight of deprivation (%)", min_value=0, max_value=100)
    weight_small_groups = forms.DecimalField(label="Weight of small groups (%)", min_value=0, max_value=100)


class AdjustForm(GovukForm):
    from_allocation = forms.ModelChoiceField(
        label="Move money from",
        queryset=FunderAllocation.objects.none(),
        error_messages={"required": "Choose who gives"},
    )
    to_allocation = forms.ModelChoiceField(
        label="Move money to", queryset=FunderAllocation.objects.none(), error_messages={"required": "Choose who gets"}
    )
    amount = forms.DecimalField(
        label="Amount in whole pounds",
        min_value=1,
        error_messages={"required": "Enter the amount", "invalid": "Enter the amount as a whole number of pounds"},
    )
    reason = forms.CharField(
        label="Reason",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Kept with the adjustment and shown in the allocation's history",
        error_messages={"required": "Say why the allocation is adjusted"},
    )

    def __init__(self, *args, fund, **kwargs):
        super().__init__(*args, **kwargs)
        choices = fund.funder_allocations.select_related("local_funder__organisation").order_by(
            "local_funder__organisation__name"
        )
        for name in ("from_allocation", "to_allocation"):
            self.fields[name].queryset = choices
            self.fields[name].label_from_instance = lambda row: f"{row.local_funder} (£{row.amount:,.0f})"

    def clean(self):
        data = super().clean()
        if data.get("from_allocation") and data.get("from_allocation") == data.get("to_allocation"):
            self.add_error("to_allocation", "Choose a different local funder to move the money to")
        return data


class StepForm(GovukForm):
    reason = ChangeReasonField(label="Reason", help_text="Kept in the fund's history")
