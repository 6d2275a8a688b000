from django import forms

from thirdsector.core.forms import ChangeReasonField, GovukForm, GovukModelForm
from thirdsector.core.widgets import QuickSelect

from .models import Area, Characteristic, Organisation, OrganisationKind, PolicyArea
from .orgid import scheme_choices
from .selectors import (
    RegisterFilters,
    area_choices,
    area_filter_choices,
    area_label,
    characteristic_choices,
    policy_area_choices,
)
from .size_bands import SizeBand


class AreaChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, area: Area) -> str:
        return area_label(area.name, area.area_type)


class OrganisationSearchForm(GovukForm):
    q = forms.CharField(
        label="Search",
        required=False,
        max_length=200,
        help_text="Name, charity or company number, Org-ID or postcode",
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    # QuickSelect: the area list has over 400 options, too many for Django's template per option.
    kind = forms.ChoiceField(
        label="Kind", required=False, choices=[("", "Any kind"), *OrganisationKind.choices], widget=QuickSelect
    )
    size_band = forms.ChoiceField(
        label="Size", required=False, choices=[("", "Any size"), *SizeBand.choices], widget=QuickSelect
    )
    area = AreaChoiceField(
        label="Area", required=False, queryset=Area.objects.none(), empty_label="Anywhere", widget=QuickSelect
    )
    policy_area = forms.ModelChoiceField(
        label="Policy area",
        required=False,
        queryset=PolicyArea.objects.all(),
        empty_label="Any policy area",
        widget=QuickSelect,
    )
    characteristic = forms.ModelChoiceField(
        label="Characteristic",
        required=False,
        queryset=Characteristic.objects.all(),
        empty_label="Any",
        widget=QuickSelect,
    )
    include_removed = forms.BooleanField(label="Include removed organisations", required=False)

    def __init__(self, *args, can_see_removed: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = area_choices()
        # The options come from memory (see selectors.REFERENCE_DATA_SECONDS), not a query each time;
        # the querysets still check what is chosen. As tuples, QuickSelect renders them once.
        for name, choices in (
            ("area", area_filter_choices()),
            ("policy_area", policy_area_choices()),
            ("characteristic", characteristic_choices()),
        ):
            self.fields[name].widget.choices = (("", self.fields[name].empty_label), *choices)
        for name in ("kind", "size_band"):
            self.fields[name].widget.choices = tuple(self.fields[name].choices)
        if not can_see_removed:
            del self.fields["include_removed"]
        for name in ("kind", "size_band", "area", "policy_area", "characteristic"):
            self.fields[name].error_messages["invalid_choice"] = (
                f"Choose a {self.fields[name].label.lower()} from the list"
            )

    def filters(self) -> RegisterFilters:
        data = self.cleaned_data
        return RegisterFilters.from_choices(data, include_removed=data.get("include_removed", False))


MEMBER_FIELDS = [
    "description",
    "address_line_1",
    "address_line_2",
    "town",
    "postcode",
    "local_authority",
    "website",
    "email",
    "phone",
    "characteristics",
    "policy_areas",
    "areas_served",
]
STAFF_FIELDS = ["name", "kind", "latest_income", "income_period_end", "registered_on", *MEMBER_FIELDS]


class OrganisationForm(GovukModelForm):
    """The record's fields; members of the organisation see fewer fields than staff."""

    reason = ChangeReasonField()

    class Meta:
        model = Organisation
        fields = STAFF_FIELDS
        widgets = {
            "characteristics": forms.CheckboxSelectMultiple,
            "policy_areas": forms.CheckboxSelectMultiple,
            "income_period_end": forms.DateInput(attrs={"type": "date"}),
            "registered_on": forms.DateInput(attrs={"type": "date"}),
            "description": forms.Textarea(attrs={"rows": 4}),
        }
        error_messages = {
            "name": {"required": "Enter the organisation's name"},
            "kind": {"required": "Choose what kind of organisation it is"},
            "latest_income": {"invalid": "Enter the income as a number of pounds, like 25000"},
            "website": {"invalid": "Enter a web address in the correct format, like https://www.example.org.uk"},
            "email": {"invalid": "Enter an email address in the correct format, like info@example.org.uk"},
        }

    def __init__(self, *args, staff: bool, creating: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not staff:
            for name in set(STAFF_FIELDS) - set(MEMBER_FIELDS):
                del self.fields[name]
        if creating:
            self.fields["identifier"] = forms.CharField(
                label="Main identifier (Org-ID)",
                required=False,
                max_length=120,
                help_text="For example GB-CHC-1123456 for a registered charity, or GB-COH-01234567 for a company",
            )
            self.fields["reason"].initial = "Added to the register"
            self.order_fields(["name", "kind", "identifier"])
        areas = area_choices()
        self.fields["local_authority"] = AreaChoiceField(
            label="Local authority where based", queryset=areas, required=False, empty_label="Not known"
        )
        self.fields["areas_served"] = forms.ModelMultipleChoiceField(
            label="Areas served",
            queryset=areas,
            required=False,
            help_text="Hold Ctrl (or Cmd) to choose more than one",
            widget=forms.SelectMultiple(attrs={"class": "govuk-select", "size": 8}),
        )
        if self.instance.pk:
            self.initial["areas_served"] = list(self.instance.areas_served.values_list("pk", flat=True))
            if self.instance.local_authority_id:
                self.initial["local_authority"] = self.instance.local_authority_id
        self.order_fields([*[f for f in STAFF_FIELDS if f in self.fields], "identifier", "reason"])

    def clean_latest_income(self):
        income = self.cleaned_data.get("latest_income")
        if income is not None and income < 0:
            raise forms.ValidationError("Income cannot be less than £0")
        return income


class IdentifierForm(GovukForm):
    scheme = forms.ChoiceField(
        label="Scheme",
        choices=[("", "Choose a scheme"), *scheme_choices()],
        required=False,
        help_text="Leave empty if you type the identifier with its prefix, like GB-CHC-1123456",
    )
    identifier = forms.CharField(
        label="Identifier", max_length=120, error_messages={"required": "Enter the identifier"}
    )
    make_primary = forms.BooleanField(label="Make this the main identifier", required=False)
    reason = ChangeReasonField()


class ReasonForm(GovukForm):
    reason = ChangeReasonField()


class MergeForm(GovukForm):
    keep = forms.ChoiceField(
        label="Which record do you want to keep?",
        widget=forms.RadioSelect,
        help_text="Everything linked to the other record moves to this one. The other is kept, marked as merged.",
        error_messages={"required": "Choose the record to keep"},
    )
    reason = ChangeReasonField()

    def __init__(self, *args, first: Organisation, second: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["keep"].choices = [
            (str(first.pk), f"{first.name} (#{first.pk})"),
            (str(second.pk), f"{second.name} (#{second.pk})"),
        ]
