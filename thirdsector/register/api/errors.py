"""How the API refuses, in one place: the 400 for a domain error, and what the schema says of each refusal.

Field errors follow DRF's shape, `{"field": ["message", ...]}`, with messages written for the person
who must correct them, as the HTML forms' are.
"""

from drf_spectacular.utils import OpenApiExample, OpenApiResponse
from rest_framework.exceptions import ValidationError
from rest_framework.settings import api_settings

from ..services.organisations import RegisterError
from .serializers import ErrorSerializer

ERRORS_BY_FIELD = {
    "type": "object",
    "additionalProperties": {
        "oneOf": [
            {"type": "array", "items": {"type": "string"}},
            {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}},
        ]
    },
}
FILTER_ERRORS = OpenApiResponse(
    response=ERRORS_BY_FIELD,
    description="A filter's value is not one the register knows. Each key names the parameter and lists what to "
    "correct.",
    examples=[
        OpenApiExample("An unknown kind", value={"kind": ["Choose a kind from the list: registered_charity, ..."]})
    ],
)
FIELD_ERRORS = OpenApiResponse(
    response=ERRORS_BY_FIELD,
    description="The change cannot be made. Each key names a field (or `non_field_errors`) and lists what to "
    "correct; for a list field such as `identifiers`, the errors are keyed by the position in the list. A change "
    "the register refuses (an Org-ID of the wrong shape for its scheme, or one that belongs to another "
    "organisation) is reported on the field it concerns.",
    examples=[
        OpenApiExample(
            "A missing reason and an identifier of the wrong shape",
            value={
                "reason": ["Enter the reason for this change"],
                "identifiers": {
                    "0": [
                        "Enter a GB-CHC identifier (Charity Commission for England and Wales) "
                        "as a charity number of 6 or 7 digits"
                    ]
                },
            },
        ),
        OpenApiExample(
            "An identifier another organisation holds",
            value={
                "identifier": [
                    "GB-CHC-1123456 already belongs to Leeds Tenants Federation: if they are the same body, merge them"
                ]
            },
        ),
    ],
)
NOT_SIGNED_IN = OpenApiResponse(
    ErrorSerializer, description="No valid token or session: send `Authorization: Token <key>`"
)
NOT_STAFF = OpenApiResponse(
    ErrorSerializer, description="Only department staff and platform admins may change the register"
)
NOT_FOUND = OpenApiResponse(
    ErrorSerializer, description="No such organisation, or it has been removed (removed ones are shown to staff only)"
)
THROTTLED = OpenApiResponse(ErrorSerializer, description="Too many requests: wait the seconds given in Retry-After")
WRITE_REFUSALS = {400: FIELD_ERRORS, 401: NOT_SIGNED_IN, 403: NOT_STAFF, 429: THROTTLED}


def domain_error(error: RegisterError, *, field_names: dict[str, str] | None = None) -> ValidationError:
    """A RegisterError as a 400 naming the field the person should correct."""
    field = error.field or api_settings.NON_FIELD_ERRORS_KEY
    field = (field_names or {}).get(field, field)
    return ValidationError({field: [str(error)]})
