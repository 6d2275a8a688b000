"""The measures app's background tasks, one module per capability."""
