"""API of capacity building: support bodies and their offers, under /api/partnerships/."""

urlpatterns = []
