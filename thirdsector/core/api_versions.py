"""The API's version in its path: /api/v1/... now, and where clients of the unversioned /api/ are sent.

The version is the first segment after /api/ so a later, incompatible version can stand beside v1
while clients move. Clients written before the version existed keep working: /api/<rest> answers a
permanent redirect to /api/v1/<rest> with the same query string — 301 for reads, 308 for writes so
the method and body are kept.
"""

from django.http import HttpResponsePermanentRedirect
from django.views.decorators.csrf import csrf_exempt

CURRENT_VERSION = "v1"


class HttpResponsePermanentRedirectKeepingMethod(HttpResponsePermanentRedirect):
    status_code = 308


@csrf_exempt
def unversioned_api(request, rest: str):
    """Sends /api/<rest>?<query> to /api/v1/<rest>?<query>; nothing is read or written here."""
    target = f"/api/{CURRENT_VERSION}/{rest}"
    query = request.META.get("QUERY_STRING", "")
    if query:
        target = f"{target}?{query}"
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return HttpResponsePermanentRedirect(target)
    return HttpResponsePermanentRedirectKeepingMethod(target)
