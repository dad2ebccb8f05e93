"""Hållbar – a management system for sustainable development."""

__version__ = "0.1.0"
