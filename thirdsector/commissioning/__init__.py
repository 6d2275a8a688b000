"""Commissioning: plans, opportunities, bids, contract awards, the level playing field and capacity building."""
