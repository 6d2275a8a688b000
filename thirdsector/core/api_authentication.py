"""Machine clients authenticate with `Authorization: Api-Key <key>` (djangorestframework-api-key).

A key identifies a client, not a person: the request stays anonymous (`request.user` is
AnonymousUser), so the client reads exactly what the public may read and writes nothing, and
`request.auth` is the key, which the rate limit counts against (core/api_throttling.py). A key
that is unknown, revoked or expired is refused with 401 rather than quietly treated as anonymous,
so a client learns at once that its key no longer works.
"""

from django.contrib.auth.models import AnonymousUser
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework.authentication import BaseAuthentication
from rest_framework.exceptions import AuthenticationFailed
from rest_framework_api_key.permissions import KeyParser

from thirdsector.accounts.models import ApiKey

KEYWORD = "Api-Key"


class ApiKeyAuthentication(BaseAuthentication):
    key_parser = KeyParser()

    def authenticate(self, request):
        text = self.key_parser.get(request._request)
        if not text:
            return None
        try:
            key = ApiKey.objects.get_from_key(text)
        except ApiKey.DoesNotExist as error:
            raise AuthenticationFailed("This API key is not valid or has been revoked") from error
        if key.has_expired:
            raise AuthenticationFailed("This API key has expired: ask the department for a new one")
        return AnonymousUser(), key

    def authenticate_header(self, request) -> str:
        return KEYWORD


class ApiKeyScheme(OpenApiAuthenticationExtension):
    """How the schema tells clients to send a key: the Authorization header, `Api-Key <key>`."""

    target_class = ApiKeyAuthentication
    name = "ApiKey"

    def get_security_definition(self, auto_schema) -> dict:
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "A machine client's key, issued by the department, sent as `Api-Key <key>`",
        }
