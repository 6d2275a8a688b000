"""The partnerships API under /api/partnerships/ (namespace `partnerships_api`), one module per capability."""
