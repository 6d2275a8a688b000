"""The partnerships app's tables, one module per capability; import them from here."""

from .boards import (
    Action,
    AgendaItem,
    AttendanceRecord,
    Board,
    Decision,
    Declaration,
    Meeting,
    Membership,
    Paper,
)
from .capacity import (
    HelpKind,
    OutcomeCategory,
    RequestStatus,
    SupportBody,
    SupportBodyKind,
    SupportOffer,
    SupportRequest,
)
from .ccfa import CallStatus, CommunityCall, CommunityCallReminder
from .forward_plan import ForwardPlanItem, ItemKind, ItemStatus
from .indicator_results import IndicatorResult
from .local import (
    AgreementTarget,
    EngagementActivity,
    EngagementKind,
    FundingPracticeReturn,
    InvolvementLevel,
    LocalAreaAgreement,
    LocalStrategicPartnership,
    NationalIndicator,
    PartnershipMember,
    Practice,
    Sector,
)
from .progress import (
    Milestone,
    ProgressReport,
    Rag,
    RiskKind,
    RiskOrIssue,
    RiskStatus,
    StatusUpdate,
    StrategyArea,
    Workstream,
)

__all__: list[str] = []
__all__ += [
    "Action",
    "AgendaItem",
    "AttendanceRecord",
    "Board",
    "Decision",
    "Declaration",
    "Meeting",
    "Membership",
    "Paper",
]
__all__ += [
    "AgreementTarget",
    "EngagementActivity",
    "EngagementKind",
    "FundingPracticeReturn",
    "InvolvementLevel",
    "LocalAreaAgreement",
    "LocalStrategicPartnership",
    "NationalIndicator",
    "PartnershipMember",
    "Practice",
    "Sector",
]
__all__ += ["CallStatus", "CommunityCall", "CommunityCallReminder"]
__all__ += ["ForwardPlanItem", "ItemKind", "ItemStatus"]
__all__ += ["IndicatorResult"]
__all__ += [
    "Milestone",
    "ProgressReport",
    "Rag",
    "RiskKind",
    "RiskOrIssue",
    "RiskStatus",
    "StatusUpdate",
    "StrategyArea",
    "Workstream",
]
__all__ += [
    "HelpKind",
    "OutcomeCategory",
    "RequestStatus",
    "SupportBody",
    "SupportBodyKind",
    "SupportOffer",
    "SupportRequest",
]
