"""Boards (their public parts), published minutes and published forward plans for anyone: read-only,
keyset pages.

Papers, draft minutes, attendance, sectors, terms and declared interests are not here: they are for the
secretariat and the board's members, on the pages.
"""

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.mixins import ListModelMixin, RetrieveModelMixin
from rest_framework.routers import SimpleRouter

from thirdsector.register.api.access import PUBLIC_READ_ONLY, RegisterApiViewSet

from ..models.boards import Board, Decision, Meeting, Membership
from ..models.forward_plan import ForwardPlanItem
from ..selectors.boards import board_with_members_for_api, published_minutes
from ..selectors.forward_plan import published_forward_plan

KEYSET = "Pages are keyset cursors: follow `next` and `previous`."


class BoardMemberSerializer(serializers.ModelSerializer):
    organisation = serializers.CharField(source="organisation_name", help_text="The organisation represented")

    class Meta:
        model = Membership
        fields = ["name", "role", "organisation", "responsible_for"]


class BoardSerializer(serializers.ModelSerializer):
    members = BoardMemberSerializer(many=True, source="current_members", help_text="Current members")

    class Meta:
        model = Board
        fields = ["slug", "name", "kind", "remit", "min_members", "max_members", "members"]


class DecisionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Decision
        fields = ["text"]


class MinutesSerializer(serializers.ModelSerializer):
    board = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    meeting_date = serializers.DateField(help_text="The date of the meeting the minutes record")
    approved_at_meeting_date = serializers.DateField(
        source="minutes_approved_at.meeting_date", help_text="The date of the later meeting that approved them"
    )
    decisions = DecisionSerializer(many=True)

    class Meta:
        model = Meeting
        fields = ["id", "board", "meeting_date", "approved_at_meeting_date", "minutes", "decisions"]


@extend_schema_view(
    list=extend_schema(summary="List boards", description=f"Every board with its remit and current members. {KEYSET}"),
    retrieve=extend_schema(summary="A board, with its remit and current members"),
)
class BoardViewSet(ListModelMixin, RetrieveModelMixin, RegisterApiViewSet):
    access = PUBLIC_READ_ONLY
    http_method_names = ["get", "head", "options"]
    serializer_class = BoardSerializer
    lookup_field = "slug"
    lookup_value_regex = r"[-a-zA-Z0-9_]+"
    keyset_ordering = ("name", "id")

    def get_queryset(self):
        return board_with_members_for_api()


@extend_schema_view(
    list=extend_schema(
        summary="List published minutes",
        description=f"Minutes approved at a later meeting, newest meeting first, with decisions. {KEYSET}",
    ),
    retrieve=extend_schema(summary="Published minutes of a meeting"),
)
class MinutesViewSet(ListModelMixin, RetrieveModelMixin, RegisterApiViewSet):
    access = PUBLIC_READ_ONLY
    http_method_names = ["get", "head", "options"]
    serializer_class = MinutesSerializer
    lookup_value_regex = r"\d+"
    keyset_ordering = ("-starts_at", "-id")

    def get_queryset(self):
        return published_minutes().prefetch_related("decisions")


class ForwardPlanItemSerializer(serializers.ModelSerializer):
    board = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    topic = serializers.CharField(source="title")
    kind = serializers.CharField(help_text="`decision`, `discussion` or `information`")
    status = serializers.CharField(help_text="`planned`, or `deferred` from an earlier meeting")
    planned_for = serializers.CharField(help_text="The meeting or the quarter, in words")
    planned_on = serializers.DateField(help_text="The meeting's date, or the first day of the quarter")
    meeting_date = serializers.DateField(
        source="meeting.meeting_date", allow_null=True, help_text="Empty while the item is planned for a quarter"
    )

    class Meta:
        model = ForwardPlanItem
        fields = [
            "id",
            "board",
            "topic",
            "description",
            "kind",
            "lead",
            "status",
            "deferral_reason",
            "planned_for",
            "planned_on",
            "meeting_date",
        ]


@extend_schema_view(
    list=extend_schema(
        summary="List published forward plan items",
        description="Items the boards will take at coming meetings (published, still to be taken), soonest "
        f"first; `?board=<slug>` for one board. {KEYSET}",
        parameters=[OpenApiParameter("board", str, description="A board's slug")],
    ),
    retrieve=extend_schema(summary="A published forward plan item"),
)
class ForwardPlanViewSet(ListModelMixin, RetrieveModelMixin, RegisterApiViewSet):
    access = PUBLIC_READ_ONLY
    http_method_names = ["get", "head", "options"]
    serializer_class = ForwardPlanItemSerializer
    lookup_value_regex = r"\d+"
    keyset_ordering = ("planned_on", "id")

    def get_queryset(self):
        items = published_forward_plan()
        board = self.request.query_params.get("board")
        if board:
            items = items.filter(board__slug=board)
        return items


router = SimpleRouter()
router.register("boards", BoardViewSet, basename="board")
router.register("minutes", MinutesViewSet, basename="minutes")
router.register("forward-plan", ForwardPlanViewSet, basename="forward-plan")

urlpatterns = router.urls
