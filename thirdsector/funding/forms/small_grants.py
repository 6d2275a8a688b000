"""The filters above the list of end grants: local funder, area, characteristic, first-time grantees."""

from django import forms

from thirdsector.core.forms import GovukForm
from thirdsector.core.widgets import QuickSelect
from thirdsector.register.forms import AreaChoiceField
from thirdsector.register.selectors import area_choices, area_filter_choices

from ..models import Programme
from ..selectors.small_grants import EndGrantFilters, characteristics_shown

NATIONS = ("England", "Scotland", "Wales", "Northern Ireland")
YES_NO = {"yes": True, "no": False}


class _LocalFunderChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, programme: Programme) -> str:
        return f"{programme.administering_body.name}: {programme.name}"


class EndGrantFilterForm(GovukForm):
    programme = _LocalFunderChoiceField(
        label="Local funder", required=False, queryset=Programme.objects.none(), empty_label="Every local funder"
    )
    nation = forms.ChoiceField(
        label="Nation", required=False, choices=[("", "Any nation"), *((nation, nation) for nation in NATIONS)]
    )
    characteristic = forms.ChoiceField(label="Group led by", required=False)
    first_time = forms.ChoiceField(
        label="First-time grantees",
        required=False,
        choices=[("", "Any group"), ("yes", "First grant on the platform"), ("no", "Has had a grant before")],
    )

    def __init__(self, *args, programmes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes
        self.fields["area"] = AreaChoiceField(
            label="Region or local authority of the group",
            required=False,
            queryset=area_choices(),
            empty_label="Anywhere",
            widget=QuickSelect,
        )
        # As in the funding lists: the 400 areas come from memory, the queryset checks the choice.
        self.fields["area"].widget.choices = (("", "Anywhere"), *area_filter_choices())
        self.fields["characteristic"].choices = [("", "Any group"), *characteristics_shown().items()]
        self.order_fields(["programme", "area", "nation", "characteristic", "first_time"])
        for name in ("programme", "area", "nation", "characteristic", "first_time"):
            label = self.fields[name].label.lower()
            self.fields[name].error_messages["invalid_choice"] = f"Choose a {label} from the list"

    def filters(self) -> EndGrantFilters:
        data = dict(self.cleaned_data)
        data["first_time"] = YES_NO.get(data.get("first_time") or "")
        return EndGrantFilters.from_choices(data)
