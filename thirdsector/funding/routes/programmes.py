"""URLs for programmes."""

urlpatterns = []
