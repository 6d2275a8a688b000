"""The open data app's tables, one module per capability; import them from here."""

from .format_requests import FormatRequest, FormatRequestStatus
from .snapshots import GrantsSnapshot

__all__ = ["FormatRequest", "FormatRequestStatus", "GrantsSnapshot"]
