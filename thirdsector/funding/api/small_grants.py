"""API of small grants through local funders: end grants, under /api/v1/small-grants/.

The same permissions as the pages: department staff and the Commissioner see every end grant with its
details, a fund administrator those of its own local funders, and everyone sees published end grants
without the private fields (status, who leads the group, first-time grantee). The summary by area
counts published end grants, as the public page does.
"""

from dataclasses import asdict

from django.db.models import Q
from django.urls import path
from django.utils import timezone
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.mixins import ListModelMixin
from rest_framework.response import Response

from thirdsector.accounts.access import OVERSIGHT_ROLES
from thirdsector.register.api.access import PUBLIC_READ_ONLY, RegisterApiViewSet
from thirdsector.register.api.errors import FILTER_ERRORS, THROTTLED
from thirdsector.register.models import Area
from thirdsector.register.selectors import area_and_places_within

from ..models import Award, Programme
from ..selectors.small_grants import (
    SMALL_GRANT_ROLES,
    characteristics_shown,
    end_grants,
    local_authority_figures,
    local_funder_programmes,
    published_end_grants,
    region_figures,
)
from .serializers import OrganisationLinkSerializer, ProgrammeLinkSerializer

KEYSET = "Pages are keyset cursors: follow `next` and `previous`."


class EndGrantFilter(filters.FilterSet):
    local_funder = filters.CharFilter(method="filter_local_funder", help_text="The local funder programme's slug")
    area = filters.CharFilter(
        method="filter_area", help_text="GSS code of a region or local authority: grants to groups based within it"
    )
    characteristic = filters.ChoiceFilter(
        method="filter_characteristic",
        # A callable, so the choices are read from the settings each time the filter's form is built.
        choices=lambda: list(characteristics_shown().items()),
        help_text="Groups led by: a register characteristic's slug",
    )
    first_time = filters.BooleanFilter(
        method="filter_first_time", help_text="true for first-time grantees (details only: needs staff access)"
    )

    class Meta:
        model = Award
        fields = ["local_funder", "area", "characteristic", "first_time"]

    def filter_local_funder(self, queryset, name, value):
        programme_id = Programme.objects.filter(slug=value).values_list("pk", flat=True).first()
        return queryset.filter(programme_id=programme_id) if programme_id else queryset.none()

    def filter_area(self, queryset, name, value):
        area = Area.objects.filter(gss_code=value.upper()).first()
        if area is None:
            return queryset.none()
        return queryset.filter(organisation__local_authority_id__in=area_and_places_within(area))

    def filter_characteristic(self, queryset, name, value: str):
        return queryset.filter(**{f"has_{value.replace('-', '_')}": True})

    def filter_first_time(self, queryset, name, value):
        return queryset.filter(is_first_time=value)


class AreaLinkSerializer(serializers.ModelSerializer):
    class Meta:
        model = Area
        fields = ["gss_code", "name"]


class EndGrantDetailsSerializer(serializers.Serializer):
    status = serializers.CharField()
    characteristics = serializers.SerializerMethodField(help_text="Register characteristics of the group counted")
    first_time_grantee = serializers.BooleanField(source="is_first_time")

    def get_characteristics(self, award) -> list[str]:
        return [slug for slug in characteristics_shown() if getattr(award, f"has_{slug.replace('-', '_')}")]


class EndGrantSerializer(serializers.ModelSerializer):
    local_funder = serializers.CharField(source="programme.administering_body.name")
    programme = ProgrammeLinkSerializer(help_text="The local funder's programme")
    organisation = OrganisationLinkSerializer(help_text="The group the grant is made to")
    local_authority = AreaLinkSerializer(source="organisation.local_authority", allow_null=True)
    details = serializers.SerializerMethodField(
        help_text="For department staff, the Commissioner and the local funder's administrators; null for others"
    )

    class Meta:
        model = Award
        fields = [
            "reference",
            "local_funder",
            "programme",
            "organisation",
            "local_authority",
            "title",
            "amount",
            "starts_on",
            "ends_on",
            "regrant_type",
            "published_on",
            "details",
        ]

    @extend_schema_field(EndGrantDetailsSerializer(allow_null=True))
    def get_details(self, award) -> dict | None:
        if award.programme_id not in self.context["detail_programme_ids"] and not self.context["sees_all"]:
            return None
        return EndGrantDetailsSerializer(award).data


