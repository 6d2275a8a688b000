"""The assets API URLs under /api/assets/; each capability adds its module's `urlpatterns` here."""

app_name = "assets_api"

urlpatterns = []
