"""Every opendata page, under /open-data/; each capability keeps its URLs in `routes/<capability>.py`."""

from .routes import catalogue, datasets, format_requests, three_sixty_giving

app_name = "opendata"

urlpatterns = [
    *catalogue.urlpatterns,
    *three_sixty_giving.urlpatterns,
    *datasets.urlpatterns,
    *format_requests.urlpatterns,
]
