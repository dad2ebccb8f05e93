from .analysis import MAX_WHYS, ReferenceCounter, Why
from .nonconformity import (
    MANUAL_ORIGINS,
    AnalysisMethod,
    Effectiveness,
    Nonconformity,
    Origin,
    Severity,
    Stage,
)
from .stage import StageChange

__all__ = [
    "MANUAL_ORIGINS",
    "MAX_WHYS",
    "AnalysisMethod",
    "Effectiveness",
    "Nonconformity",
    "Origin",
    "ReferenceCounter",
    "Severity",
    "Stage",
    "StageChange",
    "Why",
]
