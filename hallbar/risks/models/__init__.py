from .matrix import LEVEL_SYMBOLS, Level, RiskMatrix
from .risk import Risk, RiskQuerySet

__all__ = ["LEVEL_SYMBOLS", "Level", "Risk", "RiskMatrix", "RiskQuerySet"]
