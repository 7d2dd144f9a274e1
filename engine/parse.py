"""Parsing with tree-sitter-javascript, and source positions as JavaScript counts them.

Lines are 1-based; columns are 1-based and counted in UTF-16 code units (contract: sites).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import tree_sitter_javascript
from tree_sitter import Language, Node, Parser

from engine.errors import JSSyntaxError

_LANGUAGE = Language(tree_sitter_javascript.language())


@lru_cache(maxsize=1)
def _parser() -> Parser:
    return Parser(_LANGUAGE)


NAME_NODES = frozenset(("identifier", "property_identifier", "shorthand_property_identifier",
                        "shorthand_property_identifier_pattern", "private_property_identifier", "statement_identifier"))
_NAME_ESCAPE = re.compile(r"\\u\{([0-9a-fA-F]+)\}|\\u([0-9a-fA-F]{4})")


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
        """A node's text; a name written with Unicode escapes (`bre\\u0061k`) is the name it spells."""
        text = self.data[node.start_byte:node.end_byte].decode("utf-8", errors="replace")
        if "\\" in text and node.type in NAME_NODES:
            return _NAME_ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), text)
        return text


def parse(text: str) -> tuple[Source, Node]:
    """Parse a classic script; raise JSSyntaxError at the first error tree-sitter recovered from."""
    src = Source(text)
    tree = _parser().parse(src.data)
    root = tree.root_node
    if root.has_error:
        bad = _first_error(root)
        if bad is not None:
            where, message = _locate(src, root, bad)
            if where is None:  # V8 reports the end of input where the text ends
                row = src.data.count(b"\n")
                line, col = row + 1, src._col16(row, len(src.lines[row]) if row < len(src.lines) else 0)
            else:
                line, col = src.line_col(where)
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


_RESERVED = frozenset(
    "await break case catch class const continue debugger default delete do else enum export extends false finally "
    "for function if import in instanceof new null return super switch this throw true try typeof var void while "
    "with yield".split())
_IDENT = re.compile(r"[A-Za-z_$\u0080-\uffff][\w$\u0080-\uffff]*")


def _locate(src: Source, root: Node, bad: Node) -> tuple[Node | None, str]:
    """Where V8 would complain, and V8's message: the unexpected token itself, or the end of input."""
    end = len(src.data.rstrip())
    parent = bad.parent
    in_args = parent is not None and parent.type == "arguments"
    if _invalid_token(src, bad):
        return bad, "Invalid or unexpected token"
    if bad.is_missing:
        if in_args and bad.type == ")":
            return bad, "missing ) after argument list"
        if bad.start_byte >= end:
            return None, "Unexpected end of input"
        return bad, _error_message(src, bad)
    text = src.text_of(bad).strip()
    if re.match(r"for\s*\(", text) and re.search(r"\s(in|of)\s", text):
        return bad, "Invalid left-hand side in for-loop"
    missing_value = _missing_value(bad)
    if missing_value is not None:  # a valid target and `=`, then no value: V8 stops at the token after the `=`
        leaf = missing_value if missing_value is not bad else _next_leaf(root, bad.end_byte)
        if leaf is None or leaf.start_byte >= end:
            return None, "Unexpected end of input"
        return leaf, _unexpected(src, leaf)
    declaration = parent is not None and parent.type in ("variable_declaration", "lexical_declaration") and \
        text.startswith("=")
    if not declaration and not _after_yield(bad) and (re.search(r"(?<![=!<>+\-*/%&|^?])=$", text) or
                                                     re.match(r"=(?![=>])", text)):
        if any(c.type in ("object", "array") for c in bad.named_children):
            return bad, "Invalid destructuring assignment target"
        return bad, "Invalid left-hand side in assignment"
    if bad.child_count == 0:
        if in_args:
            return bad, "missing ) after argument list"
        return bad, _error_message(src, bad)
    leaf = _next_leaf(root, bad.end_byte)
    if (not bad.named_children or bad.prev_sibling is not None) and not declaration:
        # after something complete (or only tokens): the ERROR's first token is the one V8 did not expect
        leaf = bad
        while leaf.child_count:
            leaf = leaf.children[0]
    if in_args:
        return bad, "missing ) after argument list"
    if leaf is None or leaf.start_byte >= end:
        return None, "Unexpected end of input"
    return leaf, _unexpected(src, leaf)


_TARGETS = ("identifier", "member_expression", "subscript_expression")


def _missing_value(bad: Node) -> Node | None:
    """`x = )` or `a.b =` at the end: a valid assignment target, `=`, and no value. Returns the first token after
    the `=` inside the error, or `bad` itself when the value is missing at its end; None for other errors."""
    kids = list(bad.children)
    prev = bad.prev_sibling
    if kids and kids[0].type == "=" and prev is not None and prev.type in _TARGETS:
        rest = kids[1:]
    elif len(kids) >= 2 and kids[0].type in _TARGETS and kids[1].type == "=":
        rest = kids[2:]
    else:
        return None
    if not rest:
        return bad
    leaf = rest[0]
    while leaf.child_count:
        leaf = leaf.children[0]
    return leaf


def _after_yield(node: Node) -> bool:
    prev = node.prev_sibling
    return prev is not None and prev.type == "yield"


def _invalid_token(src: Source, bad: Node) -> bool:
    """Text no JavaScript token can start with: a stray character, an unterminated string, `1x`."""
    nodes = [bad] if bad.child_count == 0 else list(bad.children)
    for n in nodes:
        t = src.text_of(n)
        if n.type in ("@", "\\"):
            return True
        if n.type == "ERROR" and n.child_count == 0 and t and re.match(r"[@#\\'\"\u00a0-\uffff]", t) \
                and not _IDENT.match(t):
            return True
        if n.type == "string_fragment":
            return True
        if n.type == "number" and re.match(rb"[A-Za-z_$]", src.data[n.end_byte:n.end_byte + 1]):
            return True
    return False


def _unexpected(src: Source, leaf: Node) -> str:
    text = src.text_of(leaf)
    if leaf.type == "number":
        return "Unexpected number"
    if leaf.type in ('"', "'", "string", "string_fragment"):
        return "Unexpected string"
    if leaf.type in ("`", "template_string"):
        return "Unexpected template string"
    if _IDENT.fullmatch(text) and text not in _RESERVED:
        return f"Unexpected identifier '{text}'"
    return f"Unexpected token '{text}'"


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
    if node.type == "number" or re.fullmatch(r"\d[\w.]*", token):
        return "Unexpected number"
    if _IDENT.fullmatch(token) and token not in _RESERVED:
        return f"Unexpected identifier '{token}'"
    return f"Unexpected token '{token}'"


def children(node: Node) -> list[Node]:
    return [c for c in node.named_children if c.type != "comment"]


def field(node: Node, name: str) -> Any:
    return node.child_by_field_name(name)
