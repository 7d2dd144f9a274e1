"""Parsing with tree-sitter-javascript, and source positions as JavaScript counts them.

Lines are 1-based; columns are 1-based and counted in UTF-16 code units (contract: sites).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import tree_sitter_javascript
from tree_sitter import Language, Node, Parser

from engine.errors import JSSyntaxError

_LANGUAGE = Language(tree_sitter_javascript.language())


@lru_cache(maxsize=1)
def _parser() -> Parser:
    return Parser(_LANGUAGE)


class Source:
    """A program's text with conversions from tree-sitter byte positions to line/UTF-16 column."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.data = text.encode("utf-8")
        self.lines = self.data.split(b"\n")

    def line_col(self, node: Node) -> tuple[int, int]:
        row, byte_col = node.start_point
        return row + 1, self._col16(row, byte_col)

    def _col16(self, row: int, byte_col: int) -> int:
        if row >= len(self.lines):
            return byte_col + 1
        prefix = self.lines[row][:byte_col].decode("utf-8", errors="replace")
        return len(prefix.encode("utf-16-le")) // 2 + 1

    def text_of(self, node: Node) -> str:
        return self.data[node.start_byte:node.end_byte].decode("utf-8", errors="replace")


def parse(text: str) -> tuple[Source, Node]:
    """Parse a classic script; raise JSSyntaxError at the first error tree-sitter recovered from."""
    src = Source(text)
    tree = _parser().parse(src.data)
    root = tree.root_node
    if root.has_error:
        bad = _first_error(root)
        if bad is not None:
            where, message = _locate(src, root, bad)
            line, col = src.line_col(where if where is not None else bad)
            raise JSSyntaxError(message, line, col)
    return src, root


def _first_error(node: Node) -> Node | None:
    """The earliest ERROR or MISSING node in source order."""
    best: Node | None = None
    stack = [node]
    while stack:
        n = stack.pop()
        if n.is_error or n.is_missing:
            if best is None or n.start_byte < best.start_byte:
                best = n
            continue
        if n.has_error:
            stack.extend(n.children)
    return best


def _next_leaf(root: Node, offset: int) -> Node | None:
    """The first token that starts at or after byte `offset`."""
    node: Node | None = root
    best: Node | None = None
    while node is not None:
        nxt = None
        for c in node.children:
            if c.end_byte > offset and (c.start_byte >= offset or c.child_count):
                nxt = c
                break
        if nxt is None:
            break
        if nxt.child_count == 0:
            best = nxt if nxt.start_byte >= offset else None
            break
        node = nxt
    return best


def _locate(src: Source, root: Node, bad: Node) -> tuple[Node | None, str]:
    """Where V8 would complain: the unexpected token itself, or the end of input."""
    if bad.is_missing and bad.start_byte >= len(src.data.rstrip()):
        return bad, "Unexpected end of input"
    if bad.is_missing or bad.child_count == 0:
        return bad, _error_message(src, bad)
    leaf = _next_leaf(root, bad.end_byte)
    if leaf is None or leaf.start_byte >= len(src.data.rstrip()):
        return bad, "Unexpected end of input"
    return leaf, f"Unexpected token '{src.text_of(leaf)}'"


def _error_message(src: Source, node: Node) -> str:
    if node.is_missing:
        return f"Missing {node.type!r}" if node.type not in (";",) else "Missing semicolon"
    text = src.text_of(node).strip()
    if not text:
        return "Unexpected end of input"
    token = text.split()[0] if text.split() else text
    if len(token) > 20:
        token = token[:20] + "..."
    if node.end_byte >= len(src.data.rstrip()) and len(node.children) == 0:
        return "Unexpected end of input"
    return f"Unexpected token '{token}'"


def children(node: Node) -> list[Node]:
    return [c for c in node.named_children if c.type != "comment"]


def field(node: Node, name: str) -> Any:
    return node.child_by_field_name(name)
