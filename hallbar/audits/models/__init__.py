from .audit import Audit, AuditProgramme, Status
from .work import ChecklistItem, Finding

__all__ = ["Audit", "AuditProgramme", "ChecklistItem", "Finding", "Status"]
