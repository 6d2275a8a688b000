"""Commissioning plans and the involvement that shapes them, and opportunities with the bids made for them."""

from django.urls import path

from ..views import bids, finder, opportunities, plans

urlpatterns = [
    path("portal/", plans.portal, name="portal"),
    path("plans/", plans.plan_list, name="plans"),
    path("plans/new/", plans.plan_create, name="plan_create"),
    path("plans/<int:pk>/", plans.plan_detail, name="plan"),
    path("plans/<int:pk>/change/", plans.plan_edit, name="plan_edit"),
    path("plans/<int:pk>/history/", plans.plan_history, name="plan_history"),
    path("plans/<int:pk>/involvement/new/", plans.activity_add, name="activity_add"),
    path("plans/<int:pk>/involvement/<int:activity_id>/", plans.activity_edit, name="activity_edit"),
    path("plans/<int:pk>/<slug:step>/", plans.plan_step, name="plan_step"),
    path("opportunities/", finder.opportunity_finder, name="finder"),
    path("opportunities/new/", opportunities.opportunity_create, name="opportunity_create"),
    path("opportunities/<int:pk>/", opportunities.opportunity_detail, name="opportunity"),
    path("opportunities/<int:pk>/change/", opportunities.opportunity_edit, name="opportunity_edit"),
    path("opportunities/<int:pk>/lots/new/", opportunities.lot_add, name="lot_add"),
    path("opportunities/<int:pk>/interest/", opportunities.interest_list, name="interest"),
    path("opportunities/<int:pk>/interest/new/", bids.interest_register, name="interest_register"),
    path("opportunities/<int:pk>/bids/", opportunities.bid_list, name="bids"),
    path("opportunities/<int:pk>/bids/new/", bids.bid_create, name="bid_create"),
    path("opportunities/<int:pk>/history/", opportunities.opportunity_history, name="opportunity_history"),
    path("opportunities/<int:pk>/<slug:step>/", opportunities.opportunity_step, name="opportunity_step"),
    path("my-organisation/", bids.my_commissioning, name="mine"),
    path("consortia/new/", bids.consortium_create, name="consortium_create"),
    path("consortia/<int:pk>/", bids.consortium_detail, name="consortium"),
    path("consortia/<int:pk>/members/<int:member_id>/", bids.member_answer, name="member_answer"),
    path("bids/<int:pk>/", bids.bid_detail, name="bid"),
    path("bids/<int:pk>/<slug:step>/", bids.bid_step, name="bid_step"),
]
