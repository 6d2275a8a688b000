"""The measures app's models, one module per capability: indicators, the stakeholder survey, board packs."""

from .indicators import Indicator, IndicatorValue, Polarity, Unit

__all__ = ["Indicator", "IndicatorValue", "Polarity", "Unit"]

from .board_packs import BoardPack, BoardPackFrozen, BoardPackStatus, Quarter
from .surveys import Survey, SurveyAnswer, SurveyGroup, SurveyInvitation, SurveyQuestion, SurveyResponse, SurveyStatus

__all__ += [
    "Survey",
    "SurveyAnswer",
    "SurveyGroup",
    "SurveyInvitation",
    "SurveyQuestion",
    "SurveyResponse",
    "SurveyStatus",
]

__all__ += ["BoardPack", "BoardPackFrozen", "BoardPackStatus", "Quarter"]
