"""Each dataset at stable URLs: `/open-data/datasets/<slug>.csv|.json|.xlsx` and its Table Schema.

Downloads carry `ETag` and `Last-Modified` from the dataset's last change and answer a conditional
request with 304 Not Modified, so harvesters fetch a dataset again only when it has changed.
"""

from django.http import FileResponse, Http404, JsonResponse, StreamingHttpResponse
from django.urls import reverse
from django.views.decorators.http import condition, require_safe

from thirdsector.accounts.access import public

from ..datasets import Dataset, registry
from ..services.datasets import csv_lines, json_chunks, table_schema, xlsx_file

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _dataset(slug: str) -> Dataset:
    try:
        return registry()[slug]
    except KeyError:
        raise Http404("No such dataset") from None


def _updated_at(request, slug: str, **kwargs):
    """The dataset's last change, read once per request (ETag and Last-Modified both need it)."""
    if not hasattr(request, "_dataset_updated_at"):
        request._dataset_updated_at = _dataset(slug).updated_at()
    return request._dataset_updated_at


def _etag(request, slug: str, file_format: str):
    """Weak: the same records give the same data, though not byte for byte (an XLSX records when it was
    written, the JSON names the schema at the address it was asked for)."""
    updated = _updated_at(request, slug)
    return f'W/"{slug}-{file_format}-{updated.timestamp():.6f}"' if updated else None


def _schema_etag(request, slug: str):
    return _etag(request, slug, "schema")


@public
@require_safe
@condition(etag_func=_etag, last_modified_func=_updated_at)
def download(request, slug: str, file_format: str):
    dataset = _dataset(slug)
    filename = f"{slug}.{file_format}"
    if file_format == "csv":
        response = StreamingHttpResponse(csv_lines(dataset), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    if file_format == "json":
        schema_url = request.build_absolute_uri(reverse("opendata:dataset-schema", args=[slug]))
        return StreamingHttpResponse(json_chunks(dataset, schema_url=schema_url), content_type="application/json")
    if file_format == "xlsx":
        return FileResponse(xlsx_file(dataset), as_attachment=True, filename=filename, content_type=XLSX)
    raise Http404("No such format")


@public
@require_safe
@condition(etag_func=_schema_etag, last_modified_func=_updated_at)
def schema(request, slug: str):
    return JsonResponse(table_schema(_dataset(slug)))
