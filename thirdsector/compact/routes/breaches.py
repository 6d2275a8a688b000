"""URLs for breaches."""

urlpatterns = []
