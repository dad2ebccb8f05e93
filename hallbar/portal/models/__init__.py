from .portal import LICENCES, Licence, PortalSettings, Publication

__all__ = ["LICENCES", "Licence", "PortalSettings", "Publication"]
