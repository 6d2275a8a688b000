"""The assets app's URLs, one module per capability, joined in `assets/urls.py`."""
