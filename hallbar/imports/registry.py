"""What can be imported: each domain app registers an :class:`ImportSpec` from its ``imports.py``.

A spec names its columns (type, required, aliases for automatic mapping, help text), gives example
rows for the downloadable template, and supplies three functions the pipeline calls:

``prepare(context)``
    Load what validation needs once (lookups of indicators, units, …) into ``context.data``.
``check(frame, context)``
    Spec-specific rules on the already typed frame, as Polars expressions; returns error frames
    built with :func:`hallbar.imports.validation.errors_where`. Optional.
``commit(frame, context)``
    Write the clean frame (bulk, see :mod:`hallbar.imports.writing`) and return a
    :class:`CommitResult`. Runs inside the pipeline's transaction: raising rolls everything back.

Column values are parsed generically by type (``ColumnType``) before ``check`` runs, so a spec never
loops over rows in Python.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class ColumnType(models.TextChoices):
    TEXT = "text", _("Text")
    INTEGER = "integer", _("Whole number")
    DECIMAL = "decimal", _("Number")
    YEAR = "year", _("Year")
    DATE = "date", _("Date")
    CHOICE = "choice", _("One of a list")
    REFERENCE = "reference", _("Name or id")


@dataclass(frozen=True)
class Column:
    """One expected column of an import.

    ``choices`` (for CHOICE) are ``(value, label)`` pairs; the file may contain the value or the
    label in any language. ``lookup`` (for REFERENCE) returns ``{normalised name or id: pk}`` for the
    import's context, with ``None`` as pk for names that are ambiguous. ``default`` fills empty cells
    of optional columns.
    """

    name: str
    label: Promise | str
    type: str = ColumnType.TEXT
    required: bool = False
    aliases: tuple[str, ...] = ()
    help_text: Promise | str = ""
    choices: tuple[tuple[str, Promise | str], ...] = ()
    choice_aliases: tuple[tuple[str, str], ...] = ()  # (other word, stored value), e.g. ("slutlig", "final")
    lookup: Callable[[Any], dict[str, int | None]] | None = None
    max_length: int | None = None
    min_value: float | None = None
    max_value: float | None = None
    default: Any = None

    @property
    def type_label(self) -> str:
        return ColumnType(self.type).label

    def names_for_mapping(self) -> set[str]:
        """Every header text that maps to this column automatically, normalised."""
        names = {self.name, *self.aliases}
        for language in ("sv", "en"):
            with translation.override(language):
                names.add(str(self.label))
        return {normalise(name) for name in names}

    def choice_values(self) -> dict[str, str]:
        """Normalised value or label (Swedish and English) → stored value."""
        values = {normalise(alias): value for alias, value in self.choice_aliases}
        for value, label in self.choices:
            values[normalise(value)] = value
            for language in ("sv", "en"):
                with translation.override(language):
                    values[normalise(str(label))] = value
        return values


@dataclass
class CommitResult:
    """What a spec's commit wrote; ``None`` means "did not count" (then every row counts as new)."""

    created: int | None = None
    replaced: int | None = None


@dataclass
class ImportSpec:
    key: str
    label: Promise | str
    description: Promise | str
    columns: list[Column]
    commit: Callable[[Any, Any], CommitResult]
    prepare: Callable[[Any], None] = lambda context: None
    check: Callable[[Any, Any], Iterable] | None = None
    # Columns that identify a row: the same values twice in one file is an error naming both rows.
    unique_together: tuple[str, ...] = ()
    # Rows of the clean frame that already exist (they will be replaced); None if the spec only adds.
    count_existing: Callable[[Any, Any], int] | None = None
    # Column name → function(frame, context) giving the text shown in the preview (e.g. a title for an id).
    display: dict[str, Callable] = field(default_factory=dict)
    # True when rows matching stored ones *update* them (empty cells keep the stored values) rather
    # than replace them: the preview and report then say "N new, M updated".
    updates_existing: bool = False
    # Example rows for the template: a list of {column: value}, or a function of the context.
    example_rows: list[dict] | Callable[[Any], list[dict]] = field(default_factory=list)
    # Messages for the spec's own error codes: code → gettext_lazy text with %(value)s / %(detail)s,
    # or a function of those params returning the text in the active language.
    messages: dict[str, Promise | Callable[[dict], str]] = field(default_factory=dict)

    def column(self, name: str) -> Column:
        return next(column for column in self.columns if column.name == name)

    def examples(self, context) -> list[dict]:
        return self.example_rows(context) if callable(self.example_rows) else list(self.example_rows)


_specs: dict[str, ImportSpec] = {}


def register(spec: ImportSpec) -> ImportSpec:
    _specs[spec.key] = spec
    return spec


def get_spec(key: str) -> ImportSpec | None:
    return _specs.get(key)


def all_specs() -> list[ImportSpec]:
    return sorted(_specs.values(), key=lambda spec: str(spec.label))


def normalise(text: str) -> str:
    """Lower-case letters and digits only: "Värde (kvinnor)" → "värdekvinnor"."""
    return "".join(character for character in str(text).lower() if character.isalnum())
