"""URLs for applications."""

urlpatterns = []
