"""URLs for payments."""

urlpatterns = []
