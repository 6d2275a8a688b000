"""Every Compact page, under /compact/; each capability keeps its URLs in `routes/<capability>.py`."""

from .routes import awareness, breaches, consultations, dashboard, proofing

app_name = "compact"

urlpatterns = [
    *dashboard.urlpatterns,
    *consultations.urlpatterns,
    *proofing.urlpatterns,
    *breaches.urlpatterns,
    *awareness.urlpatterns,
]
