"""Pages of the anchors app, one module per capability."""