@extend_schema(
    summary="List end grants of small grants through local funders",
    description="Published end grants for everyone, newest start first. Department staff and the Commissioner "
    "see every end grant with `details`; a fund administrator also sees its own local funders' unpublished ones. "
    + KEYSET,
    responses={200: EndGrantSerializer(many=True), 400: FILTER_ERRORS, 429: THROTTLED},
)
class EndGrantViewSet(ListModelMixin, RegisterApiViewSet):
    access = PUBLIC_READ_ONLY + " (published end grants); " + ", ".join(sorted(SMALL_GRANT_ROLES)) + " see more"
    http_method_names = ["get", "head", "options"]
    serializer_class = EndGrantSerializer
    filter_backends = [filters.DjangoFilterBackend]
    filterset_class = EndGrantFilter
    keyset_ordering = ("-starts_on", "-id")

    def _scope(self):
        if not hasattr(self, "_own"):
            user = self.request.user
            self._sees_all = user.is_authenticated and user.has_role(*OVERSIGHT_ROLES)
            self._own = frozenset(local_funder_programmes(user).values_list("pk", flat=True))
        return self._sees_all, self._own

    def get_queryset(self):
        sees_all, own = self._scope()
        everyone = Programme.objects.filter(funded_by__isnull=False)
        grants = end_grants(everyone)
        if sees_all:
            return grants
        today = timezone.localdate()
        return grants.filter(Q(published_on__isnull=False, published_on__lte=today) | Q(programme_id__in=own))

    def get_serializer_context(self) -> dict:
        sees_all, own = self._scope()
        return {**super().get_serializer_context(), "sees_all": sees_all, "detail_programme_ids": own}


class AreaTotalSerializer(serializers.Serializer):
    name = serializers.CharField(source="label")
    gss_code = serializers.CharField(allow_null=True)
    grants = serializers.IntegerField()
    amount = serializers.DecimalField(max_digits=14, decimal_places=2)


class ByAreaSerializer(serializers.Serializer):
    regions = AreaTotalSerializer(many=True, help_text="By English region, or nation outside England")
    local_authorities = AreaTotalSerializer(many=True)


@extend_schema(
    summary="Published small grants by area",
    description="Published end grants counted and summed by region (nation outside England) and local authority.",
    responses={200: ByAreaSerializer, 429: THROTTLED},
)
class ByAreaViewSet(RegisterApiViewSet):
    access = PUBLIC_READ_ONLY
    http_method_names = ["get", "head", "options"]
    pagination_class = None
    serializer_class = ByAreaSerializer

    def list(self, request):
        grants = published_end_grants(today=timezone.localdate())
        regions, authorities = region_figures(grants), local_authority_figures(grants)
        codes = dict(
            Area.objects.filter(pk__in=[f.area_id for f in [*regions, *authorities] if f.area_id]).values_list(
                "pk", "gss_code"
            )
        )

        def rows(figures):
            return [{**asdict(figure), "gss_code": codes.get(figure.area_id)} for figure in figures]

        return Response(ByAreaSerializer({"regions": rows(regions), "local_authorities": rows(authorities)}).data)


urlpatterns = [
    path("small-grants/end-grants/", EndGrantViewSet.as_view({"get": "list"}), name="end-grant-list"),
    path("small-grants/by-area/", ByAreaViewSet.as_view({"get": "list"}), name="small-grants-by-area"),
]
