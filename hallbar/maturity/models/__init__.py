from .assessment import Answer, Assessment

__all__ = ["Answer", "Assessment"]
