"""URLs for assessment."""

urlpatterns = []
