"""The opendata app's URLs, one module per capability, joined in `opendata/urls.py`."""
