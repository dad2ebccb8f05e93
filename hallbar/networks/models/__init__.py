from .network import Network, NetworkMembership, SharedIndicator

__all__ = ["Network", "NetworkMembership", "SharedIndicator"]
