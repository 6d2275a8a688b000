"""URLs for progress."""

urlpatterns = []
