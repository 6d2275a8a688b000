"""Every assets page, under /assets/; each capability keeps its URLs in `routes/<capability>.py`."""

app_name = "assets"

urlpatterns = []
