"""The Compact app's tables, one module per capability; import them from here."""

from .bodies import Commitment, CompactBody, CompactCode
from .breaches import BreachCase, BreachFinding, BreachReminder, BreachRoute, BreachStatus, BreachUpdate

__all__ = [
    "BreachCase",
    "BreachFinding",
    "BreachReminder",
    "BreachRoute",
    "BreachStatus",
    "BreachUpdate",
    "Commitment",
    "CompactBody",
    "CompactCode",
]
