"""Every commissioning page, under /commissioning/; each capability keeps its URLs in `routes/<capability>.py`."""

from .routes import awards, plans

app_name = "commissioning"

urlpatterns = [*plans.urlpatterns, *awards.urlpatterns]
