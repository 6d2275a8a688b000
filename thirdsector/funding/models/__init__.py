"""The funding app's tables, one module per capability; import them from here."""

from .applications import (
    LIVE_APPLICATION_STATUSES,
    Application,
    ApplicationDocument,
    ApplicationMessage,
    ApplicationStatus,
    DocumentKind,
)
from .assessment import AssessorAssignment, AssignmentStatus, Score
from .awards import (
    COMMITTED_STATUSES,
    Award,
    AwardStatus,
    AwardYear,
    Recovery,
    RecoveryKind,
    RegrantType,
    Variation,
    VariationStatus,
)
from .partners import PartnerStatus, StrategicPartner
from .payments import (
    OUTSTANDING_RETURN_STATUSES,
    MonitoringReturn,
    Payment,
    PaymentStatus,
    ReturnKind,
    ReturnStatus,
)
from .programmes import (
    Criterion,
    EligibilityRules,
    PaymentFrequency,
    Programme,
    ProgrammeBudget,
    ProgrammeStatus,
    Round,
)

__all__ = [
    "COMMITTED_STATUSES",
    "LIVE_APPLICATION_STATUSES",
    "OUTSTANDING_RETURN_STATUSES",
    "Application",
    "ApplicationDocument",
    "ApplicationMessage",
    "ApplicationStatus",
    "AssessorAssignment",
    "AssignmentStatus",
    "Award",
    "AwardStatus",
    "AwardYear",
    "Criterion",
    "DocumentKind",
    "EligibilityRules",
    "MonitoringReturn",
    "PartnerStatus",
    "Payment",
    "PaymentFrequency",
    "PaymentStatus",
    "Programme",
    "ProgrammeBudget",
    "ProgrammeStatus",
    "Recovery",
    "RecoveryKind",
    "RegrantType",
    "ReturnKind",
    "ReturnStatus",
    "Round",
    "Score",
    "StrategicPartner",
    "Variation",
    "VariationStatus",
]
