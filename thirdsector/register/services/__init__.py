"""Writes to the register: the only code that changes organisations and their identifiers."""
