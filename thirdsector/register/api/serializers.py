"""The shapes the API reads and writes.

Write serializers only validate: the views hand `validated_data` to the register's services, which
save. Field names are the same when read and written (`local_authority` is written as a GSS code
and read as the area it names).
"""

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..models import Area, Characteristic, Identifier, Organisation, OrganisationKind, PolicyArea
from ..orgid import InvalidOrgId, parse_org_id, scheme_choices
from ..services.organisations import EDITABLE_FIELDS, RELATED_SETS
from ..size_bands import SizeBand

# The history's change reason column holds 100 characters (django-simple-history's default).
REASON_MAX_LENGTH = 100

# ---- Reading ---------------------------------------------------------------------------------


class AreaLinkField(serializers.HyperlinkedIdentityField):
    """The area's address in the API; null for the few abolished councils that never had a GSS code."""

    def __init__(self, **kwargs):
        kwargs.update(view_name="register_api:area-detail", lookup_field="gss_code", lookup_url_kwarg="gss_code")
        super().__init__(allow_null=True, **kwargs)

    def get_url(self, area, view_name, request, format):
        return super().get_url(area, view_name, request, format) if area.gss_code else None


class AreaSummarySerializer(serializers.ModelSerializer):
    url = AreaLinkField()

    class Meta:
        model = Area
        fields = ["gss_code", "name", "is_current", "url"]


class AreaSerializer(serializers.ModelSerializer):
    url = AreaLinkField()
    type = serializers.CharField(source="area_type")
    type_label = serializers.CharField(source="get_area_type_display")
    parent = AreaSummarySerializer(allow_null=True, help_text="The region, or the county above a district")

    class Meta:
        model = Area
        fields = ["gss_code", "url", "name", "official_name", "type", "type_label", "nation", "parent", "is_current"]


class AreaDetailSerializer(AreaSerializer):
    children = AreaSummarySerializer(many=True, help_text="The councils in a region, or the districts of a county")
    replaced_by = AreaSummarySerializer(many=True, help_text="For an abolished council, the councils that followed it")
    replaces = AreaSummarySerializer(many=True, help_text="The abolished councils this one followed")
    organisations_url = serializers.SerializerMethodField(help_text="Organisations based in or serving this area")

    class Meta(AreaSerializer.Meta):
        fields = [
            *AreaSerializer.Meta.fields,
            "register_code",
            "start_date",
            "end_date",
            "population",
            "latitude",
            "longitude",
            "children",
            "replaced_by",
            "replaces",
            "organisations_url",
        ]

    @extend_schema_field(OpenApiTypes.URI)
    def get_organisations_url(self, area: Area) -> str:
        request = self.context["request"]
        return request.build_absolute_uri(f"{reverse('register_api:organisation-list')}?area={area.gss_code}")


class NamedTermSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()


class IdentifierSerializer(serializers.ModelSerializer):
    class Meta:
        model = Identifier
        fields = ["org_id", "scheme", "value", "is_primary"]


class OrganisationRowSerializer(serializers.ModelSerializer):
    """One row of the list: what the register's search results show."""

    url = serializers.HyperlinkedIdentityField(view_name="register_api:organisation-detail")
    html_url = serializers.SerializerMethodField(help_text="The organisation's page on the register")
    kind_label = serializers.CharField(source="get_kind_display")
    size_band = serializers.ChoiceField(
        choices=SizeBand.choices, allow_blank=True, help_text="By latest annual income; empty when it is not known"
    )
    size_band_label = serializers.CharField(source="get_size_band_display")
    primary_org_id = serializers.CharField(allow_null=True, help_text="The main Org-ID, like GB-CHC-1123456")
    local_authority = AreaSummarySerializer(allow_null=True, help_text="The local authority where it is based")
    characteristics = NamedTermSerializer(many=True)

    class Meta:
        model = Organisation
        fields = [
            "id",
            "url",
            "html_url",
            "name",
            "kind",
            "kind_label",
            "size_band",
            "size_band_label",
            "primary_org_id",
            "town",
            "postcode",
            "local_authority",
            "characteristics",
            "status",
        ]

    @extend_schema_field(OpenApiTypes.URI)
    def get_html_url(self, organisation: Organisation) -> str:
        return self.context["request"].build_absolute_uri(organisation.get_absolute_url())


