"""Organisations: search and read for everyone; create, change and add identifiers for staff."""

from django.urls import reverse
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.settings import api_settings

from thirdsector.accounts.access import is_staff

from ..models import Organisation
from ..selectors import LIST_COLUMNS, RegisterFilters, organisation_for_page, search_organisations, shape_for_list
from ..services.organisations import (
    RELATED_SETS,
    RegisterError,
    add_identifier,
    create_organisation,
    update_organisation,
)
from .access import PUBLIC_READ_STAFF_WRITE, RegisterApiViewSet
from .errors import FILTER_ERRORS, NOT_FOUND, THROTTLED, WRITE_REFUSALS, domain_error
from .serializers import (
    IdentifierCreateSerializer,
    IdentifierSerializer,
    OrganisationCreateSerializer,
    OrganisationFiltersSerializer,
    OrganisationRowSerializer,
    OrganisationSerializer,
    OrganisationUpdateSerializer,
)

ORGANISATION_ID = OpenApiParameter(
    "id", int, OpenApiParameter.PATH, description="The organisation's id on the register, as in its page's address"
)
ORGANISATION_ROW_EXAMPLE = OpenApiExample(
    "A registered charity in Leeds",
    response_only=True,
    status_codes=["200"],
    value={
        "id": 42,
        "url": "https://thirdsector.example/api/v1/organisations/42/",
        "html_url": "https://thirdsector.example/organisations/42/",
        "name": "Leeds Tenants Federation",
        "kind": "registered_charity",
        "kind_label": "Registered charity",
        "size_band": "small",
        "size_band_label": "Small (£10,000 to £100,000)",
        "primary_org_id": "GB-CHC-1123456",
        "town": "Leeds",
        "postcode": "LS1 4AP",
        "local_authority": {
            "gss_code": "E08000035",
            "name": "Leeds",
            "is_current": True,
            "url": "https://thirdsector.example/api/v1/areas/E08000035/",
        },
        "characteristics": [{"slug": "user-led", "name": "User-led"}],
        "status": "active",
    },
)
# A list row also links to its local authority, which is found by GSS code.
API_LIST_COLUMNS = (*LIST_COLUMNS, "local_authority__gss_code")


def _split(validated: dict) -> tuple[dict, dict, str]:
    """Validated data as the services take it: plain fields, related sets, and the reason."""
    fields = dict(validated)
    reason = fields.pop("reason")
    related = {name: fields.pop(name) for name in RELATED_SETS if name in fields}
    return fields, related, reason


