"""The Compact's API URLs under /api/v1/compact/; each capability adds its module's `urlpatterns` here."""

from . import breaches, consultations

app_name = "compact_api"

urlpatterns = [
    *breaches.urlpatterns,
    *consultations.urlpatterns,
]