class OrganisationSerializer(OrganisationRowSerializer):
    """An organisation's whole record, as its page shows it."""

    primary_org_id = serializers.SerializerMethodField(help_text="The main Org-ID, like GB-CHC-1123456")
    identifiers = IdentifierSerializer(many=True, help_text="Its Org-IDs, the main one first")
    policy_areas = NamedTermSerializer(many=True)
    areas_served = AreaSummarySerializer(many=True)
    merged_into = serializers.HyperlinkedRelatedField(
        view_name="register_api:organisation-detail",
        read_only=True,
        allow_null=True,
        help_text="For a record merged into another, that record",
    )

    class Meta(OrganisationRowSerializer.Meta):
        fields = [
            *OrganisationRowSerializer.Meta.fields,
            "removed_on",
            "merged_into",
            "description",
            "identifiers",
            "latest_income",
            "income_period_end",
            "policy_areas",
            "areas_served",
            "address_line_1",
            "address_line_2",
            "postcode_needs_checking",
            "website",
            "email",
            "phone",
            "registered_on",
            "created_at",
            "updated_at",
        ]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_primary_org_id(self, organisation: Organisation) -> str | None:
        identifier = organisation.primary_identifier
        return identifier.org_id if identifier else None


# ---- Filtering -------------------------------------------------------------------------------


def _choice_error(label: str, choices) -> dict[str, str]:
    codes = ", ".join(value for value, _ in choices)
    return {"invalid_choice": f"Choose a {label} from the list: {codes}"}


class OrganisationFiltersSerializer(serializers.Serializer):
    """The HTML search's filters, read from the query string."""

    q = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=200,
        help_text="Words of the name in any order, a charity or company number, an Org-ID like "
        "GB-CHC-1123456, or a postcode or its first half like LS1",
    )
    kind = serializers.ChoiceField(
        choices=OrganisationKind.choices,
        required=False,
        allow_blank=True,
        error_messages=_choice_error("kind", OrganisationKind.choices),
    )
    size_band = serializers.ChoiceField(
        choices=SizeBand.choices,
        required=False,
        allow_blank=True,
        help_text="By latest annual income",
        error_messages=_choice_error("size band", SizeBand.choices),
    )
    area = serializers.SlugRelatedField(
        slug_field="gss_code",
        queryset=Area.objects.all(),
        required=False,
        help_text="A GSS code, like E08000035. Organisations based in or serving the area or any place "
        "within it (a region's councils, a county's districts)",
        error_messages={"does_not_exist": "No area has the GSS code {value}: see /api/v1/areas/"},
    )
    policy_area = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=PolicyArea.objects.all(),
        required=False,
        help_text="A policy area's slug",
        error_messages={"does_not_exist": "No policy area has the slug {value}"},
    )
    characteristic = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Characteristic.objects.all(),
        required=False,
        help_text="A characteristic's slug, like bme-led",
        error_messages={"does_not_exist": "No characteristic has the slug {value}"},
    )
    include_removed = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Staff only: list removed organisations too. Ignored for everyone else",
    )


# ---- Writing ---------------------------------------------------------------------------------


