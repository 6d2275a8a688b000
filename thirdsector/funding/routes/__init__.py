"""The funding app's URLs, one module per capability, joined in `funding/urls.py`."""
