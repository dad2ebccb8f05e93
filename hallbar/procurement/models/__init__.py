from .follow_up import ContractCheck
from .national import NationalFigures
from .procurement import Procurement
from .reference import CpvCode, Criterion

__all__ = ["ContractCheck", "CpvCode", "Criterion", "NationalFigures", "Procurement"]
