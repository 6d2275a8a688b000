"""The opendata API URLs under /api/v1/opendata/; each capability adds its module's `urlpatterns` here."""

app_name = "opendata_api"

urlpatterns = []
