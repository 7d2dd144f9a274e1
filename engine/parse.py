"""Parsing with tree-sitter-javascript, and source positions as JavaScript counts them.

Lines are 1-based; columns are 1-based and counted in UTF-16 code units (contract: sites).
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import Any

from tree_sitter import Language, Node, Parser

from engine.errors import JSSyntaxError
from engine.lazy import LazyPattern, javascript_language

_LANGUAGE = Language(javascript_language())


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
        self.paren_targets: list[tuple[int, int]] = []  # `(`, `)` offsets of parenthesized destructuring targets
        self.bad_escapes: set[int] = set()
        self.for_await: set[int] = set()
        self.line_starts: list[int] | None = None  # `for await` loops whose `await` the parser did not see  # byte offsets of invalid escapes in tagged templates (cooked: undefined)

    def line_col(self, node: Node) -> tuple[int, int]:
        if self.line_starts is not None:  # the parser read a text with some line breaks taken out
            row = bisect.bisect_right(self.line_starts, node.start_byte) - 1
            return row + 1, self._col16(row, node.start_byte - self.line_starts[row])
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
    data = src.data
    for _ in range(50):  # a tagged template may hold invalid escapes (13.2.8.3: its cooked string is undefined)
        if not root.has_error:
            break
        bad = _first_error(root)
        tpl = bad
        while tpl is not None and tpl.type != "template_string":
            tpl = tpl.parent
        if tpl is None or tpl.parent is None or tpl.parent.type != "call_expression":
            break
        at = _bad_escape(data, tpl.start_byte, tpl.end_byte)
        if at is None:
            break
        src.bad_escapes.add(at)
        data = data[:at] + b"\\\\" + data[at + 2:]  # same length, parses as an escape
        tree = _parser().parse(data)
        root = tree.root_node
    breaks = _let_newline(data, root)
    if breaks:  # `let` + line break + a name is a declaration (V8; 14.3.1 has no [no LineTerminator here])
        data2 = bytearray(data)
        for o, c in breaks:
            data2[o:c] = b" " * (c - o)
        data = bytes(data2)
        tree = _parser().parse(data)
        root = tree.root_node
        src.line_starts = [0] + [m.end() for m in re.finditer(rb"\n", src.data)]
    lets = _for_await_let(data, root)
    if lets:  # `for await (let [x] of y)`: tree-sitter reads `let[x]`; without `await` it reads a declaration
        data2 = bytearray(data)
        for at in lets:
            data2[at:at + 5] = b"     "
        data = bytes(data2)
        tree = _parser().parse(data)
        root = tree.root_node
        src.for_await = {data.rfind(b"for", 0, at) for at in lets}
    if root.has_error:  # `[(a)] = x`: tree-sitter's patterns take no parentheses; read them without
        stripped = _paren_targets(data, root)
        if stripped:
            data2 = bytearray(data)
            for o, c in stripped:
                data2[o] = data2[c] = 0x20
            tree2 = _parser().parse(bytes(data2))
            if not tree2.root_node.has_error:
                tree, root = tree2, tree2.root_node
                src.paren_targets = stripped
    for c in root.children:
        if c.type == "hash_bang_line" and c.start_byte != 0:  # `#!` only at the very start (B.1.1)
            line, col = src.line_col(c)
            raise JSSyntaxError("Invalid or unexpected token", line, col)
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


_STATEMENT_LISTS = frozenset(("program", "statement_block", "switch_case", "switch_default", "class_static_block"))


def _let_newline(data: bytes, root: Node) -> list[tuple[int, int]]:
    """The line breaks between a `let` statement (no semicolon) and a name starting the next statement."""
    out: list[tuple[int, int]] = []
    stack = [root]
    while stack:
        n = stack.pop()
        stack.extend(n.children)
        if n.type != "expression_statement" or n.child_count != 1 or n.parent is None \
                or n.parent.type not in _STATEMENT_LISTS:
            continue
        ident = n.children[0]
        nxt = n.next_named_sibling
        if ident.type != "identifier" or data[ident.start_byte:ident.end_byte] != b"let" or nxt is None:
            continue
        gap = data[ident.end_byte:nxt.start_byte]
        if b"\n" in gap and not gap.strip() and re.match(rb"[A-Za-z_$\x80-\xff\\]", data[nxt.start_byte:nxt.start_byte + 1]) \
                and not re.match(rb"(?:in|instanceof)\b", data[nxt.start_byte:nxt.start_byte + 10]):
            out.append((ident.end_byte, nxt.start_byte))
    return out


def _for_await_let(data: bytes, root: Node) -> list[int]:
    out: list[int] = []
    stack = [root]
    while stack:
        n = stack.pop()
        stack.extend(n.children)
        if n.type == "for_in_statement" and n.child_by_field_name("kind") is None:
            left = n.child_by_field_name("left")
            aw = [c for c in n.children if c.type == "await"]
            if aw and left is not None and left.type == "subscript_expression":
                obj = left.child_by_field_name("object")
                if data[obj.start_byte:obj.end_byte] == b"let":
                    out.append(aw[0].start_byte)
    return out


_ASSIGN_AFTER = re.compile(rb"\s*(?:=(?![=>])|of\b|in\b)")


def _paren_targets(data: bytes, root: Node) -> list[tuple[int, int]]:
    """Parenthesized elements of array/object literals that are followed by `=` (or `of`/`in`): destructuring
    assignment targets, which may be parenthesized (13.15.5)."""
    out: list[tuple[int, int]] = []
    stack = [root]
    while stack:
        n = stack.pop()
        stack.extend(n.children)
        if n.type != "parenthesized_expression" or n.child_count != 3 or n.children[1].type == "sequence_expression":
            continue
        up = n.parent
        if up is not None and up.type == "assignment_expression" and up.child_by_field_name("left") == n:
            up = up.parent
        if up is not None and up.type in ("spread_element", "pair"):
            up = up.parent
        if up is None or up.type not in ("array", "object"):
            continue
        top = up
        while top.parent is not None and (top.parent.type in ("array", "object") or (
                top.parent.type in ("pair", "spread_element", "parenthesized_expression")
                and top.parent.parent is not None and top.parent.parent.type in ("array", "object"))):
            top = top.parent
        if _ASSIGN_AFTER.match(data, top.end_byte):
            out.append((n.children[0].start_byte, n.children[2].start_byte))
    return out


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


_ESCAPE = re.compile(rb"\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|0[0-9]?|.)", re.S)


def _bad_escape(data: bytes, start: int, end: int) -> int | None:
    """The offset of the first escape in data[start:end] that is not a valid escape sequence."""
    for m in _ESCAPE.finditer(data, start, end):
        g = m.group(1)
        if g.startswith(b"u{"):
            bad = int(g[2:-1], 16) > 0x10FFFF
        elif g[:1] in b"ux":
            bad = len(g) == 1
        else:
            bad = g[:1] in b"123456789" or (len(g) == 2 and g[:1] == b"0")
        if bad:
            return m.start()
    return None


_RESERVED = frozenset(
    "await break case catch class const continue debugger default delete do else enum export extends false finally "
    "for function if import in instanceof new null return super switch this throw true try typeof var void while "
    "with yield".split())
_IDENT = LazyPattern(r"[A-Za-z_$\u0080-\uffff][\w$\u0080-\uffff]*")  # Unicode \w: compiled on first use


def _locate(src: Source, root: Node, bad: Node) -> tuple[Node | None, str]:
    """Where V8 would complain, and V8's message: the unexpected token itself, or the end of input."""
    end = len(src.data.rstrip())
    parent = bad.parent
    in_args = parent is not None and parent.type == "arguments"
    tpl = bad
    while tpl is not None and tpl.type != "template_string":
        tpl = tpl.parent
    if tpl is not None:
        at = _bad_escape(src.data, tpl.start_byte, tpl.end_byte)
        if at is not None:
            esc = src.data[at + 1:at + 2]
            return bad, ("Invalid hexadecimal escape sequence" if esc == b"x" else "Invalid Unicode escape sequence"
                         if esc == b"u" else "Octal escape sequences are not allowed in template strings")
    if _escaped_keyword_in(src, bad):
        return bad, "Keyword must not contain escaped characters"
    sep = _separator_error(src, bad)
    if sep is not None:
        return bad, sep
    if bad.prev_sibling is not None and bad.prev_sibling.type == "=" and src.text_of(bad).startswith("="):
        return bad, "Unexpected token '='"
    if _invalid_token(src, bad):
        return bad, "Invalid or unexpected token"
    if bad.is_missing:
        if in_args and bad.type == ")":
            return bad, "missing ) after argument list"
        if bad.start_byte >= end:
            return None, "Unexpected end of input"
        return bad, _error_message(src, bad)
    text = src.text_of(bad).strip()
    line_start = src.data.rfind(b"\n", 0, bad.start_byte) + 1
    head = _FOR_INIT.search(src.data, line_start)
    if head is not None and head.start() <= bad.start_byte < head.end() + 1:
        return bad, f"for-{head.group(1).decode()} loop variable declaration may not have an initializer."
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


