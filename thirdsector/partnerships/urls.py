"""Every partnerships page, under /partnerships/; each capability keeps its URLs in `routes/<capability>.py`."""

from .routes import boards, capacity, ccfa, forward_plan, indicator_results, local, meetings, progress

app_name = "partnerships"

urlpatterns = [
    *boards.urlpatterns,
    *meetings.urlpatterns,
    *forward_plan.urlpatterns,
    *progress.urlpatterns,
    *local.urlpatterns,
    *indicator_results.urlpatterns,
    *ccfa.urlpatterns,
    *capacity.urlpatterns,
]
