from .review import Decision, ManagementReview, Status
from .statement import CoreIndicatorSource, EnvironmentalStatement

__all__ = ["CoreIndicatorSource", "Decision", "EnvironmentalStatement", "ManagementReview", "Status"]
