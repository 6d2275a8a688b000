"""Consultations in the API: published consultations with their questions, submitting a response, outcomes.

Anyone may read and respond, as on the pages; a response sent here is checked by the same service as the
form (`services.consultations`) and is submitted at once (no drafts through the API).
"""

from django.db import transaction
from django.shortcuts import get_object_or_404
from django.urls import path
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.mixins import ListModelMixin, RetrieveModelMixin
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from thirdsector.core.api_pagination import KeysetPagination
from thirdsector.register.api.access import PUBLIC_READ_ONLY, RegisterApiViewSet
from thirdsector.register.api.errors import THROTTLED
from thirdsector.register.api.serializers import ErrorSerializer

from ..models import Consultation, ConsultationResponse, Question, RespondingAs, Theme
from ..selectors.consultations import published_consultations, published_outcomes
from ..services.consultations import ConsultationError, save_response, start_response, submit_response

KEYSET = "Pages are keyset cursors: follow `next` and `previous`."


class QuestionSerializer(serializers.ModelSerializer):
    kind = serializers.CharField(help_text="free_text, single_choice, multiple_choice or agree_scale")
    choices = serializers.ListField(
        child=serializers.CharField(), read_only=True, help_text="The answers to choose from; empty for free text"
    )

    class Meta:
        model = Question
        fields = ["id", "number", "text", "hint", "kind", "required", "choices"]


class ThemeSerializer(serializers.ModelSerializer):
    quotes = serializers.ListField(child=serializers.CharField(), source="quote_list", read_only=True)

    class Meta:
        model = Theme
        fields = ["name", "count", "quotes"]


class ConsultationSerializer(serializers.ModelSerializer):
    body = serializers.CharField(source="body.organisation.name", help_text="The public body consulting")
    policy_area = serializers.CharField(source="policy_area.name")
    status = serializers.CharField(help_text="published, closed or outcome_published")
    status_label = serializers.CharField(source="get_status_display")
    is_open = serializers.BooleanField(help_text="Taking responses today")
    shorter_than_minimum = serializers.BooleanField(
        help_text="Ran for less than the minimum (12 weeks) with an approved reason"
    )
    short_period_reason = serializers.SerializerMethodField(help_text="Why it is shorter, when it is")
    html_url = serializers.SerializerMethodField(help_text="The consultation's page")

    class Meta:
        model = Consultation
        fields = [
            "id",
            "html_url",
            "title",
            "body",
            "policy_area",
            "summary",
            "status",
            "status_label",
            "opens_on",
            "closes_on",
            "is_open",
            "shorter_than_minimum",
            "short_period_reason",
        ]

    def get_short_period_reason(self, consultation: Consultation) -> str | None:
        return consultation.short_period_reason if consultation.shorter_than_minimum else None

    def get_html_url(self, consultation: Consultation) -> str:
        return self.context["request"].build_absolute_uri(consultation.get_absolute_url())


class ConsultationDetailSerializer(ConsultationSerializer):
    questions = QuestionSerializer(many=True, read_only=True)

    class Meta(ConsultationSerializer.Meta):
        fields = [*ConsultationSerializer.Meta.fields, "who_is_consulted", "how_to_respond", "questions"]


class OutcomeSerializer(ConsultationSerializer):
    themes = ThemeSerializer(many=True, read_only=True)

    class Meta(ConsultationSerializer.Meta):
        fields = [
            *ConsultationSerializer.Meta.fields,
            "we_asked",
            "you_said",
            "we_did",
            "outcome_published_on",
            "themes",
        ]


class AnswerInSerializer(serializers.Serializer):
    question = serializers.IntegerField(help_text="The question's id")
    answer = serializers.JSONField(help_text="Text, one of the choices, or a list of choices for multiple choice")


class ResponseInSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=150, required=False, allow_blank=True, default="")
    email = serializers.EmailField(required=False, allow_blank=True)
    responding_as = serializers.ChoiceField(choices=RespondingAs.choices, default=RespondingAs.INDIVIDUAL)
    organisation_name = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    publish_name = serializers.BooleanField(default=False)
    publish_organisation = serializers.BooleanField(default=False)
    confidential = serializers.BooleanField(default=False)
    answers = AnswerInSerializer(many=True)


class ResponseOutSerializer(serializers.ModelSerializer):
    reference = serializers.CharField(read_only=True)

    class Meta:
        model = ConsultationResponse
        fields = ["reference", "submitted_at", "confidential"]


