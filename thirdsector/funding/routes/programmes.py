"""URLs for programmes: the staff dashboard and set-up pages, the staff lists, and the public pages."""

from django.urls import path

from ..views import lists, programmes, public

urlpatterns = [
    # Staff: programmes and their set-up
    path("programmes/", programmes.programme_list, name="programmes"),
    path("programmes/new/", programmes.programme_create, name="programme-create"),
    path("programmes/<slug:slug>/", programmes.programme_detail, name="programme"),
    path("programmes/<slug:slug>/edit/", programmes.programme_edit, name="programme-edit"),
    path("programmes/<slug:slug>/budgets/", programmes.programme_budgets, name="programme-budgets"),
    path("programmes/<slug:slug>/eligibility/", programmes.programme_eligibility, name="programme-eligibility"),
    path("programmes/<slug:slug>/criteria/", programmes.programme_criteria, name="programme-criteria"),
    path("programmes/<slug:slug>/criteria/<int:pk>/", programmes.criterion_edit, name="criterion-edit"),
    path("programmes/<slug:slug>/criteria/<int:pk>/remove/", programmes.criterion_remove, name="criterion-remove"),
    path("programmes/<slug:slug>/rounds/new/", programmes.round_create, name="round-create"),
    path("rounds/<int:pk>/edit/", programmes.round_edit, name="round-edit"),
    # Staff: lists
    path("staff/applications/", lists.application_list, name="applications"),
    path("staff/awards/", lists.award_list, name="awards"),
    path("staff/payments/", lists.payment_list, name="payment-list"),
    # Public
    path("open-rounds/", public.open_round_list, name="open-rounds"),
    path("rounds/<int:pk>/", public.round_detail, name="round"),
    path("published-awards/", public.published_award_list, name="published-awards"),
    path("all-programmes/", public.programme_overview, name="programmes-public"),
]
