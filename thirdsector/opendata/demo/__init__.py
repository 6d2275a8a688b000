"""The open data app's demo data; `settings.DEMO_DATA_LOADERS` names the loaders here."""

from .format_requests import load_format_requests

__all__ = ["load_format_requests"]
