"""The anchors app's URLs, one module per capability, joined in `anchors/urls.py`."""
