"""URLs for proofing."""

urlpatterns = []
