"""Services of designated anchors for the Open Referral UK feed: filtered, paged, with everything nested."""

from django.db.models import Prefetch, Q, QuerySet

from ..models import AnchorService, AnchorStatus, ServiceSchedule


def published_services(*, text: str = "", taxonomy_id: str = "", postcode: str = "") -> QuerySet[AnchorService]:
    """Services of designated anchors, each with what the ORUK detail nests, in a fixed number of queries."""
    services = AnchorService.objects.filter(anchor__status=AnchorStatus.DESIGNATED).select_related(
        "anchor__organisation"
    )
    if text:
        services = services.filter(Q(name__icontains=text) | Q(description__icontains=text))
    if taxonomy_id:
        services = services.filter(taxonomies__code=taxonomy_id)
    if postcode:
        # The postcode district (the outward code, "LS6" of "LS6 1AA"): the nearest we come without a lookup.
        outward = postcode.strip().upper().split()[0] if postcode.strip() else ""
        services = services.filter(Q(postal_code__iexact=outward) | Q(postal_code__istartswith=f"{outward} "))
    return services.prefetch_related(
        "taxonomies__parent",
        "service_areas",
        Prefetch("schedules", queryset=ServiceSchedule.objects.order_by("id")),
    ).order_by("name", "id")
