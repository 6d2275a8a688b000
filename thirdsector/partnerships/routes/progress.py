"""URLs for strategy progress: the plan, workstreams, their updates, and progress reports."""

from django.urls import path

from ..views import progress

urlpatterns = [
    path("progress/", progress.plan, name="progress_plan"),
    path("progress/workstreams/<int:pk>/", progress.workstream_detail, name="progress_workstream"),
    path("progress/workstreams/<int:pk>/status/", progress.update_status, name="progress_update_status"),
    path("progress/workstreams/<int:pk>/milestones/new/", progress.new_milestone, name="progress_new_milestone"),
    path("progress/milestones/<int:pk>/done/", progress.milestone_done, name="progress_milestone_done"),
    path("progress/workstreams/<int:pk>/risks/new/", progress.new_risk, name="progress_new_risk"),
    path("progress/risks/<int:pk>/close/", progress.risk_close, name="progress_close_risk"),
    path("progress/reports/", progress.report_list, name="progress_reports"),
    path("progress/reports/new/", progress.new_report, name="progress_new_report"),
    path("progress/reports/<int:pk>/", progress.report_detail, name="progress_report"),
    path("progress/reports/<int:pk>/report.pdf", progress.report_pdf, name="progress_report_pdf"),
]
