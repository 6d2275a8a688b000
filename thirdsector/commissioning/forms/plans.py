"""Forms for plans and involvement; the rules (who took part, dates in order) live in the services.

Organisations are named by typing them (one a line: the register's name or an Org-ID), because a list
of 200,000 to choose from cannot be shown; `RegisterOrganisationsField` finds each in the register and
says which lines it could not place.
"""

from decimal import Decimal

from django import forms
from django.db.models import QuerySet

from thirdsector.compact.models import Consultation
from thirdsector.core.forms import GovukForm, GovukModelForm
from thirdsector.register.models import Area, Identifier, Organisation, OrganisationStatus
from thirdsector.register.normalise import normalise_name

from ..models import ActivityKind, CommissioningPlan, InvolvementActivity

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class RegisterOrganisationsField(forms.CharField):
    """Register organisations, one a line, by name or Org-ID (GB-CHC-1234567); returns Organisations."""

    widget = forms.Textarea(attrs={"rows": 4})

    def to_python(self, value) -> list[Organisation]:
        lines = [line.strip() for line in (super().to_python(value) or "").splitlines() if line.strip()]
        found, unknown, ambiguous = [], [], []
        for line in dict.fromkeys(lines):
            by_id = Identifier.objects.filter(org_id__iexact=line).select_related("organisation").first()
            if by_id is not None:
                found.append(by_id.organisation)
                continue
            matches = list(
                Organisation.objects.filter(
                    normalised_name=normalise_name(line), status=OrganisationStatus.ACTIVE
                ).order_by("id")[:2]
            )
            if len(matches) == 1:
                found.append(matches[0])
            else:
                (ambiguous if matches else unknown).append(line)
        if unknown:
            raise forms.ValidationError(
                f"Not found in the register: {', '.join(unknown)}. Check the name or use its Org-ID"
            )
        if ambiguous:
            raise forms.ValidationError(
                f"More than one organisation is called {', '.join(ambiguous)}; "
                "use its Org-ID (for example GB-CHC-1234567)"
            )
        return list(dict.fromkeys(found))

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(item.name if isinstance(item, Organisation) else str(item) for item in value)
        return value


def organisations_among(organisations) -> "QuerySet[Organisation]":
    """A choice field's queryset of these organisations (views hand forms the lists they already read)."""
    return Organisation.objects.filter(pk__in=[organisation.pk for organisation in organisations]).order_by("name")


def areas_field() -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(
        queryset=Area.objects.filter(is_current=True).order_by("name"),
        label="Areas it covers",
        help_text="A region covers every council in it. Hold Ctrl (or Cmd) to choose more than one",
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )


def money_field(label: str) -> forms.DecimalField:
    """Pounds and pence, more than nothing (the tables' constraints, said in words)."""
    return forms.DecimalField(label=label, max_digits=14, decimal_places=2, min_value=Decimal("0.01"))


class PlanForm(GovukModelForm):
    commissioner = forms.ModelChoiceField(queryset=Organisation.objects.none(), label="Commissioning body")
    estimated_value = money_field("Estimated total value (£)")
    duration_months = forms.IntegerField(
        label="Length of the agreements, in months",
        min_value=1,
        max_value=240,
        help_text="36 months or more is the good practice the Compact asks for",
    )
    areas = areas_field()

    class Meta:
        model = CommissioningPlan
        fields = [
            "commissioner",
            "title",
            "service_area",
            "outcomes_sought",
            "needs_evidence",
            "estimated_value",
            "duration_months",
            "areas",
            "involvement_closes_on",
            "procurement_starts_on",
            "service_starts_on",
            "consultation",
        ]
        widgets = {
            "involvement_closes_on": DATE,
            "procurement_starts_on": DATE,
            "service_starts_on": DATE,
        }
        labels = {
            "title": "What you intend to commission",
            "service_area": "Service area",
            "outcomes_sought": "Outcomes sought",
            "involvement_closes_on": "Involvement closes on",
            "consultation": "Compact consultation (optional)",
        }
        help_texts = {"procurement_starts_on": "Procurement starts after involvement closes"}

    def __init__(self, *args, commissioners, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["commissioner"]
        else:
            self.fields["commissioner"].queryset = organisations_among(commissioners)
            if len(commissioners) == 1:
                self.fields["commissioner"].initial = commissioners[0]
        self.fields["consultation"].queryset = Consultation.objects.order_by("-created_at", "-id")
        self.fields["consultation"].required = False


class ActivityForm(GovukModelForm):
    kind = forms.ChoiceField(choices=ActivityKind.choices, widget=forms.RadioSelect, label="Kind of activity")
    organisations = RegisterOrganisationsField(
        label="Organisations that took part",
        required=False,
        help_text="One a line: the name as in the register, or its Org-ID such as GB-CHC-1234567",
    )

    class Meta:
        model = InvolvementActivity
        fields = [
            "kind",
            "title",
            "held_on",
            "organisations",
            "service_users",
            "community_members",
            "summary",
            "what_changed",
            "consultation",
        ]
        widgets = {"held_on": DATE}
        labels = {"consultation": "Compact consultation (for a consultation)"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consultation"].queryset = Consultation.objects.order_by("-created_at", "-id")
        self.fields["consultation"].required = False
        if self.instance.pk:
            self.initial["organisations"] = list(self.instance.organisations.all())


class StepForm(GovukForm):
    reason = forms.CharField(
        label="Why", widget=forms.Textarea(attrs={"rows": 3}), help_text="Kept in the record's history"
    )
