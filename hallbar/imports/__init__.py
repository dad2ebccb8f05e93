"""The one import pipeline (upload → parse → validate → preview → atomic commit → report) and list exports.

Domain apps describe what can be imported in an ``imports.py`` module that registers an
:class:`~hallbar.imports.registry.ImportSpec`; see docs/architecture.md.
"""
