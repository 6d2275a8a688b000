"""The commissioning app's tables, one module per capability; import them from here."""

from .plans import (
    CommissioningPlan,
    Lot,
    Opportunity,
    OpportunityKind,
    OpportunityStatus,
    PlanStatus,
)

__all__ = ["CommissioningPlan", "Lot", "Opportunity", "OpportunityKind", "OpportunityStatus", "PlanStatus"]

from .awards import (  # noqa: E402  (the awards work's tables, kept after the plans work's)
    CommissioningDecision,
    ContractAward,
    DecisionInvolvement,
    InvolvedAs,
    InvolvementRole,
)

__all__ += ["CommissioningDecision", "ContractAward", "DecisionInvolvement", "InvolvedAs", "InvolvementRole"]
