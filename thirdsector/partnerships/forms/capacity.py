"""Forms for capacity building; the rules (coverage, one offer per kind, charges) live in the services."""

from django import forms

from thirdsector.core.forms import ChangeReasonField, GovukForm
from thirdsector.core.widgets import QuickSelect
from thirdsector.register.models import Area, AreaType, Organisation, OrganisationStatus

from ..models import LocalStrategicPartnership
from ..models.capacity import HelpKind, OutcomeCategory, RequestStatus, SupportBody, SupportBodyKind

# Areas a body or offer may cover: current local authorities, counties and English regions.
COVERABLE_TYPES = [kind for kind in AreaType.values if kind not in (AreaType.COMBINED, AreaType.STRATEGIC_REGIONAL)]


def coverable_areas():
    return Area.objects.filter(is_current=True, area_type__in=COVERABLE_TYPES).order_by("name")


def _text(
    label: str, *, required: bool = True, rows: int = 5, help_text: str = "", message: str = ""
) -> forms.CharField:
    return forms.CharField(
        label=label,
        widget=forms.Textarea(attrs={"rows": rows}),
        required=required,
        max_length=5000,
        help_text=help_text,
        error_messages={"required": message or f"Enter {label[0].lower() + label[1:]}".rstrip("?")},
    )


class BodyFilterForm(GovukForm):
    area = forms.ModelChoiceField(
        label="Area", queryset=Area.objects.none(), required=False, widget=QuickSelect, empty_label="All areas"
    )
    kind = forms.ChoiceField(label="Kind of help", required=False, choices=[("", "All kinds"), *HelpKind.choices])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = coverable_areas()