_FOR_INIT = re.compile(rb"for\s*\(\s*(?:var|let|const)\s[^;)]*?=[^;]*?\s(of|in)\s")
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


_CONTEXTUAL = _RESERVED | frozenset("async let get set of target meta".split())


def _escaped_keyword_in(src: Source, bad: Node) -> bool:
    """`\\u0061sync function f() {}`: a keyword spelled with escapes, which tree-sitter read as a name."""
    stack = [bad] + ([bad.prev_sibling] if bad.prev_sibling is not None else [])
    while stack:
        n = stack.pop()
        if n.child_count == 0:
            if n.type in NAME_NODES and b"\\" in src.data[n.start_byte:n.end_byte] and src.text_of(n) in _CONTEXTUAL:
                return True
        else:
            stack.extend(n.children)
    return False


def _separator_error(src: Source, bad: Node) -> str | None:
    """`1__0`, `1_`: numeric separators (12.9.3) in a number tree-sitter stopped at."""
    data = src.data
    start = bad.start_byte
    while start > 0 and data[start - 1:start] in b"0123456789abcdefABCDEFxXoOnN_.":
        start -= 1
    m = re.compile(rb"[0-9][0-9A-Za-z_.]*").match(data, start)
    if m is None or m.end() < bad.start_byte:
        return None
    lit = m.group(0)
    if b"_" not in lit:
        return None
    if lit.startswith(b"0_"):
        return "Numeric separator can not be used after leading 0."
    if b"__" in lit:
        return "Only one underscore is allowed as numeric separator"
    if re.search(rb"_(?![0-9A-Fa-f])", lit) and not re.search(rb"[._]_|_[.]?[eE]?_|[eExXbBoO._]_", lit):
        return "Numeric separators are not allowed at the end of numeric literals"
    if re.search(rb"_(?:$|[.eEn])", lit) and not re.search(rb"[.eExXbBoO]_", lit):
        return "Numeric separators are not allowed at the end of numeric literals"
    return None


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
    return [c for c in node.named_children if c.type not in ("comment", "html_comment", "hash_bang_line")]


def field(node: Node, name: str) -> Any:
    return node.child_by_field_name(name)
