"""Every commissioning page, under /commissioning/; each capability keeps its URLs in `routes/<capability>.py`."""

app_name = "commissioning"

urlpatterns = []
