"""The commissioning app's URLs, one module per capability, joined in `commissioning/urls.py`."""
