"""The asset transfer API: assets (public: offered, under proposal and transferred), proposals and
post-transfer returns with the same permissions as the pages, in keyset pages."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.mixins import ListModelMixin, RetrieveModelMixin
from rest_framework.permissions import IsAuthenticated
from rest_framework.routers import SimpleRouter

from thirdsector.register.api.access import PUBLIC_READ_ONLY, RegisterApiViewSet

from ..models import PUBLIC_ASSET_STATUSES, Asset, PostTransferReturn, TransferProposal
from ..permissions import sees_fund
from ..selectors.proposals import applicant_proposals, council_proposals, fund_proposals, organisations_of

KEYSET = "Pages are keyset cursors: follow `next` and `previous`."
SEEN_BY = (
    "Members of the proposing organisation, the owning council's officers, the fund's staff and those who "
    "oversee see a proposal; anyone else sees none."
)


class TransferableAssetSerializer(serializers.ModelSerializer):
    council_id = serializers.IntegerField()
    council = serializers.CharField(source="council.name")
    local_authority = serializers.CharField(source="local_authority.gss_code", help_text="GSS code")
    terms = serializers.CharField(help_text="Freehold, or a lease and its length")

    class Meta:
        model = Asset
        fields = [
            "id", "name", "asset_type", "status", "council_id", "council", "address", "postcode",
            "local_authority", "condition", "current_use", "tenure", "lease_years", "terms", "market_value",
            "price", "discount", "offered_on",
        ]  # fmt: skip


class TransferProposalSerializer(serializers.ModelSerializer):
    asset_id = serializers.IntegerField()
    organisation_id = serializers.IntegerField()
    organisation = serializers.CharField(source="organisation.name")
    application = serializers.CharField(source="application.reference", allow_null=True, default=None)

    class Meta:
        model = TransferProposal
        fields = [
            "reference", "asset_id", "organisation_id", "organisation", "status", "amount_requested",
            "council_support_on", "application", "legal_completion_on", "completed_tenure",
            "completed_lease_years", "created_at",
        ]  # fmt: skip


class PostTransferReturnSerializer(serializers.ModelSerializer):
    proposal = serializers.CharField(source="proposal.reference")

    class Meta:
        model = PostTransferReturn
        fields = [
            "id", "proposal", "year", "period_starts_on", "period_ends_on", "due_on", "status",
            "hours_open_per_week", "groups_using", "people_served", "income", "expenditure", "condition",
        ]  # fmt: skip


@extend_schema_view(
    list=extend_schema(tags=["assets"], summary="Assets offered and transferred", description=KEYSET),
    retrieve=extend_schema(tags=["assets"], summary="An asset"),
)
class AssetViewSet(ListModelMixin, RetrieveModelMixin, RegisterApiViewSet):
    """Assets offered for transfer, under proposal or transferred, with terms and discount (public)."""

    access = PUBLIC_READ_ONLY
    http_method_names = ["get", "head", "options"]
    serializer_class = TransferableAssetSerializer
    keyset_ordering = ("name", "id")
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        return Asset.objects.select_related("council", "local_authority").filter(status__in=PUBLIC_ASSET_STATUSES)


def visible_proposals(user):
    if sees_fund(user):
        return fund_proposals()
    return applicant_proposals(user) | council_proposals(user)


@extend_schema_view(
    list=extend_schema(tags=["assets"], summary="Transfer proposals", description=f"{SEEN_BY} {KEYSET}"),
    retrieve=extend_schema(tags=["assets"], summary="A transfer proposal", description=SEEN_BY),
)
class ProposalViewSet(ListModelMixin, RetrieveModelMixin, RegisterApiViewSet):
    """Transfer proposals the person may see, as on the pages."""

    access = "signed in; the proposer's members, the owning council's officers, the fund's staff, oversight"
    permission_classes = [IsAuthenticated]
    http_method_names = ["get", "head", "options"]
    serializer_class = TransferProposalSerializer
    keyset_ordering = ("-created_at", "-id")
    lookup_field = "reference"
    queryset = TransferProposal.objects.none()  # tells the schema the lookup's type; get_queryset filters

    def get_queryset(self):
        return visible_proposals(self.request.user).distinct()


@extend_schema_view(
    list=extend_schema(tags=["assets"], summary="Post-transfer returns", description=KEYSET),
    retrieve=extend_schema(tags=["assets"], summary="A post-transfer return"),
)
class ReturnViewSet(ListModelMixin, RetrieveModelMixin, RegisterApiViewSet):
    """Post-transfer returns: the holder's own, or every one for the fund's staff and oversight."""

    access = "signed in; the holder's members, the fund's staff, oversight"
    permission_classes = [IsAuthenticated]
    http_method_names = ["get", "head", "options"]
    serializer_class = PostTransferReturnSerializer
    keyset_ordering = ("due_on", "id")
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        rows = PostTransferReturn.objects.select_related("proposal")
        if sees_fund(self.request.user):
            return rows
        return rows.filter(proposal__organisation__in=organisations_of(self.request.user))


router = SimpleRouter()
router.register("assets", AssetViewSet, basename="asset")
router.register("proposals", ProposalViewSet, basename="proposal")
router.register("returns", ReturnViewSet, basename="return")

urlpatterns = router.urls
