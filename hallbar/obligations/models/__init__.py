from .evaluation import Evaluation
from .obligation import Obligation

__all__ = ["Evaluation", "Obligation"]
