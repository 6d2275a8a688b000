"""The anchors app's tables, one module per capability; import them from here."""

from .designation import CRITERION_TESTS, Anchor, AnchorStatus, Criterion
from .directory import AnchorService, ServiceSchedule, ServiceStatus, Taxonomy, Weekday
from .returns import FinancialReturn, ReturnStatus

__all__ = [
    "CRITERION_TESTS",
    "Anchor",
    "AnchorService",
    "AnchorStatus",
    "Criterion",
    "FinancialReturn",
    "ReturnStatus",
    "ServiceSchedule",
    "ServiceStatus",
    "Taxonomy",
    "Weekday",
]
