"""URLs for boards."""

urlpatterns = []
