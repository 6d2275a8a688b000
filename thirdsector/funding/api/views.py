"""The funding API's endpoints: read-only, thin, with who-sees-what from `selectors.api`."""

from django.utils import timezone
from django_filters import rest_framework as filters
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework.mixins import ListModelMixin, RetrieveModelMixin
from rest_framework.permissions import IsAuthenticated

from thirdsector.accounts.access import STAFF_ROLES
from thirdsector.accounts.roles import Role
from thirdsector.core.api_pagination import KeysetPagination
from thirdsector.register.api.access import PUBLIC_READ_ONLY, RegisterApiViewSet
from thirdsector.register.api.errors import FILTER_ERRORS, NOT_SIGNED_IN, THROTTLED
from thirdsector.register.api.serializers import ErrorSerializer

from ..selectors.api import (
    api_programme,
    api_programmes,
    viewer_of,
    visible_applications,
    visible_awards,
    visible_rounds,
)
from .filters import ApplicationFilter, AwardFilter, RoundFilter
from .serializers import (
    ApplicationSerializer,
    AwardSerializer,
    ProgrammeDetailSerializer,
    ProgrammeSerializer,
    RoundSerializer,
)

SIGNED_IN = "signed in; object-level: members of the organisation and the staff who run the programme"
PUBLIC_MORE_FOR_STAFF_AND_MEMBERS = (
    "public (published records); the staff who run the programme ("
    + ", ".join(sorted([*STAFF_ROLES, Role.FUND_ADMINISTRATOR]))
    + ") and the organisation's members see more"
)
KEYSET = "Pages are keyset cursors: follow `next` and `previous`."
REFERENCE = r"[A-Za-z0-9-]+"


def _not_found(what: str) -> OpenApiResponse:
    return OpenApiResponse(ErrorSerializer, description=f"No {what} has this reference, or you may not see it")


class FundingApiViewSet(ListModelMixin, RetrieveModelMixin, RegisterApiViewSet):
    """Read-only; filters by django-filter; keyset pages in `keyset_ordering`."""

    http_method_names = ["get", "head", "options"]
    filter_backends = [filters.DjangoFilterBackend]
    pagination_class = KeysetPagination
    keyset_ordering: tuple[str, str] = ("-id", "-id")

    def get_viewer(self):
        if not hasattr(self, "_viewer"):
            self._viewer = viewer_of(self.request.user)
        return self._viewer

    def get_serializer_context(self) -> dict:
        return {**super().get_serializer_context(), "viewer": self.get_viewer()}


@extend_schema_view(
    list=extend_schema(
        summary="List grant programmes",
        description=f"Every programme, running and closed, by name. {KEYSET}",
        responses={200: ProgrammeSerializer(many=True), 429: THROTTLED},
    ),
    retrieve=extend_schema(
        summary="A grant programme, with its budgets and assessment criteria",
        responses={200: ProgrammeDetailSerializer, 404: _not_found("programme"), 429: THROTTLED},
    ),
)
class ProgrammeViewSet(FundingApiViewSet):
    access = PUBLIC_READ_ONLY
    lookup_field = "slug"
    lookup_value_regex = r"[-a-zA-Z0-9_]+"
    filter_backends = []
    keyset_ordering = ("name", "id")

    def get_queryset(self):
        if self.action == "retrieve":
            return api_programme(self.kwargs["slug"])
        return api_programmes()

    def get_serializer_class(self):
        return ProgrammeDetailSerializer if self.action == "retrieve" else ProgrammeSerializer


