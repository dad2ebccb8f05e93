"""Kolada (RKA's municipal KPI database): the v3 API client (plain Python: client, records, transport,
errors) and the Django app around it (catalogue, fetched values, comparison groups, peer statistics).
Importing this package does not import the models."""

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
