"""URLs for meetings."""

urlpatterns = []
