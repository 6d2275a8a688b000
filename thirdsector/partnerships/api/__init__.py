"""The partnerships API under /api/v1/partnerships/ (namespace `partnerships_api`), one module per capability."""
