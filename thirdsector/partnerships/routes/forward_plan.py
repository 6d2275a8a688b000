"""URLs for boards' forward plans: the published plan and its CSV, the staff list, items and their steps."""

from django.urls import path

from ..views import forward_plan as views

urlpatterns = [
    path("boards/<slug:slug>/forward-plan/", views.board_forward_plan, name="board-forward-plan"),
    path("boards/<slug:slug>/forward-plan.csv", views.board_forward_plan_csv, name="board-forward-plan-csv"),
    path("boards/<slug:slug>/forward-plan/new/", views.item_add, name="forward-plan-add"),
    path("forward-plan/", views.forward_plan_list, name="forward-plan"),
    path("forward-plan/<int:pk>/", views.item_detail, name="forward-plan-item"),
    path("forward-plan/<int:pk>/edit/", views.item_edit, name="forward-plan-edit"),
    path("forward-plan/<int:pk>/taken/", views.item_take, name="forward-plan-take"),
    path("forward-plan/<int:pk>/defer/", views.item_defer, name="forward-plan-defer"),
    path("forward-plan/<int:pk>/withdraw/", views.item_withdraw, name="forward-plan-withdraw"),
]
