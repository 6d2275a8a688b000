from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from thirdsector.accounts.access import public

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
    path("api/", include("thirdsector.register.api_urls")),
    path("api/", include("thirdsector.funding.api.urls")),
    path("api/", include("thirdsector.compact.api.urls")),
    path("api/partnerships/", include("thirdsector.partnerships.api.urls")),
    path("api/assets/", include("thirdsector.assets.api.urls")),
    path("api/anchors/", include("thirdsector.anchors.api.urls")),
    path("api/commissioning/", include("thirdsector.commissioning.api.urls")),
    path("api/open-data/", include("thirdsector.opendata.api.urls")),
    path("api/schema/", public(SpectacularAPIView.as_view()), name="api-schema"),
    path("api/docs/", public(SpectacularSwaggerView.as_view(url_name="api-schema")), name="api-docs"),
    path("api/redoc/", public(SpectacularRedocView.as_view(url_name="api-schema")), name="api-redoc"),
    path("admin/", admin.site.urls),
]

handler403 = "thirdsector.core.views.forbidden"
handler404 = "thirdsector.core.views.not_found"
handler500 = "thirdsector.core.views.server_error"
