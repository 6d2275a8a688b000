"""The partnerships app's tables, one module per capability; import them from here."""

__all__: list[str] = []