@extend_schema_view(
    list=extend_schema(
        summary="List rounds",
        description="Published rounds, newest first; the staff who run a programme also see its unpublished ones. "
        + KEYSET,
        responses={200: RoundSerializer(many=True), 400: FILTER_ERRORS, 429: THROTTLED},
    ),
    retrieve=extend_schema(
        summary="A round",
        responses={200: RoundSerializer, 404: _not_found("published round"), 429: THROTTLED},
    ),
)
class RoundViewSet(FundingApiViewSet):
    access = PUBLIC_READ_ONLY + " (published rounds); the staff who run the programme see all"
    serializer_class = RoundSerializer
    filterset_class = RoundFilter
    lookup_value_regex = r"\d+"
    keyset_ordering = ("-opens_on", "-id")

    def get_queryset(self):
        return visible_rounds(self.get_viewer())


@extend_schema_view(
    list=extend_schema(
        summary="List applications you may see",
        description="Your organisations' applications and, for the staff who run a programme, all of its "
        f"applications; newest first. Anyone else sees an empty list. {KEYSET}",
        responses={200: ApplicationSerializer(many=True), 400: FILTER_ERRORS, 401: NOT_SIGNED_IN, 429: THROTTLED},
    ),
    retrieve=extend_schema(
        summary="An application",
        description="404 for an application you may not see, so its existence stays private.",
        responses={200: ApplicationSerializer, 401: NOT_SIGNED_IN, 404: _not_found("application"), 429: THROTTLED},
    ),
)
class ApplicationViewSet(FundingApiViewSet):
    access = SIGNED_IN
    permission_classes = [IsAuthenticated]
    serializer_class = ApplicationSerializer
    filterset_class = ApplicationFilter
    lookup_field = "reference"
    lookup_value_regex = REFERENCE
    # Newest first by id, as the staff list: the primary key's index, no sort.
    keyset_ordering = ("-id", "-id")

    def get_queryset(self):
        return visible_applications(self.get_viewer())


AWARD_EXAMPLE = OpenApiExample(
    "A published three-year award, as the public sees it",
    response_only=True,
    status_codes=["200"],
    value={
        "reference": "SP-2026-0042",
        "url": "https://thirdsector.example/api/v1/awards/SP-2026-0042/",
        "programme": {
            "slug": "strategic-partners",
            "name": "Strategic Partners Programme",
            "url": "https://thirdsector.example/api/v1/programmes/strategic-partners/",
        },
        "round": "https://thirdsector.example/api/v1/rounds/12/",
        "organisation": {
            "id": 42,
            "name": "Leeds Tenants Federation",
            "url": "https://thirdsector.example/api/v1/organisations/42/",
        },
        "title": "Core funding for tenant advice",
        "description": "Three years of core funding for advice to tenants' groups across Yorkshire.",
        "amount": "150000.00",
        "starts_on": "2026-04-01",
        "ends_on": "2029-03-31",
        "months": 36,
        "years": [
            {"financial_year": 2026, "financial_year_label": "2026-27", "amount": "50000.00"},
            {"financial_year": 2027, "financial_year_label": "2027-28", "amount": "50000.00"},
            {"financial_year": 2028, "financial_year_label": "2028-29", "amount": "50000.00"},
        ],
        "published_on": "2026-03-02",
        "details": None,
    },
)


@extend_schema_view(
    list=extend_schema(
        summary="List awards",
        description="Published awards for everyone, newest start first. The staff who run a programme see all of "
        "its awards, and members of an organisation its unpublished ones; they also get `details`. " + KEYSET,
        responses={200: AwardSerializer(many=True), 400: FILTER_ERRORS, 429: THROTTLED},
        examples=[AWARD_EXAMPLE],
    ),
    retrieve=extend_schema(
        summary="An award",
        responses={200: AwardSerializer, 404: _not_found("published award"), 429: THROTTLED},
    ),
)
class AwardViewSet(FundingApiViewSet):
    access = PUBLIC_MORE_FOR_STAFF_AND_MEMBERS
    serializer_class = AwardSerializer
    filterset_class = AwardFilter
    lookup_field = "reference"
    lookup_value_regex = REFERENCE
    keyset_ordering = ("-starts_on", "-id")

    def get_queryset(self):
        return visible_awards(self.get_viewer(), today=timezone.localdate())
