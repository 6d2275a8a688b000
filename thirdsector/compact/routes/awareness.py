"""URLs for awareness."""

urlpatterns = []
