"""The partnerships API URLs under /api/v1/partnerships/; each capability adds its module's `urlpatterns` here."""

from . import boards, capacity, ccfa, local

app_name = "partnerships_api"

urlpatterns = [
    *boards.urlpatterns,
    *ccfa.urlpatterns,
    *local.urlpatterns,
    *capacity.urlpatterns,
]
