"""Load framework libraries from versioned YAML files, idempotently and atomically.

A file is validated completely before anything is written; any error names the file and line and
leaves the previously loaded version untouched. A newer version updates items in place by URN;
items that disappeared are marked withdrawn rather than deleted, so links to them keep working.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.db import transaction

from .models import FrameworkItem, ItemMapping, Library

LIBRARY_DIR = Path(__file__).resolve().parent / "libraries"
URN_RE = re.compile(r"^urn:hallbar:[a-z0-9][a-z0-9.:-]*$")
ITEM_KEYS = {"urn", "parent", "ref", "level", "name", "description", "attributes"}
LIBRARY_KEYS = {
    "urn",
    "version",
    "kind",
    "name",
    "description",
    "publisher",
    "source",
    "licence",
    "copyright_note",
    "items",
    "requires",
    "mappings",
}
TEXT_FIELDS = ("name", "description")
LANGUAGES = ("sv", "en")


class LibraryError(Exception):
    def __init__(self, path: Path, line: int | None, message: str):
        self.path, self.line, self.message = path, line, message
        where = f"{path.name}, line {line}" if line else path.name
        super().__init__(f"{where}: {message}")


_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available: ~6x faster


class _LineLoader(_SafeLoader):
    """A safe loader that remembers the line of every mapping as ``__line__``."""

    def construct_mapping(self, node, deep=False):
        mapping = super().construct_mapping(node, deep=deep)
        mapping["__line__"] = node.start_mark.line + 1
        return mapping


@dataclass
class ParsedItem:
    urn: str
    parent: str | None
    ref: str
    level: str
    texts: dict[str, str]
    attributes: dict
    line: int


@dataclass
class ParsedLibrary:
    path: Path
    urn: str
    version: int
    kind: str
    fields: dict[str, str]
    items: list[ParsedItem]
    requires: list[str]
    mappings: list[tuple[str, str, str, int]]
    content_hash: str


@dataclass
class LoadReport:
    loaded: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    errors: list[LibraryError] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.loaded or self.errors)

    def summary(self) -> str:
        lines = [f"Loaded {name}" for name in self.loaded]
        lines += [f"ERROR {error}" for error in self.errors]
        lines.append(f"{len(self.unchanged)} libraries unchanged.")
        return "\n".join(lines)


def _texts(path: Path, data: dict, key: str, line: int, required: bool) -> dict[str, str]:
    value = data.get(key)
    if value is None:
        if required:
            raise LibraryError(path, line, f"'{key}' is missing; give it as {{sv: ..., en: ...}}.")
        return {}
    if not isinstance(value, dict) or not set(value) - {"__line__"} <= set(LANGUAGES):
        raise LibraryError(path, line, f"'{key}' must be a mapping with the keys sv and/or en.")
    texts = {lang: str(value.get(lang) or "").strip() for lang in LANGUAGES}
    if required and not any(texts.values()):
        raise LibraryError(path, line, f"'{key}' has neither sv nor en text.")
    return texts


def _check_urn(path: Path, urn, line: int) -> str:
    if not isinstance(urn, str) or not URN_RE.match(urn):
        raise LibraryError(path, line, f"'{urn}' is not a valid URN (urn:hallbar:..., lowercase a-z, 0-9, . : -).")
    return urn


def parse_file(path: Path) -> ParsedLibrary:
    """Read and validate one library file. Raises :class:`LibraryError`."""
    raw = path.read_bytes()
    try:
        data = yaml.load(raw, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as error:
        line = error.problem_mark.line + 1 if error.problem_mark else None
        raise LibraryError(path, line, f"not valid YAML: {error.problem}") from error
    if not isinstance(data, dict):
        raise LibraryError(path, 1, "the file must be a YAML mapping.")
    unknown = set(data) - LIBRARY_KEYS - {"__line__"}
    if unknown:
        raise LibraryError(path, 1, f"unknown keys: {', '.join(sorted(unknown))}.")
    urn = _check_urn(path, data.get("urn"), 1)
    version = data.get("version")
    if not isinstance(version, int) or version < 1:
        raise LibraryError(path, 1, "'version' must be a whole number of at least 1.")
    kind = data.get("kind")
    if kind not in Library.Kind.values:
        raise LibraryError(path, 1, f"'kind' must be one of {', '.join(Library.Kind.values)}.")
    fields = {}
    for key, required in (("name", True), ("description", False), ("copyright_note", False)):
        for lang, text in _texts(path, data, key, 1, required).items():
            fields[f"{key}_{lang}"] = text
    for key in ("publisher", "source", "licence"):
        fields[key] = str(data.get(key) or "").strip()

    items = _parse_items(path, data.get("items") or [])
    if kind == Library.Kind.MAPPING and items:
        raise LibraryError(path, items[0].line, "a mapping library holds mappings, not items.")
    requires = data.get("requires") or []
    for required_urn in requires:
        _check_urn(path, required_urn, 1)
    mappings = []
    for entry in data.get("mappings") or []:
        line = entry.get("__line__") if isinstance(entry, dict) else None
        if not isinstance(entry, dict) or not {"source", "target", "relation"} <= set(entry):
            raise LibraryError(path, line, "a mapping needs source, target and relation.")
        if entry["relation"] not in ItemMapping.Relation.values:
            raise LibraryError(path, line, f"relation must be one of {', '.join(ItemMapping.Relation.values)}.")
        mappings.append(
            (_check_urn(path, entry["source"], line), _check_urn(path, entry["target"], line), entry["relation"], line)
        )
    return ParsedLibrary(
        path, urn, version, kind, fields, items, list(requires), mappings, hashlib.sha256(raw).hexdigest()
    )


def _parse_items(path: Path, entries) -> list[ParsedItem]:
    if not isinstance(entries, list):
        raise LibraryError(path, None, "'items' must be a list.")
    seen: set[str] = set()
    items = []
    for entry in entries:
        line = entry.get("__line__") if isinstance(entry, dict) else None
        if not isinstance(entry, dict):
            raise LibraryError(path, line, "each item must be a mapping.")
        unknown = set(entry) - ITEM_KEYS - {"__line__"}
        if unknown:
            raise LibraryError(path, line, f"unknown item keys: {', '.join(sorted(unknown))}.")
        urn = _check_urn(path, entry.get("urn"), line)
        if urn in seen:
            raise LibraryError(path, line, f"the URN {urn} appears twice.")
        parent = entry.get("parent")
        if parent is not None and parent not in seen:
            raise LibraryError(path, line, f"parent {parent} is not an item earlier in this file.")
        if not entry.get("level"):
            raise LibraryError(path, line, "'level' is missing.")
        attributes = entry.get("attributes") or {}
        if not isinstance(attributes, dict):
            raise LibraryError(path, line, "'attributes' must be a mapping.")
        attributes.pop("__line__", None)
        texts = {}
        for key in TEXT_FIELDS:
            for lang, text in _texts(path, entry, key, line, key == "name").items():
                texts[f"{key}_{lang}"] = text
        seen.add(urn)
        items.append(ParsedItem(urn, parent, str(entry.get("ref") or ""), str(entry["level"]), texts, attributes, line))
    return items


def library_files(directory: Path = LIBRARY_DIR) -> list[Path]:
    return sorted(directory.glob("*.yaml"))


def _ordered(parsed: list[ParsedLibrary]) -> list[ParsedLibrary]:
    """Item libraries first, then mapping libraries, so that requirements are met."""
    return sorted(parsed, key=lambda lib: (lib.kind == Library.Kind.MAPPING, lib.path.name))


def _already_loaded(path: Path, using: str) -> bool:
    """True when this exact file content is what the database holds: nothing to parse or write."""
    content_hash = hashlib.sha256(path.read_bytes()).hexdigest()
    return Library.objects.using(using).filter(file_name=path.name, content_hash=content_hash).exists()


def load_all(paths: list[Path] | None = None, using: str = "default") -> LoadReport:
    report = LoadReport()
    parsed = []
    for path in paths if paths is not None else library_files():
        if _already_loaded(path, using):
            report.unchanged.append(path.name)
            continue
        try:
            parsed.append(parse_file(path))
        except LibraryError as error:
            report.errors.append(error)
    for library in _ordered(parsed):
        try:
            changed = load_library(library, using=using)
        except LibraryError as error:
            report.errors.append(error)
            continue
        (report.loaded if changed else report.unchanged).append(f"{library.path.name} v{library.version}")
    return report


def load_library(parsed: ParsedLibrary, using: str = "default") -> bool:
    """Write one parsed library; returns False when this version is already loaded."""
    existing = Library.objects.using(using).filter(urn=parsed.urn).first()
    if existing is not None:
        if existing.version > parsed.version:
            raise LibraryError(
                parsed.path,
                1,
                f"version {parsed.version} is older than the loaded version {existing.version}; nothing was changed.",
            )
        if existing.version == parsed.version:
            if existing.content_hash != parsed.content_hash:
                raise LibraryError(
                    parsed.path,
                    1,
                    f"the content changed but the version is still {parsed.version}; raise the version number.",
                )
            return False
    with transaction.atomic(using=using):
        library, _created = Library.objects.using(using).update_or_create(
            urn=parsed.urn,
            defaults={
                "version": parsed.version,
                "kind": parsed.kind,
                "file_name": parsed.path.name,
                "content_hash": parsed.content_hash,
                **parsed.fields,
            },
        )
        _write_items(library, parsed, using)
        _write_mappings(library, parsed, using)
    return True


def _write_items(library: Library, parsed: ParsedLibrary, using: str) -> None:
    manager = FrameworkItem.objects.using(using)
    current = {item.urn: item for item in manager.filter(library=library)}
    clash = manager.filter(urn__in=[item.urn for item in parsed.items]).exclude(library=library).first()
    if clash is not None:
        line = next(item.line for item in parsed.items if item.urn == clash.urn)
        raise LibraryError(parsed.path, line, f"the URN {clash.urn} already belongs to {clash.library.file_name}.")
    depth: dict[str, int] = {}
    to_create, to_update = [], []
    for order, item in enumerate(parsed.items):
        depth[item.urn] = depth[item.parent] + 1 if item.parent else 0
        values = {
            "ref": item.ref,
            "level": item.level,
            "attributes": item.attributes,
            "order": order,
            "depth": depth[item.urn],
            "is_deprecated": False,
            **item.texts,
        }
        obj = current.get(item.urn)
        if obj is None:
            to_create.append(FrameworkItem(library=library, urn=item.urn, **values))
        else:
            for name, value in values.items():
                setattr(obj, name, value)
            to_update.append(obj)
    manager.bulk_create(to_create, batch_size=500)
    value_fields = [
        "ref",
        "level",
        "attributes",
        "order",
        "depth",
        "is_deprecated",
        "name_sv",
        "name_en",
        "description_sv",
        "description_en",
    ]
    manager.bulk_update(to_update, value_fields, batch_size=500)
    ids = dict(manager.filter(library=library).values_list("urn", "id"))
    parents = []
    for item in parsed.items:
        obj = FrameworkItem(id=ids[item.urn], parent_id=ids[item.parent] if item.parent else None)
        parents.append(obj)
    manager.bulk_update(parents, ["parent"], batch_size=500)
    in_file = {item.urn for item in parsed.items}
    manager.filter(library=library).exclude(urn__in=in_file).update(is_deprecated=True)


def _write_mappings(library: Library, parsed: ParsedLibrary, using: str) -> None:
    if not parsed.mappings and not parsed.requires:
        return
    for required in parsed.requires:
        if not Library.objects.using(using).filter(urn=required).exists():
            raise LibraryError(parsed.path, 1, f"requires the library {required}, which is not loaded.")
    urns = {urn for source, target, _rel, _line in parsed.mappings for urn in (source, target)}
    ids = dict(FrameworkItem.objects.using(using).filter(urn__in=urns).values_list("urn", "id"))
    wanted = set()
    for source, target, relation, line in parsed.mappings:
        for urn in (source, target):
            if urn not in ids:
                raise LibraryError(parsed.path, line, f"{urn} is not an item of any loaded library.")
        wanted.add((ids[source], ids[target], relation))
    manager = ItemMapping.objects.using(using)
    have = set(manager.filter(library=library).values_list("source_id", "target_id", "relation"))
    for source_id, target_id, relation in have - wanted:
        manager.filter(library=library, source_id=source_id, target_id=target_id, relation=relation).delete()
    manager.bulk_create(
        [ItemMapping(library=library, source_id=s, target_id=t, relation=r) for s, t, r in wanted - have]
    )
