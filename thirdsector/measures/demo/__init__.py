"""Demo data of the measures app for `make run`, one module per capability."""
