"""Every opendata page, under /opendata/; each capability keeps its URLs in `routes/<capability>.py`."""

app_name = "opendata"

urlpatterns = []
