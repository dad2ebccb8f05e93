from .factors import EmissionFactor, FactorSet
from .ledger import LedgerAggregate, LedgerImport, Method, SupplierAggregate
from .mapping import AccountMapping
from .own_factor import OwnFactor
from .recomputation import Recomputation
from .settings import ConsumptionSettings

__all__ = [
    "AccountMapping",
    "ConsumptionSettings",
    "EmissionFactor",
    "FactorSet",
    "LedgerAggregate",
    "LedgerImport",
    "Method",
    "OwnFactor",
    "Recomputation",
    "SupplierAggregate",
]