@extend_schema_view(
    list=extend_schema(
        summary="List published consultations",
        description=f"Published consultations, open, closed and with outcomes, newest first. {KEYSET}",
        responses={200: ConsultationSerializer(many=True), 429: THROTTLED},
        examples=[
            OpenApiExample(
                "An open consultation of 12 weeks",
                response_only=True,
                status_codes=["200"],
                value={
                    "id": 7,
                    "html_url": "/compact/consultations/7/",
                    "title": "Funding the third sector: three-year terms",
                    "body": "Office of the Third Sector",
                    "policy_area": "Funding and finance",
                    "summary": "How should departments offer three-year funding as the norm?",
                    "status": "open",
                    "status_label": "Open",
                    "opens_on": "2026-01-12",
                    "closes_on": "2026-04-06",
                    "is_open": True,
                    "shorter_than_minimum": False,
                    "short_period_reason": "",
                },
            )
        ],
    ),
    retrieve=extend_schema(
        summary="A published consultation, with its questions",
        responses={
            200: ConsultationDetailSerializer,
            404: OpenApiResponse(ErrorSerializer, description="No published consultation has this id"),
            429: THROTTLED,
        },
    ),
)
class ConsultationViewSet(ListModelMixin, RetrieveModelMixin, RegisterApiViewSet):
    access = PUBLIC_READ_ONLY
    http_method_names = ["get", "head", "options"]
    pagination_class = KeysetPagination
    keyset_ordering = ("-opens_on", "-id")
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        if self.action == "retrieve":
            return published_consultations().prefetch_related("questions")
        return published_consultations()

    def get_serializer_class(self):
        return ConsultationDetailSerializer if self.action == "retrieve" else ConsultationSerializer


@extend_schema_view(
    list=extend_schema(
        summary="List published consultation outcomes",
        description=f"We asked, you said, we did: newest outcome first. {KEYSET}",
        responses={200: OutcomeSerializer(many=True), 429: THROTTLED},
    )
)
class OutcomeViewSet(ListModelMixin, RegisterApiViewSet):
    access = PUBLIC_READ_ONLY
    http_method_names = ["get", "head", "options"]
    serializer_class = OutcomeSerializer
    pagination_class = KeysetPagination
    keyset_ordering = ("-outcome_published_on", "-id")

    def get_queryset(self):
        return published_outcomes().prefetch_related("themes")


class ResponseSubmitViewSet(RegisterApiViewSet):
    access = "public (anyone may respond to an open consultation)"
    permission_classes = [AllowAny]
    http_method_names = ["post", "options"]
    serializer_class = ResponseInSerializer
    pagination_class = None

    @extend_schema(
        summary="Respond to an open consultation",
        description="Answers are checked by each question's kind, as on the response form; the response is "
        "submitted at once.",
        request=ResponseInSerializer,
        responses={
            201: ResponseOutSerializer,
            400: OpenApiResponse(description="An answer is not valid, or the consultation is not open"),
            404: OpenApiResponse(ErrorSerializer, description="No published consultation has this id"),
            429: THROTTLED,
        },
    )
    def create(self, request, pk: int):
        consultation = get_object_or_404(published_consultations(), pk=pk)
        incoming = ResponseInSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        user = request.user if request.user.is_authenticated else None
        try:
            with transaction.atomic():
                response = start_response(
                    consultation=consultation,
                    by=user,
                    responding_as=data["responding_as"],
                    organisation_name=data["organisation_name"],
                    name=data["name"],
                    email=data.get("email", ""),
                )
                answers = {}
                for item in data["answers"]:
                    if item["question"] in answers:
                        raise ConsultationError("Answer each question once.")
                    answers[item["question"]] = item["answer"]
                save_response(
                    response=response,
                    by=user,
                    answers=answers,
                    publish_name=data["publish_name"],
                    publish_organisation=data["publish_organisation"],
                    confidential=data["confidential"],
                )
                submit_response(response=response, by=user)
        except ConsultationError as error:
            return Response({"non_field_errors": [str(error)]}, status=status.HTTP_400_BAD_REQUEST)
        return Response(ResponseOutSerializer(response).data, status=status.HTTP_201_CREATED)


urlpatterns = [
    path(
        "compact/consultations/",
        ConsultationViewSet.as_view({"get": "list"}),
        name="consultation-list",
    ),
    path(
        "compact/consultations/<int:pk>/",
        ConsultationViewSet.as_view({"get": "retrieve"}),
        name="consultation-detail",
    ),
    path(
        "compact/consultations/<int:pk>/responses/",
        ResponseSubmitViewSet.as_view({"post": "create"}),
        name="consultation-respond",
    ),
    path("compact/consultation-outcomes/", OutcomeViewSet.as_view({"get": "list"}), name="consultation-outcome-list"),
]
