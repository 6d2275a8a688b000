"""The commissioning app's tables, one module per capability; import them from here."""

from .bids import Bid, BidStatus, Consortium, ConsortiumMember, Interest, MemberStatus
from .involvement import ActivityKind, InvolvementActivity
from .plans import (
    PUBLIC_OPPORTUNITY_STATUSES,
    PUBLIC_PLAN_STATUSES,
    CommissioningPlan,
    Lot,
    Opportunity,
    OpportunityKind,
    OpportunityStatus,
    PlanStatus,
    commissions_for,
)

__all__ = [
    "PUBLIC_OPPORTUNITY_STATUSES",
    "PUBLIC_PLAN_STATUSES",
    "ActivityKind",
    "Bid",
    "BidStatus",
    "CommissioningPlan",
    "Consortium",
    "ConsortiumMember",
    "Interest",
    "InvolvementActivity",
    "Lot",
    "MemberStatus",
    "Opportunity",
    "OpportunityKind",
    "OpportunityStatus",
    "PlanStatus",
    "commissions_for",
]

from .awards import (  # noqa: E402  (the awards work's tables, kept after the plans work's)
    CommissioningDecision,
    ContractAward,
    DecisionInvolvement,
    InvolvedAs,
    InvolvementRole,
)

__all__ += ["CommissioningDecision", "ContractAward", "DecisionInvolvement", "InvolvedAs", "InvolvementRole"]
