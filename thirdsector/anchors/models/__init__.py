"""The anchors app's tables, one module per capability; import them from here."""
