"""Capacity building: support bodies, what they offer and where, requests for support and coverage gaps."""

urlpatterns = []
