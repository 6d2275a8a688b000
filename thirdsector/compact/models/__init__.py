"""The Compact app's tables, one module per capability; import them from here."""

from .bodies import Commitment, CompactBody, CompactCode

__all__ = ["Commitment", "CompactBody", "CompactCode"]
