"""Measuring progress: the strategy's indicators, computed from every app into stored, traceable values."""
