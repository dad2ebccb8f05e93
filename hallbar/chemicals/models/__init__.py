from .screening import ArticleMatch, Screening, ScreeningArticle
from .substances import PhaseOutSubstance, Substance, SubstanceList

__all__ = ["ArticleMatch", "PhaseOutSubstance", "Screening", "ScreeningArticle", "Substance", "SubstanceList"]
