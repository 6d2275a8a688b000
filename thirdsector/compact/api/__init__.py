"""The Compact's API under /api/v1/compact/: one module per capability, joined in `urls.py`."""
