"""The measures app's URLs, one module per capability, joined in `measures/urls.py`."""
