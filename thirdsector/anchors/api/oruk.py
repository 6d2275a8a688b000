"""Open Referral UK: the services of designated anchors, as a council's directory reads them.

`GET /api/v1/anchors/services` pages as the standard says (`total_items`, `total_pages`, `page_number`, `size`,
`first_page`, `last_page`, `empty`, then `content`), with `?page=&per_page=` and the filters `text`,
`taxonomy_id` and `postcode`; `GET /api/v1/anchors/services/{id}` gives one service with everything nested
(organization, service_at_locations → location → physical_addresses, contacts → phones,
regular_schedules, eligibilitys, service_areas, service_taxonomys → taxonomy, fundings, cost_options,
languages). Identifiers are UUIDs, as the standard asks: a service's own, and for the records nested in it
a UUID derived from the service's (uuid5), so they are stable from one read to the next.
"""

import math
import uuid

from django.conf import settings
from django.http import Http404
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from ..models import AnchorService
from ..selectors.directory import published_services


def _derived(service: AnchorService, part: str) -> str:
    return str(uuid.uuid5(service.uuid, part))


def organization_id(organisation) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"thirdsector:organisation:{organisation.pk}"))


def _organization(service: AnchorService) -> dict:
    organisation = service.anchor.organisation
    return {
        "id": organization_id(organisation),
        "name": organisation.name,
        "description": organisation.description,
        "email": organisation.email,
        "url": organisation.website,
        "logo": "",
        "uri": "",
    }


def _taxonomy(term) -> dict:
    return {
        "id": term.code,
        "name": term.name,
        "vocabulary": term.vocabulary,
        "parent": term.parent.code if term.parent_id else None,
    }


def service_summary(service: AnchorService) -> dict:
    """The direct properties of a service, as the list gives them."""
    return {
        "id": str(service.uuid),
        "name": service.name,
        "description": service.description,
        "url": service.url,
        "email": service.email,
        "status": service.status,
        "fees": service.fees,
        "accreditations": "",
        "deliverable_type": "",
        "assured_date": None,
        "attending_type": "",
        "attending_access": "",
        "organization": _organization(service),
    }


def service_detail(service: AnchorService) -> dict:
    """The service with every record ORUK nests in it."""
    location_id = _derived(service, "location")
    phones = (
        [{"id": _derived(service, "phone"), "number": service.phone, "language": "English"}] if service.phone else []
    )
    return {
        **service_summary(service),
        "contacts": [
            {
                "id": _derived(service, "contact"),
                "name": service.contact_name,
                "title": service.contact_title,
                "phones": phones,
            }
        ]
        if (service.contact_name or service.phone)
        else [],
        "cost_options": [
            {
                "id": _derived(service, "cost"),
                "valid_from": None,
                "valid_to": None,
                "option": service.fees,
                "amount": None,
                "amount_description": service.fees,
            }
        ]
        if service.fees
        else [],
        "eligibilitys": [
            {
                "id": _derived(service, "eligibility"),
                "eligibility": service.eligibility,
                "minimum_age": service.minimum_age,
                "maximum_age": service.maximum_age,
            }
        ]
        if (service.eligibility or service.minimum_age is not None or service.maximum_age is not None)
        else [],
        "fundings": [{"id": _derived(service, "funding"), "source": service.funding}] if service.funding else [],
        "holiday_schedules": [],
        "languages": [
            {"id": _derived(service, f"language:{language}"), "language": language}
            for language in service.language_list()
        ],
        "regular_schedules": [
            {
                "id": _derived(service, f"schedule:{opening.pk}"),
                "service_at_location": None,
                "description": opening.description,
                "opens_at": opening.opens_at.strftime("%H:%M"),
                "closes_at": opening.closes_at.strftime("%H:%M"),
                "byday": opening.byday,
                "freq": "WEEKLY",
                "interval": 1,
                "valid_from": None,
                "valid_to": None,
                "dtstart": None,
                "until": None,
            }
            for opening in service.schedules.all()
        ],
        "reviews": [],
        "service_areas": [
            {
                "id": _derived(service, f"area:{area.pk}"),
                "service_area": area.name,
                "extent": None,
                "uri": area.gss_code,
            }
            for area in service.service_areas.all()
        ],
        "service_at_locations": [
            {
                "id": _derived(service, "service_at_location"),
                "location": {
                    "id": location_id,
                    "name": service.location_name,
                    "description": "",
                    "latitude": service.latitude,
                    "longitude": service.longitude,
                    "physical_addresses": [
                        {
                            "id": _derived(service, "address"),
                            "address_1": service.address_1,
                            "city": service.city,
                            "state_province": "",
                            "postal_code": service.postal_code,
                            "country": "GB",
                        }
                    ],
                    "accessibility_for_disabilities": [],
                },
            }
        ],
        "service_taxonomys": [
            {"id": _derived(service, f"taxonomy:{term.code}"), "taxonomy": _taxonomy(term)}
            for term in service.taxonomies.all()
        ],
    }


def _whole_number(request, name: str, default: int, largest: int | None = None) -> int:
    text = request.query_params.get(name)
    if text in (None, ""):
        return default
    if not text.isdigit() or int(text) < 1 or (largest is not None and int(text) > largest):
        limit = f" up to {largest}" if largest else ""
        raise ValidationError({name: [f"Enter a whole number from 1{limit}"]})
    return int(text)


def services_page(request) -> Response:
    services = published_services(
        text=request.query_params.get("text", "").strip(),
        taxonomy_id=request.query_params.get("taxonomy_id", "").strip(),
        postcode=request.query_params.get("postcode", "").strip(),
    )
    per_page = _whole_number(request, "per_page", settings.ANCHORS_ORUK_PER_PAGE, settings.ANCHORS_ORUK_MAX_PER_PAGE)
    page = _whole_number(request, "page", 1)
    total = services.count()
    total_pages = max(1, math.ceil(total / per_page))
    rows = list(services[(page - 1) * per_page : page * per_page]) if total else []
    return Response(
        {
            "total_items": total,
            "total_pages": total_pages,
            "page_number": page,
            "size": per_page,
            "first_page": page == 1,
            "last_page": page >= total_pages,
            "empty": not rows,
            "content": [service_detail(service) for service in rows],
        }
    )


def service_by_id(service_id: str) -> dict:
    try:
        key = uuid.UUID(service_id)
    except ValueError as error:
        raise Http404 from error
    service = published_services().filter(uuid=key).first()
    if service is None:
        raise Http404
    return service_detail(service)
