"""The open data app's tables, one module per capability; import them from here."""

from .snapshots import GrantsSnapshot

__all__ = ["GrantsSnapshot"]
