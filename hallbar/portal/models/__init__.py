from .portal import LICENCES, ContentVersion, Licence, PortalSettings, Publication

__all__ = ["LICENCES", "ContentVersion", "Licence", "PortalSettings", "Publication"]
