from .report import Report, ReportVersion

__all__ = ["Report", "ReportVersion"]
