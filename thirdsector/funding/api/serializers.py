"""The shapes the funding API reads out. Money is a string of pounds with two places, as the register's.

An award's public fields are shown to everyone who may see it; `details` (status, conditions and the
dates of each step) only to the staff who run its programme and members of its organisation, and is
null for everyone else, so one list may hold both.
"""

from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from thirdsector.register.models import Organisation

from ..models import (
    Application,
    Award,
    AwardStatus,
    AwardYear,
    Criterion,
    PaymentFrequency,
    Programme,
    ProgrammeBudget,
    Round,
)


def _page(request, name: str, *args) -> str | None:
    """The address of a page another part of the funding app serves, or null while it has none."""
    try:
        return request.build_absolute_uri(reverse(name, args=args))
    except NoReverseMatch:
        return None


# ---- Summaries, for links between records ------------------------------------------------------


class OrganisationLinkSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="register_api:organisation-detail")

    class Meta:
        model = Organisation
        fields = ["id", "name", "url"]


class ProgrammeLinkSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="funding_api:programme-detail", lookup_field="slug")

    class Meta:
        model = Programme
        fields = ["slug", "name", "url"]


class RoundLinkSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="funding_api:round-detail")

    class Meta:
        model = Round
        fields = ["id", "name", "url"]


# ---- Programmes and rounds ---------------------------------------------------------------------


class ProgrammeSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="funding_api:programme-detail", lookup_field="slug")
    status_label = serializers.CharField(source="get_status_display")
    administering_body = OrganisationLinkSerializer(
        help_text="The department, or the outside body that runs the programme for it"
    )
    replaces = serializers.HyperlinkedRelatedField(
        view_name="funding_api:programme-detail",
        lookup_field="slug",
        read_only=True,
        allow_null=True,
        help_text="The programme this one replaced",
    )
    payment_frequency_label = serializers.CharField(source="get_payment_frequency_display")
    rounds_url = serializers.SerializerMethodField(help_text="The programme's rounds")

    class Meta:
        model = Programme
        fields = [
            "slug",
            "url",
            "name",
            "code",
            "purpose",
            "owning_team",
            "administering_body",
            "status",
            "status_label",
            "replaces",
            "default_grant_months",
            "payment_frequency",
            "payment_frequency_label",
            "notice_months",
            "rounds_url",
        ]

    @extend_schema_field(OpenApiTypes.URI)
    def get_rounds_url(self, programme: Programme) -> str:
        path = reverse("funding_api:round-list")
        return self.context["request"].build_absolute_uri(f"{path}?programme={programme.slug}")


class BudgetSerializer(serializers.ModelSerializer):
    financial_year = serializers.IntegerField(
        help_text="The calendar year it starts in: 2026 is April 2026 to March 2027"
    )
    financial_year_label = serializers.CharField(help_text="Like 2026–27")
    remaining = serializers.DecimalField(max_digits=14, decimal_places=2, help_text="Not yet committed")

    class Meta:
        model = ProgrammeBudget
        fields = ["financial_year", "financial_year_label", "amount", "committed", "remaining"]


class CriterionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Criterion
        fields = ["name", "guidance", "weight", "maximum_score"]


class ProgrammeDetailSerializer(ProgrammeSerializer):
    budgets = BudgetSerializer(many=True, help_text="By financial year; committed is what approved awards hold")
    criteria = CriterionSerializer(many=True, help_text="What assessors score, in order")

    class Meta(ProgrammeSerializer.Meta):
        fields = [*ProgrammeSerializer.Meta.fields, "budgets", "criteria"]


class RoundSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="funding_api:round-detail")
    html_url = serializers.SerializerMethodField(help_text="The round's page")
    programme = ProgrammeLinkSerializer()
    is_open = serializers.SerializerMethodField(help_text="Published and taking applications today")

    class Meta:
        model = Round
        fields = [
            "id",
            "url",
            "html_url",
            "programme",
            "name",
            "opens_on",
            "closes_on",
            "budget",
            "is_published",
            "is_open",
            "guidance",
        ]

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_html_url(self, round_: Round) -> str | None:
        return _page(self.context["request"], "funding:round", round_.pk)

    def get_is_open(self, round_: Round) -> bool:
        return round_.is_open_on(timezone.localdate())


# ---- Applications ------------------------------------------------------------------------------


class ApplicationSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="funding_api:application-detail", lookup_field="reference")
    html_url = serializers.SerializerMethodField(help_text="The application's page")
    programme = ProgrammeLinkSerializer(source="round.programme")
    round = RoundLinkSerializer()
    organisation = OrganisationLinkSerializer()
    status_label = serializers.CharField(source="get_status_display")
    award = serializers.SerializerMethodField(help_text="The award made on it, once there is one")

    class Meta:
        model = Application
        fields = [
            "reference",
            "url",
            "html_url",
            "programme",
            "round",
            "organisation",
            "status",
            "status_label",
            "project_title",
            "summary",
            "need",
            "outcomes",
            "amount_requested",
            "overheads",
            "duration_months",
            "starts_on",
            "created_at",
            "submitted_at",
            "decided_at",
            "feedback",
            "award",
        ]
        extra_kwargs = {"feedback": {"help_text": "The panel's feedback, once it has decided"}}

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_html_url(self, application: Application) -> str | None:
        return _page(self.context["request"], "funding:application", application.reference)

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_award(self, application: Application) -> str | None:
        try:
            award = application.award
        except Award.DoesNotExist:
            return None
        path = reverse("funding_api:award-detail", args=[award.reference])
        return self.context["request"].build_absolute_uri(path)


# ---- Awards ------------------------------------------------------------------------------------


class AwardYearSerializer(serializers.ModelSerializer):
    financial_year_label = serializers.CharField(help_text="Like 2026–27")

    class Meta:
        model = AwardYear
        fields = ["financial_year", "financial_year_label", "amount"]


class AwardDetailsSerializer(serializers.ModelSerializer):
    """What only the staff who run the programme and the organisation's members see."""

    html_url = serializers.SerializerMethodField(help_text="The award's page")
    status_label = serializers.CharField(source="get_status_display")
    payment_frequency_label = serializers.CharField(source="get_payment_frequency_display")
    application = serializers.SlugRelatedField(
        slug_field="reference", read_only=True, allow_null=True, help_text="The application it was made on"
    )

    class Meta:
        model = Award
        fields = [
            "html_url",
            "status",
            "status_label",
            "is_short",
            "short_award_reason",
            "payment_frequency",
            "payment_frequency_label",
            "conditions",
            "application",
            "approved_at",
            "offered_at",
            "accepted_at",
            "end_notice_sent_on",
            "closed_at",
        ]

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_html_url(self, award: Award) -> str | None:
        return _page(self.context["request"], "funding:award", award.reference)


def _property(kind: str, description: str = "", **more) -> dict:
    schema = {"type": kind, "nullable": kind != "boolean", **more}
    return {**schema, "description": description} if description else schema


# Written out rather than a $ref: OpenAPI 3.0 cannot mark a referenced object as nullable
# (`allOf` with `nullable` still refuses null), so validators would refuse the public's rows.
DETAILS_SCHEMA = {
    "type": "object",
    "nullable": True,
    "description": "Shown to the staff who run the programme and to members of the organisation; null for others",
    "required": list(AwardDetailsSerializer.Meta.fields),
    "properties": {
        "html_url": _property("string", "The award's page", format="uri"),
        "status": {"type": "string", "enum": [value for value, _ in AwardStatus.choices]},
        "status_label": {"type": "string"},
        "is_short": _property("boolean", "Shorter than the programme's default length"),
        "short_award_reason": {"type": "string"},
        "payment_frequency": {"type": "string", "enum": [value for value, _ in PaymentFrequency.choices]},
        "payment_frequency_label": {"type": "string"},
        "conditions": {"type": "string"},
        "application": _property("string", "The reference of the application it was made on"),
        "approved_at": _property("string", format="date-time"),
        "offered_at": _property("string", format="date-time"),
        "accepted_at": _property("string", format="date-time"),
        "end_notice_sent_on": _property(
            "string", "When the organisation was told its funding is ending", format="date"
        ),
        "closed_at": _property("string", format="date-time"),
    },
}


class AwardSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="funding_api:award-detail", lookup_field="reference")
    programme = ProgrammeLinkSerializer()
    round = serializers.HyperlinkedRelatedField(
        view_name="funding_api:round-detail", read_only=True, allow_null=True, help_text="The round it was made in"
    )
    organisation = OrganisationLinkSerializer(help_text="The organisation the grant is made to")
    years = AwardYearSerializer(many=True, help_text="The amount in each financial year")
    published_on = serializers.DateField(allow_null=True, help_text="Public from this date; null while unpublished")
    details = serializers.SerializerMethodField(
        help_text="Shown to the staff who run the programme and to members of the organisation; null for others"
    )

    class Meta:
        model = Award
        fields = [
            "reference",
            "url",
            "programme",
            "round",
            "organisation",
            "title",
            "description",
            "amount",
            "starts_on",
            "ends_on",
            "months",
            "years",
            "published_on",
            "details",
        ]

    @extend_schema_field(DETAILS_SCHEMA)
    def get_details(self, award: Award) -> dict | None:
        if not self.context["viewer"].sees_details_of(award):
            return None
        return AwardDetailsSerializer(award, context=self.context).data
