"""API of commissioning plans and opportunities."""

urlpatterns = []
