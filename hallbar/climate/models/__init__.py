from .budget_plan import ClimateBudget, Measure, MeasureEffect, SectorResponsibility
from .methods import BudgetMethod, ClimateSettings
from .releases import SWEDEN, AreaKind, Emission, EmissionRelease, Sector

__all__ = [
    "SWEDEN",
    "AreaKind",
    "BudgetMethod",
    "ClimateBudget",
    "ClimateSettings",
    "Emission",
    "EmissionRelease",
    "Measure",
    "MeasureEffect",
    "Sector",
    "SectorResponsibility",
]
