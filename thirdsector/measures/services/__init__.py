"""Writing in the measures app, one module per capability; the daily computation is `indicators.compute_indicators`."""
