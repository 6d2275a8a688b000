"""URLs for awards."""

urlpatterns = []
