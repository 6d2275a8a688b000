"""Every assets page, under /assets/; each capability keeps its URLs in `routes/<capability>.py`."""

from .routes import council, fund, proposals, public

app_name = "assets"

urlpatterns = [
    *public.urlpatterns,
    *council.urlpatterns,
    *proposals.urlpatterns,
    *fund.urlpatterns,
]
