"""The measures app's models, one module per capability: indicators, the stakeholder survey, board packs."""

from .indicators import Indicator, IndicatorValue, Polarity, Unit

__all__ = ["Indicator", "IndicatorValue", "Polarity", "Unit"]
