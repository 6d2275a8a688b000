"""URLs for dashboard."""

urlpatterns = []
