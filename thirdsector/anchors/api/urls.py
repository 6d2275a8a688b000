"""The anchors API URLs under /api/anchors/; each capability adds its module's `urlpatterns` here."""

app_name = "anchors_api"

urlpatterns = []
