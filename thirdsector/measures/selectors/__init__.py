"""Reads for the measures app's pages, one module per capability."""
