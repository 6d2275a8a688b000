"""Every anchors page, under /anchors/; each capability keeps its URLs in `routes/<capability>.py`."""

from .routes import anchors, dashboard, directory, network, returns

app_name = "anchors"

urlpatterns = [
    *network.urlpatterns,
    *dashboard.urlpatterns,
    *returns.urlpatterns,
    *directory.urlpatterns,
    *anchors.urlpatterns,
]
