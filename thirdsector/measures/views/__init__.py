"""The measures app's views, one module per capability."""
