"""The base of an API view that is not a register viewset (aggregate figures, statistics).

ViewSets derive from register.api.access.RegisterApiViewSet; a plain APIView derives from `ApiView`.
Both take authentication and rate limits from REST_FRAMEWORK's defaults and conditional reads from
core.api_conditional, so no endpoint can be left without them (core/tests/test_api_routes.py).
"""

from rest_framework.views import APIView

from .api_conditional import ConditionalReadsMixin


class ApiView(ConditionalReadsMixin, APIView):
    """An APIView with conditional reads; it declares its `access` as every view does."""
