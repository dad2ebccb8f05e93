from .follow_up import ContractCheck
from .national import NationalFigures
from .procurement import Procurement
from .reference import CpvCode, Criterion
from .supplier import ContractedSupplier, normalise_supplier_number

__all__ = [
    "ContractCheck",
    "ContractedSupplier",
    "CpvCode",
    "Criterion",
    "NationalFigures",
    "Procurement",
    "normalise_supplier_number",
]
