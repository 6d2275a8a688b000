"""The partnerships app's URLs, one module per capability, joined in `partnerships/urls.py`."""
