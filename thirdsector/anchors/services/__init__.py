"""Writes and business rules of the anchors app, one module per capability."""


class AnchorsError(Exception):
    """A rule the request breaks, with a message a person can act on, and the form field it is about."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.field = field
