"""An anchor's service and its opening times, for the Open Referral UK feed."""

from django import forms

from thirdsector.core.forms import GovukForm, GovukModelForm
from thirdsector.register.models import Area

from ..models import AnchorService, Taxonomy, Weekday

TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class ServiceForm(GovukModelForm):
    taxonomies = forms.ModelMultipleChoiceField(
        queryset=Taxonomy.objects.order_by("name"),
        required=False,
        label="Categories",
        help_text="From the Local Government Service List; hold Ctrl or Cmd to choose more than one",
    )
    service_areas = forms.ModelMultipleChoiceField(
        queryset=Area.objects.filter(is_current=True).exclude(area_type="RGN").order_by("name"),
        required=False,
        label="Local authority areas it serves",
        help_text="Hold Ctrl or Cmd to choose more than one",
    )

    class Meta:
        model = AnchorService
        fields = [
            "name",
            "description",
            "status",
            "fees",
            "url",
            "email",
            "phone",
            "contact_name",
            "contact_title",
            "eligibility",
            "minimum_age",
            "maximum_age",
            "languages",
            "funding",
            "location_name",
            "address_1",
            "city",
            "postal_code",
            "taxonomies",
            "service_areas",
        ]
        labels = {"name": "Name of the service", "description": "What the service does"}


class OpeningForm(GovukForm):
    byday = forms.ChoiceField(label="Day", choices=Weekday.choices)
    opens_at = forms.TimeField(label="Opens at", widget=TIME, help_text="For example, 09:30")
    closes_at = forms.TimeField(label="Closes at", widget=TIME)
    description = forms.CharField(label="Note (optional)", required=False, max_length=200)
