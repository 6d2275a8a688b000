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
