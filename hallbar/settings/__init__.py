"""Settings: ``base`` holds everything, ``dev`` and ``test`` relax it, ``production`` hardens it.

All configuration that differs between installations comes from environment variables,
read in :mod:`hallbar.settings.env`.
"""
