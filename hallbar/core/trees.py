"""Turning parent-linked rows into nested trees for display."""

from collections.abc import Iterable


def nest(rows: Iterable, key: str) -> list[dict]:
    """Nest rows ordered parents-first into ``[{key: row, "children": [...]}, ...]``.

    A row whose parent is not among the rows becomes a root (e.g. the top of a subtree)."""
    nodes: dict[int, dict] = {}
    roots: list[dict] = []
    for row in rows:
        node = {key: row, "children": []}
        nodes[row.pk] = node
        parent = nodes.get(row.parent_id)
        (parent["children"] if parent else roots).append(node)
    return roots
