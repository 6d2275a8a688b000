"""The partnerships API URLs under /api/partnerships/; each capability adds its module's `urlpatterns` here."""

from . import ccfa

app_name = "partnerships_api"

urlpatterns = [
    *ccfa.urlpatterns,
]
