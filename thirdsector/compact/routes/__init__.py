"""The Compact app's URLs, one module per capability, joined in `compact/urls.py`."""
