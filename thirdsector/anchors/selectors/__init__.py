"""Reads of the anchors app shaped for its pages, its API and the measures app."""
