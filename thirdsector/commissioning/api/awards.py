"""API of commissioning awards and the level playing field figures."""

urlpatterns = []
