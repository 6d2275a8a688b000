"""The 360Giving grants at stable URLs: the package, CSV and XLSX, and the index a registry harvests.

The files come from the newest snapshot (generated on the first request if there is none), with
`Last-Modified` and `ETag` so harvesters and caches fetch them again only when they change.
"""

from django.conf import settings
from django.http import FileResponse, JsonResponse
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date

from thirdsector.accounts.access import public

from ..models import GrantsSnapshot
from ..services.snapshots import FILE_NAME, current_snapshot
from ..services.three_sixty_giving import package_metadata

CONTENT_TYPES = {
    "json": "application/json",
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
TITLES = {
    "json": "360Giving JSON data package",
    "csv": "360Giving CSV (titles layout)",
    "xlsx": "360Giving XLSX (titles layout)",
}
# Harvesters may cache a file this long before asking again with its ETag (default 5 minutes).
MAX_AGE_SECONDS = 300


def _validators(snapshot: GrantsSnapshot, name: str) -> tuple[str, float]:
    return f'"360g-{snapshot.pk}-{name}"', snapshot.generated_at.timestamp()


def _conditional(request, snapshot: GrantsSnapshot, name: str, response_for):
    etag, last_modified = _validators(snapshot, name)
    response = get_conditional_response(request, etag=etag, last_modified=int(last_modified))
    if response is None:
        response = response_for()
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    response["Cache-Control"] = f"public, max-age={MAX_AGE_SECONDS}"
    return response


@public
def grants_file(request, file_format: str):
    """The grants in `file_format` (json, csv or xlsx) from the newest snapshot."""
    snapshot = current_snapshot()
    stored = getattr(snapshot, f"{file_format}_file")
    return _conditional(
        request,
        snapshot,
        file_format,
        lambda: FileResponse(
            stored.open("rb"),
            content_type=CONTENT_TYPES[file_format],
            as_attachment=file_format != "json",
            filename=f"{FILE_NAME}.{file_format}",
        ),
    )


@public
def package_index(request):
    """The datasets as 360Giving's registry lists them (its data.json): one dataset, one distribution per file."""
    snapshot = current_snapshot()
    metadata = package_metadata(generated_at=snapshot.generated_at)
    access_url = request.build_absolute_uri(reverse("opendata:catalogue"))
    dataset = {
        "identifier": metadata["identifier"],
        "title": metadata["title"],
        "description": metadata["description"],
        "license": settings.OPENDATA_LICENCE_URL,
        "license_name": settings.OPENDATA_LICENCE_NAME,
        "issued": metadata["issued"],
        "modified": metadata["modified"],
        "publisher": {
            "name": settings.OPENDATA_PUBLISHER_NAME,
            "org_id": settings.OPENDATA_PUBLISHER_ORG_ID,
            "prefix": settings.OPENDATA_360GIVING_PREFIX,
            "website": request.build_absolute_uri("/"),
        },
        "grants": snapshot.grants,
        "total_awarded": str(snapshot.total_awarded),
        "distribution": [
            {
                "title": TITLES[file_format],
                "downloadURL": request.build_absolute_uri(reverse(f"opendata:360giving-{file_format}")),
                "accessURL": access_url,
                "mediaType": CONTENT_TYPES[file_format].split(";")[0],
            }
            for file_format in ("json", "csv", "xlsx")
        ],
    }
    return _conditional(request, snapshot, "index", lambda: JsonResponse([dataset], safe=False))
