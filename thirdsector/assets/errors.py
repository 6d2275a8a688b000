"""The refusal asset transfer's services raise, with a message a person can act on."""


class AssetTransferError(Exception):
    """A refusal in plain English; `field` names the form field it belongs to, when there is one."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.field = field
