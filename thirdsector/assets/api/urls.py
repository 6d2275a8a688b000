"""The assets API URLs under /api/v1/assets/; each capability adds its module's `urlpatterns` here."""

from . import assets

app_name = "assets_api"

urlpatterns = [
    *assets.urlpatterns,
]
