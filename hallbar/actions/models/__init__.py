from .action import Action, ActionPlan, ActionQuerySet
from .progress import FollowUpSettings, ProgressUpdate

__all__ = ["Action", "ActionPlan", "ActionQuerySet", "FollowUpSettings", "ProgressUpdate"]
