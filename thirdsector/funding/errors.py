"""The funding app's domain errors: each message says what went wrong and what to do."""

from thirdsector.core.workflow import TransitionRefused


class FundingError(Exception):
    """A funding rule refused the request; the message is shown to the person next to the form."""


class BudgetExceeded(FundingError):
    pass


class NotEligible(FundingError):
    def __init__(self, reasons: list[str]):
        self.reasons = reasons
        super().__init__(" ".join(reasons))


__all__ = ["BudgetExceeded", "FundingError", "NotEligible", "TransitionRefused"]
