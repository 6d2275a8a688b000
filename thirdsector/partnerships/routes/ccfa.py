"""URLs for ccfa."""

urlpatterns = []
