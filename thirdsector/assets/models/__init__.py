"""Asset transfer's tables: assets offered, proposals to take them on, and the returns after transfer."""

from .assets import PUBLIC_ASSET_STATUSES, Asset, AssetCondition, AssetStatus, AssetType, Tenure
from .proposals import (
    COMPLETION_NEEDED,
    LIVE_PROPOSAL_STATUSES,
    PROPOSER_DOCUMENT_KINDS,
    ProposalDocument,
    ProposalDocumentKind,
    ProposalStatus,
    TransferProposal,
    missing_documents,
)
from .returns import RETURN_FIGURES, PostTransferReturn, ReturnStatus

__all__ = [
    "COMPLETION_NEEDED",
    "LIVE_PROPOSAL_STATUSES",
    "PROPOSER_DOCUMENT_KINDS",
    "PUBLIC_ASSET_STATUSES",
    "RETURN_FIGURES",
    "Asset",
    "AssetCondition",
    "AssetStatus",
    "AssetType",
    "PostTransferReturn",
    "ProposalDocument",
    "ProposalDocumentKind",
    "ProposalStatus",
    "ReturnStatus",
    "Tenure",
    "TransferProposal",
    "missing_documents",
]
