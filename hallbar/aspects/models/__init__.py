from .activity import Activity
from .aspect import Aspect, AspectScore
from .review import AspectReview
from .significance import AspectSettings, SignificanceCriterion

__all__ = ["Activity", "Aspect", "AspectReview", "AspectScore", "AspectSettings", "SignificanceCriterion"]
