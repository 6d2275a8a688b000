"""URLs for consultations."""

urlpatterns = []
