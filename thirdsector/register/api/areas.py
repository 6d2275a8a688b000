"""Areas: English regions and UK local authorities, current and abolished, by ONS GSS code. Read-only."""

from django_filters import rest_framework as filters
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework.mixins import ListModelMixin, RetrieveModelMixin

from ..models import Area, AreaType
from .access import PUBLIC_READ_ONLY, RegisterApiViewSet
from .serializers import AreaDetailSerializer, AreaSerializer, ErrorSerializer


class AreaFilter(filters.FilterSet):
    type = filters.ChoiceFilter(field_name="area_type", choices=AreaType.choices, help_text="The kind of area")
    current = filters.BooleanFilter(
        field_name="is_current", help_text="true for areas that exist today, false for abolished councils"
    )
    parent = filters.CharFilter(
        field_name="parent__gss_code",
        help_text="GSS code of the region or county above, like E12000003 for Yorkshire and The Humber",
    )

    class Meta:
        model = Area
        fields = ["type", "current", "parent"]


@extend_schema_view(
    list=extend_schema(
        summary="List areas",
        description="Every English region and every UK local authority, current and abolished, that has a GSS "
        "code. Ordered by name; pages are keyset cursors on (name, id): follow `next` and `previous`.",
    ),
    retrieve=extend_schema(
        summary="An area, with the places within it and the councils it replaced or was replaced by",
        responses={
            200: AreaDetailSerializer,
            404: OpenApiResponse(ErrorSerializer, description="No area has this code"),
        },
    ),
)
class AreaViewSet(ListModelMixin, RetrieveModelMixin, RegisterApiViewSet):
    access = PUBLIC_READ_ONLY
    lookup_field = "gss_code"
    lookup_value_regex = r"[A-Za-z]\d{8}"
    filter_backends = [filters.DjangoFilterBackend]
    filterset_class = AreaFilter
    http_method_names = ["get", "head", "options"]

    def get_queryset(self):
        # Northern Ireland's councils abolished in 2015 had no GSS code, so cannot be addressed here.
        queryset = Area.objects.filter(gss_code__isnull=False).select_related("parent")
        if self.action == "retrieve":
            queryset = queryset.prefetch_related("children", "replaced_by", "replaces")
        return queryset

    def get_serializer_class(self):
        return AreaDetailSerializer if self.action == "retrieve" else AreaSerializer