@extend_schema_view(
    list=extend_schema(
        summary="Search the register",
        description="Active organisations matching every filter given, ordered by name; the same search as the "
        "register's HTML page. Pages are keyset cursors on (name, id): follow `next` and `previous`. A cursor stays "
        "exact while organisations are added or removed, so no organisation appears twice or is skipped.",
        parameters=[OrganisationFiltersSerializer],
        responses={200: OrganisationRowSerializer(many=True), 400: FILTER_ERRORS, 429: THROTTLED},
        examples=[ORGANISATION_ROW_EXAMPLE],
    ),
    retrieve=extend_schema(
        summary="An organisation's record",
        description="Its identifiers, characteristics, policy areas, areas served, local authority, size, income, "
        "address and status. Removed organisations are shown to staff only.",
        parameters=[ORGANISATION_ID],
        responses={200: OrganisationSerializer, 404: NOT_FOUND, 429: THROTTLED},
    ),
    create=extend_schema(
        summary="Add an organisation (staff)",
        description="Creates the organisation and its Org-IDs in one step; the first identifier becomes the main "
        "one. An identifier that already belongs to another organisation is refused: merge the records instead.",
        request=OrganisationCreateSerializer,
        responses={201: OrganisationSerializer, **WRITE_REFUSALS},
    ),
    partial_update=extend_schema(
        summary="Change an organisation's details (staff)",
        description="Only the fields sent change. `reason` is always required and kept in the record's history. "
        "Sending a field that cannot be set here (such as `size_band`, `status` or `identifiers`) is refused.",
        parameters=[ORGANISATION_ID],
        request=OrganisationUpdateSerializer,
        responses={200: OrganisationSerializer, **WRITE_REFUSALS, 404: NOT_FOUND},
    ),
)
class OrganisationViewSet(RegisterApiViewSet):
    """The register's organisations."""

    access = PUBLIC_READ_STAFF_WRITE
    serializer_class = OrganisationSerializer
    lookup_value_regex = r"\d+"
    http_method_names = ["get", "post", "patch", "head", "options"]

    def list(self, request):
        filters = self._filters()
        rows = shape_for_list(search_organisations(filters)).only(*API_LIST_COLUMNS)
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(
            OrganisationRowSerializer(page, many=True, context=self.get_serializer_context()).data
        )

    def retrieve(self, request, pk: str):
        organisation = self._visible(pk)
        return Response(self.get_serializer(organisation).data)

    def create(self, request):
        serializer = OrganisationCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        fields, related, reason = _split(serializer.validated_data)
        identifiers = fields.pop("identifiers", [])
        try:
            organisation = create_organisation(
                by=request.user, reason=reason, identifiers=identifiers, related=related, **fields
            )
        except RegisterError as error:
            raise domain_error(error, field_names={"identifier": "identifiers"}) from error
        data = self.get_serializer(organisation_for_page(organisation.pk)).data
        return Response(data, status=status.HTTP_201_CREATED, headers={"Location": data["url"]})

    def partial_update(self, request, pk: str):
        organisation = self._changeable(pk)
        serializer = OrganisationUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        fields, related, reason = _split(serializer.validated_data)
        try:
            update_organisation(organisation=organisation, by=request.user, reason=reason, related=related, **fields)
        except RegisterError as error:
            raise domain_error(error) from error
        return Response(self.get_serializer(organisation_for_page(organisation.pk)).data)

    @extend_schema(
        summary="Add an Org-ID to an organisation (staff)",
        description="The Org-ID is checked against its scheme's shape (a GB-CHC charity number has 6 or 7 digits) "
        "and refused if another organisation holds it. The organisation's first identifier becomes its main one.",
        parameters=[ORGANISATION_ID],
        request=IdentifierCreateSerializer,
        responses={201: IdentifierSerializer, **WRITE_REFUSALS, 404: NOT_FOUND},
    )
    @action(detail=True, methods=["post"])
    def identifiers(self, request, pk: str):
        organisation = self._changeable(pk)
        serializer = IdentifierCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            identifier = add_identifier(
                organisation=organisation,
                text=data["identifier"],
                scheme=data.get("scheme") or None,
                make_primary=data["make_primary"],
                by=request.user,
                reason=data["reason"],
            )
        except RegisterError as error:
            raise domain_error(error) from error
        location = request.build_absolute_uri(reverse("register_api:organisation-detail", args=[organisation.pk]))
        return Response(
            IdentifierSerializer(identifier).data, status=status.HTTP_201_CREATED, headers={"Location": location}
        )

    def _filters(self) -> RegisterFilters:
        serializer = OrganisationFiltersSerializer(data=self.request.query_params)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        include_removed = data["include_removed"] and is_staff(self.request.user)
        return RegisterFilters.from_choices(data, include_removed=include_removed)

    def _visible(self, pk: str) -> Organisation:
        """The organisation shaped for its record; a removed one exists for staff only."""
        try:
            organisation = organisation_for_page(int(pk))
        except Organisation.DoesNotExist as error:
            raise NotFound("No organisation on the register has this id") from error
        if not organisation.is_active and not is_staff(self.request.user):
            raise NotFound("No organisation on the register has this id")
        return organisation

    def _changeable(self, pk: str) -> Organisation:
        try:
            organisation = Organisation.objects.select_related("merged_into").get(pk=int(pk))
        except Organisation.DoesNotExist as error:
            raise NotFound("No organisation on the register has this id") from error
        if organisation.merged_into_id:
            raise ValidationError(
                {
                    api_settings.NON_FIELD_ERRORS_KEY: [
                        f"This record was merged into {organisation.merged_into.name} "
                        f"(id {organisation.merged_into_id}): change that record instead"
                    ]
                }
            )
        return organisation
