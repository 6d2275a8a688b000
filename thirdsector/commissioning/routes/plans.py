"""Commissioning plans and the involvement that shapes them, and opportunities with the bids made for them."""

urlpatterns = []
