"""Forms for local partnerships; the rules (parts within the total, the 35-target limit) live in the services."""

from django import forms

from thirdsector.core.forms import ChangeReasonField, GovukForm, GovukModelForm
from thirdsector.register.models import Organisation, OrganisationStatus

from ..models import (
    AgreementTarget,
    EngagementActivity,
    FundingPracticeReturn,
    LocalStrategicPartnership,
    NationalIndicator,
    PartnershipMember,
)
from ..services.local import LocalPartnershipError, check_funding_return

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ReasonOnChangeMixin:
    """Changing a record already there asks why; the reason is kept in its history. Creating one does not."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["reason"] = ChangeReasonField()


class PartnershipForm(ReasonOnChangeMixin, GovukModelForm):
    class Meta:
        model = LocalStrategicPartnership
        fields = [
            "name",
            "third_sector_board_seats",
            "third_sector_theme_group_seats",
            "supporting_body",
            "local_compact",
            "local_compact_signed_on",
        ]
        widgets = {"local_compact_signed_on": DATE}
        labels = {"name": "Name of the partnership"}


class MemberForm(GovukModelForm):
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.filter(status=OrganisationStatus.ACTIVE).order_by("name"),
        label="Organisation",
    )

    class Meta:
        model = PartnershipMember
        fields = ["organisation", "sector"]


class AgreementForm(GovukForm):
    starts_on = forms.DateField(
        label="Start date", widget=DATE, help_text="The agreement runs for three years from this date"
    )


class TargetForm(GovukModelForm):
    indicator = forms.ModelChoiceField(queryset=NationalIndicator.objects.all(), label="National indicator")

    class Meta:
        model = AgreementTarget
        fields = ["indicator", "target", "third_sector_involvement", "involvement_level"]
        labels = {"involvement_level": "Level of third sector involvement"}


class FundingReturnForm(ReasonOnChangeMixin, GovukModelForm):
    year = forms.IntegerField(
        min_value=2000,
        max_value=2100,
        help_text="The year the financial year starts, for example 2025 for 2025 to 2026",
    )

    class Meta:
        model = FundingPracticeReturn
        fields = [
            "year",
            "total",
            "grants",
            "contracts",
            "three_years_or_more",
            "one_year_or_less",
            "notice_before_cuts",
            "payment_in_advance",
            "small_grants_count",
            "small_grants_amount",
        ]

    def clean(self):
        """Parts cannot exceed the total: the service's rule, its message put next to the field it names."""
        cleaned = super().clean()
        try:
            check_funding_return(cleaned)
        except LocalPartnershipError as error:
            self.add_error(error.field, str(error))
            # The table's constraints say the same thing without the field: show the message once.
            self._validate_constraints = False
        return cleaned


class EngagementForm(GovukModelForm):
    class Meta:
        model = EngagementActivity
        fields = ["happened_on", "decision", "kind", "groups_reached", "groups_reached_count", "outcome"]
        widgets = {"happened_on": DATE}