class ReasonField(serializers.CharField):
    """The 'why' of a change, kept in the record's history (as the HTML forms' reason field)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", REASON_MAX_LENGTH)
        kwargs.setdefault("help_text", "Why this change is made: kept in the record's history so others can see it")
        message = "Enter the reason for this change"
        kwargs.setdefault(
            "error_messages",
            {
                "required": message,
                "blank": message,
                "null": message,
                "max_length": f"Enter a reason of {REASON_MAX_LENGTH} characters or fewer",
            },
        )
        super().__init__(**kwargs)


class OrgIdField(serializers.CharField):
    """An Org-ID typed in any of its usual shapes; read back in canonical form."""

    def to_internal_value(self, data) -> str:
        text = super().to_internal_value(data)
        try:
            return str(parse_org_id(text))
        except InvalidOrgId as error:
            raise serializers.ValidationError(str(error)) from error


def _areas_field(**kwargs):
    return serializers.SlugRelatedField(
        slug_field="gss_code",
        queryset=Area.objects.filter(is_current=True),
        error_messages={"does_not_exist": "No current area has the GSS code {value}: see /api/v1/areas/?current=true"},
        **kwargs,
    )


def _terms_field(model, label: str, help_text: str):
    return serializers.ManyRelatedField(
        child_relation=serializers.SlugRelatedField(
            slug_field="slug",
            queryset=model.objects.all(),
            error_messages={"does_not_exist": f"No {label} has the slug {{value}}"},
        ),
        required=False,
        help_text=help_text,
    )


# Fields that exist when read but are not set by a write, and what to do instead.
NOT_WRITABLE_HINTS = {
    "size_band": "The size band follows from latest_income",
    "status": "Remove or restore an organisation on its page on the register",
    "identifiers": "Add an identifier with POST /api/v1/organisations/{id}/identifiers/",
    "primary_org_id": "Add an identifier with POST /api/v1/organisations/{id}/identifiers/",
}


class OrganisationWriteSerializer(serializers.ModelSerializer):
    """The fields staff may set, with the reason for the change."""

    kind = serializers.ChoiceField(
        choices=OrganisationKind.choices, error_messages=_choice_error("kind", OrganisationKind.choices)
    )
    latest_income = serializers.DecimalField(
        max_digits=14,
        decimal_places=2,
        min_value=0,
        required=False,
        allow_null=True,
        help_text="In pounds, from the latest accounts; sets the size band",
        error_messages={
            "invalid": "Enter the income as a number of pounds, like 25000",
            "min_value": "Income cannot be less than £0",
        },
    )
    local_authority = _areas_field(
        required=False, allow_null=True, help_text="GSS code of the local authority where it is based"
    )
    areas_served = serializers.ManyRelatedField(
        child_relation=_areas_field(), required=False, help_text="GSS codes of the areas it serves"
    )
    characteristics = _terms_field(Characteristic, "characteristic", "Slugs of who leads or is served by it")
    policy_areas = _terms_field(PolicyArea, "policy area", "Slugs of the policy areas it works in")
    reason = ReasonField()

    class Meta:
        model = Organisation
        fields = [*EDITABLE_FIELDS, *RELATED_SETS, "reason"]
        extra_kwargs = {
            "name": {
                "error_messages": {
                    "required": "Enter the organisation's name",
                    "blank": "Enter the organisation's name",
                }
            },
            "website": {"error_messages": {"invalid": "Enter a web address like https://www.example.org.uk"}},
            "email": {"error_messages": {"invalid": "Enter an email address like info@example.org.uk"}},
        }

    def validate(self, attrs: dict) -> dict:
        # DRF ignores keys it does not know; a client setting `status` or `size_band` would think it had.
        unknown = sorted(set(self.initial_data) - set(self.fields))
        if unknown:
            raise serializers.ValidationError(
                {key: [NOT_WRITABLE_HINTS.get(key, "This field cannot be set here")] for key in unknown}
            )
        return attrs


class OrganisationCreateSerializer(OrganisationWriteSerializer):
    identifiers = serializers.ListField(
        child=OrgIdField(max_length=120),
        required=False,
        help_text="Org-IDs like GB-CHC-1123456 or GB-COH-01234567; the first becomes the main identifier",
    )

    class Meta(OrganisationWriteSerializer.Meta):
        fields = [*OrganisationWriteSerializer.Meta.fields, "identifiers"]


class OrganisationUpdateSerializer(OrganisationWriteSerializer):
    """Any of the fields, each optional, and always a reason: only the fields sent change."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name != "reason":
                field.required = False


class IdentifierCreateSerializer(serializers.Serializer):
    identifier = serializers.CharField(
        max_length=120,
        help_text="The identifier, with its prefix (GB-CHC-1123456) or without it when `scheme` is given",
        error_messages={"required": "Enter the identifier", "blank": "Enter the identifier"},
    )
    scheme = serializers.ChoiceField(
        choices=scheme_choices(),
        required=False,
        allow_blank=True,
        help_text="The Org-ID scheme, when the identifier is typed without its prefix",
        error_messages=_choice_error("scheme", scheme_choices()),
    )
    make_primary = serializers.BooleanField(default=False, help_text="Make this the main identifier")
    reason = ReasonField()


# ---- Errors, for the schema ------------------------------------------------------------------


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="What went wrong")
