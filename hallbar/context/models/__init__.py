from .parties import InterestedParty
from .scan import ScanItem
from .scope import ScopeStatement

__all__ = ["InterestedParty", "ScanItem", "ScopeStatement"]