class SupportBodyForm(GovukForm):
    organisation = forms.IntegerField(
        label="Register record number",
        help_text="The number at the end of the organisation's page address in the register",
        min_value=1,
        error_messages={"required": "Enter the organisation's register record number"},
    )
    kind = forms.ChoiceField(label="Kind of support body", choices=SupportBodyKind.choices, widget=forms.RadioSelect)
    is_national = forms.BooleanField(label="Covers the whole country", required=False)
    areas = forms.ModelMultipleChoiceField(
        label="Areas it covers",
        queryset=Area.objects.none(),
        required=False,
        help_text="Local authorities, counties or regions; a county or region covers every local authority in it",
        widget=forms.SelectMultiple(attrs={"size": 10}),
    )
    partnerships = forms.ModelMultipleChoiceField(
        label="Local Strategic Partnerships it supports",
        queryset=LocalStrategicPartnership.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    contact_name = forms.CharField(label="Contact name", max_length=150, required=False)
    contact_email = forms.EmailField(
        label="Contact email address", error_messages={"required": "Enter the contact email address"}
    )
    contact_phone = forms.CharField(label="Contact phone number", max_length=40, required=False)
    reason = ChangeReasonField()

    def __init__(self, *args, body: SupportBody | None = None, **kwargs):
        if body is not None and not kwargs.get("data") and not args:
            kwargs["initial"] = {
                "organisation": body.organisation_id,
                "kind": body.kind,
                "is_national": body.is_national,
                "areas": list(body.areas.all()),
                "partnerships": list(body.partnerships.all()),
                "contact_name": body.contact_name,
                "contact_email": body.contact_email,
                "contact_phone": body.contact_phone,
            }
        super().__init__(*args, **kwargs)
        self.fields["areas"].queryset = coverable_areas()
        self.fields["partnerships"].queryset = LocalStrategicPartnership.objects.order_by("name")

    def clean_organisation(self):
        organisation = Organisation.objects.filter(
            pk=self.cleaned_data["organisation"], status=OrganisationStatus.ACTIVE
        ).first()
        if organisation is None:
            raise forms.ValidationError("There is no active organisation in the register with that number")
        return organisation


class OfferForm(GovukForm):
    kind = forms.ChoiceField(label="Kind of help", choices=HelpKind.choices, widget=forms.RadioSelect)
    description = _text("What the help is", message="Describe the help")
    is_free = forms.TypedChoiceField(
        label="Is it free?",
        choices=[("yes", "Free"), ("no", "Charged for")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether the help is free"},
    )
    charges = forms.CharField(label="What it costs", max_length=200, required=False, help_text="If charged for")
    areas = forms.ModelMultipleChoiceField(
        label="Areas, if narrower than the body's",
        queryset=Area.objects.none(),
        required=False,
        help_text="Leave empty when the help covers all the body's areas",
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    reason = ChangeReasonField()

    def __init__(self, *args, offer=None, **kwargs):
        if offer is not None and not kwargs.get("data") and not args:
            kwargs["initial"] = {
                "kind": offer.kind,
                "description": offer.description,
                "is_free": "yes" if offer.is_free else "no",
                "charges": offer.charges,
                "areas": list(offer.areas.all()),
            }
        super().__init__(*args, **kwargs)
        self.fields["areas"].queryset = coverable_areas()


class RequestStartForm(GovukForm):
    """The first question: which organisation needs help, and what kind."""

    organisation = forms.ModelChoiceField(
        label="Which organisation needs support?",
        queryset=Organisation.objects.none(),
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the organisation that needs support"},
    )
    kind = forms.ChoiceField(
        label="What kind of help does it need?",
        choices=HelpKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the kind of help"},
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


ANY_BODY = "staff"


class RequestDetailsForm(GovukForm):
    """The second question: which body to ask, from those reaching the organisation's area, and what help."""

    support_body = forms.ChoiceField(
        label="Which support body would you like to ask?",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a support body, or ask the department to choose one"},
    )
    description = _text(
        "What help do you need?",
        help_text="Say what you want to achieve and by when, for example a bid deadline",
        message="Describe the help you need",
    )

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.bodies = {str(body.pk): body for body in bodies}
        self.fields["support_body"].choices = [
            *((key, body.organisation.name) for key, body in self.bodies.items()),
            (ANY_BODY, "I am not sure: ask the department to choose a body"),
        ]

    def chosen_body(self) -> SupportBody | None:
        return self.bodies.get(self.cleaned_data["support_body"])


class RequestStepForm(GovukForm):
    """One step on a request: what the step records, and the reason kept in its history."""

    def __init__(self, *args, step: str, bodies=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.step = step
        if step in ("route", "ask_another_body"):
            self.fields["support_body"] = forms.ModelChoiceField(
                label="Which support body should it go to?",
                queryset=bodies,
                widget=forms.RadioSelect,
                empty_label=None,
                error_messages={"required": "Choose the support body"},
            )
        elif step == "decline":
            self.fields["decline_reason"] = _text("Why can you not help?", message="Give the reason you cannot help")
        elif step == "complete":
            self.fields["outcome_category"] = forms.ChoiceField(
                label="What was the outcome?",
                choices=OutcomeCategory.choices,
                widget=forms.RadioSelect,
                error_messages={"required": "Choose the outcome"},
            )
            self.fields["outcome"] = _text("What changed for the organisation?", message="Describe what changed")
        elif step == "close_without_outcome":
            self.fields["close_reason"] = _text(
                "Why is it closing without an outcome?", message="Give the reason it is closing without an outcome"
            )
        self.fields["reason"] = ChangeReasonField(
            label="Note for the record", help_text="Kept in the request's history"
        )

    def step_fields(self) -> dict:
        names = ("support_body", "decline_reason", "outcome_category", "outcome", "close_reason")
        return {name: self.cleaned_data[name] for name in names if name in self.cleaned_data}


class StaffRequestFilterForm(GovukForm):
    status = forms.ChoiceField(label="Status", required=False, choices=[("", "All statuses"), *RequestStatus.choices])
    kind = forms.ChoiceField(label="Kind of help", required=False, choices=[("", "All kinds"), *HelpKind.choices])
    outcome = forms.ChoiceField(
        label="Outcome", required=False, choices=[("", "All outcomes"), *OutcomeCategory.choices]
    )


class QueueFilterForm(GovukForm):
    status = forms.ChoiceField(label="Status", required=False, choices=[("", "All statuses"), *RequestStatus.choices])


class GapFilterForm(GovukForm):
    region = forms.ChoiceField(label="Region or nation", required=False)
    gaps_only = forms.BooleanField(label="Only places with a gap", required=False)

    def __init__(self, *args, regions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [("", "Everywhere"), *((region, region) for region in regions)]
