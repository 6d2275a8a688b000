"""URLs for local."""

urlpatterns = []
