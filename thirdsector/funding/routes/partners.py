"""URLs for partners."""

urlpatterns = []
