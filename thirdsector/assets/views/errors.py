"""Turning a service's refusal into the form's error summary."""

from ..errors import AssetTransferError


def add_refusal(form, error: Exception) -> None:
    """Puts the refusal on its field when the service named one the form has, else at the top."""
    field = getattr(error, "field", None) if isinstance(error, AssetTransferError) else None
    form.add_error(field if field in form.fields else None, str(error))
