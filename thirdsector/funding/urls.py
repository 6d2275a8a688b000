"""Every funding page, under /funding/; each capability keeps its URLs in `routes/<capability>.py`."""

from .routes import (
    applications,
    assessment,
    awards,
    decision_times,
    partners,
    payments,
    programmes,
    regranting,
    small_grants,
)

app_name = "funding"

urlpatterns = [
    *programmes.urlpatterns,
    *partners.urlpatterns,
    *applications.urlpatterns,
    *assessment.urlpatterns,
    *awards.urlpatterns,
    *payments.urlpatterns,
    *regranting.urlpatterns,
    *small_grants.urlpatterns,
    *decision_times.urlpatterns,
]
