"""The strategy dashboards, indicators, stakeholder surveys and board packs, under /measures/.

Each capability keeps its URLs in `routes/<capability>.py`. The indicator pages match any slug, so they
come last; every other capability's URLs start with a fixed word (`surveys/`, `board-packs/`).
"""

from .routes import board_packs, indicators, surveys

app_name = "measures"

urlpatterns = [
    *indicators.dashboards,
    *surveys.urlpatterns,
    *board_packs.urlpatterns,
    *indicators.indicator_pages,
]
