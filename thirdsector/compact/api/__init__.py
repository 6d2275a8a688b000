"""The Compact's API under /api/compact/: one module per capability, joined in `urls.py`."""
