from django.contrib import admin
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from thirdsector.accounts.access import public
from thirdsector.core.api_versions import unversioned_api

# The JSON API, version 1: every app's API and its schema, listed once and mounted under /api/v1/.
# A later version gets its own list beside it; /api/<rest> without a version is sent here permanently.
api_v1 = [
    path("", include("thirdsector.register.api_urls")),
    path("", include("thirdsector.funding.api.urls")),
    path("", include("thirdsector.compact.api.urls")),
    path("partnerships/", include("thirdsector.partnerships.api.urls")),
    path("assets/", include("thirdsector.assets.api.urls")),
    path("anchors/", include("thirdsector.anchors.api.urls")),
    path("commissioning/", include("thirdsector.commissioning.api.urls")),
    path("open-data/", include("thirdsector.opendata.api.urls")),
    path("schema/", public(SpectacularAPIView.as_view()), name="api-schema"),
    path("docs/", public(SpectacularSwaggerView.as_view(url_name="api-schema")), name="api-docs"),
    path("redoc/", public(SpectacularRedocView.as_view(url_name="api-schema")), name="api-redoc"),
]

urlpatterns = [
    path("", include("thirdsector.core.urls")),
    path("accounts/", include("thirdsector.accounts.urls")),
    path("organisations/", include("thirdsector.register.urls")),
    path("funding/", include("thirdsector.funding.urls")),
    path("compact/", include("thirdsector.compact.urls")),
    path("partnerships/", include("thirdsector.partnerships.urls")),
    path("assets/", include("thirdsector.assets.urls")),
    path("anchors/", include("thirdsector.anchors.urls")),
    path("commissioning/", include("thirdsector.commissioning.urls")),
    path("open-data/", include("thirdsector.opendata.urls")),
    path("measures/", include("thirdsector.measures.urls")),
    path("api/v1/", include(api_v1)),
    re_path(r"^api/(?!v\d+(/|$))(?P<rest>.*)$", public(unversioned_api), name="api-unversioned"),
    path("admin/", admin.site.urls),
]

handler403 = "thirdsector.core.views.forbidden"
handler404 = "thirdsector.core.views.not_found"
handler500 = "thirdsector.core.views.server_error"
