from .documents import ControlledDocument, DocumentVersion
from .evidence import Evidence, EvidenceQuerySet
from .files import StoredFile

__all__ = ["ControlledDocument", "DocumentVersion", "Evidence", "EvidenceQuerySet", "StoredFile"]
