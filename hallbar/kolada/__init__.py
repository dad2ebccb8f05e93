"""Client for the Kolada v3 API (RKA's municipal KPI database). Plain Python, no Django models."""

from .client import KoladaClient
from .errors import KoladaError, KoladaHTTPError, KoladaUnavailable
from .records import GroupMember, Kpi, KpiValue, MunicipalityGroup

__all__ = [
    "GroupMember",
    "KoladaClient",
    "KoladaError",
    "KoladaHTTPError",
    "KoladaUnavailable",
    "Kpi",
    "KpiValue",
    "MunicipalityGroup",
]
