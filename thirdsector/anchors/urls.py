"""Every anchors page, under /anchors/; each capability keeps its URLs in `routes/<capability>.py`."""

app_name = "anchors"

urlpatterns = []
