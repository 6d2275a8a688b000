"""The anchors API URLs under /api/v1/anchors/; each capability adds its module's `urlpatterns` here."""

from . import anchors

app_name = "anchors_api"

urlpatterns = [*anchors.urlpatterns]
