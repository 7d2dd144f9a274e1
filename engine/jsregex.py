"""JavaScript regular expressions (ECMA-262 22.2) matched by the engine itself, not by Python's ``re``.

A pattern is parsed by :class:`Parser` (the grammar of 22.2.1 with the Annex B.1.2 extensions for patterns
without the ``u`` flag), with V8's error messages, into a small tree; :func:`compile_pattern` turns the
tree into instructions for a backtracking machine (:meth:`Program.match_at`) that follows the matcher
semantics of 22.2.2 step by step: ordered alternation, greedy and lazy quantifiers that reset their
captures on each iteration and reject an empty optional iteration, backreferences to groups that did not
participate matching the empty string, lookarounds that are atomic, lookbehind matched right to left,
case-insensitive matching through the spec's ``Canonicalize`` (``toUpperCase`` without ``u``, simple
case folding with it).

Strings are matched in their UTF-16 view (``engine.builtins.string.units``), so every index is a code
unit offset as in JavaScript; with ``u`` a surrogate pair is read as one code point. The backtracking
state lives on an explicit stack (an undo log), so long subjects never grow the Python stack; lookarounds
nest one Python call per level. Unicode property escapes (``\\p{...}``) ask the ``regex`` package whether a
code point has the property.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from typing import Any

# ---------------------------------------------------------------------------------------------- errors


class RegExpSyntaxError(Exception):
    """An early error of the pattern, with V8's wording (without the ``Invalid regular expression`` prefix)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class RegExpUnsupported(Exception):
    """A pattern the engine refuses rather than matching it differently from V8."""


LINE_TERMINATORS = frozenset((0x0A, 0x0D, 0x2028, 0x2029))
_WS = frozenset(ord(c) for c in " \t\n\r\v\f\u00a0\ufeff\u2028\u2029\u1680\u2000\u2001\u2002\u2003\u2004"
                "\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000")
_SYNTAX_CHARS = frozenset("^$\\.*+?()[]{}|")


def _is_word(c: int) -> bool:
    return c < 128 and (48 <= c <= 57 or 65 <= c <= 90 or 97 <= c <= 122 or c == 95)


def _is_digit(c: int) -> bool:
    return 48 <= c <= 57


# ---------------------------------------------------------------------------------------------- case folding

_CASED_ASTRAL = ((0x10400, 0x1044F), (0x104B0, 0x104FF), (0x10570, 0x105BF), (0x10C80, 0x10CFF),
                 (0x118A0, 0x118DF), (0x16E40, 0x16E9F), (0x1E900, 0x1E95F))


def canon_legacy(c: int) -> int:
    """Canonicalize without ``u`` (22.2.2.7.3): the single-character toUpperCase, never non-ASCII to ASCII."""
    if c > 0xFFFF:
        return c
    if 0xD800 <= c <= 0xDFFF:
        return c
    u = chr(c).upper()
    if len(u) != 1:
        return c
    cu = ord(u)
    if c >= 128 and cu < 128:
        return c
    return cu


def canon_unicode(c: int) -> int:
    """Canonicalize with ``u``: simple case folding (CaseFolding.txt, statuses C and S)."""
    if 0xD800 <= c <= 0xDFFF:
        return c
    ch = chr(c)
    f = ch.casefold()
    if len(f) == 1:
        # Python folds a few characters through their full mapping only; their simple folding is lower().
        return ord(f)
    low = ch.lower()
    if len(low) == 1 and low != ch and low.casefold() == f:
        return ord(low)
    return c


_INVERSE: dict[bool, dict[int, list[int]]] = {}


def _inverse(unicode: bool) -> dict[int, list[int]]:
    """Canonical value -> every code point with that value (only values shared by two or more)."""
    inv = _INVERSE.get(unicode)
    if inv is not None:
        return inv
    canon = canon_unicode if unicode else canon_legacy
    groups: dict[int, list[int]] = {}
    ranges = [(0, 0xFFFF)] + (list(_CASED_ASTRAL) if unicode else [])
    for lo, hi in ranges:
        for c in range(lo, hi + 1):
            k = canon(c)
            if k != c:
                groups.setdefault(k, [k]).append(c)
    _INVERSE[unicode] = groups
    return groups


# ---------------------------------------------------------------------------------------------- syntax tree
# Nodes are tuples: ("char", c) ("set", ClassSet) ("any",) ("seq", [nodes]) ("alt", [nodes])
# ("group", index, node) ("look", behind, negative, node) ("backref", index) ("named_ref", name)
# ("assert", kind) ("rep", node, min, max, greedy, first_group, last_group) ("empty",)


class ClassSet:
    """The members of a character class: ranges and predicates (class escapes, properties), maybe negated."""

    __slots__ = ("ranges", "preds", "negated")

    def __init__(self, ranges: list[tuple[int, int]], preds: list[Callable[[int], bool]], negated: bool) -> None:
        self.ranges = ranges
        self.preds = preds
        self.negated = negated

    def raw(self) -> Callable[[int], bool]:
        ranges = sorted(self.ranges)
        preds = self.preds
        singles = frozenset(lo for lo, hi in ranges if lo == hi)
        spans = [(lo, hi) for lo, hi in ranges if lo != hi]

        def member(c: int) -> bool:
            if c in singles:
                return True
            for lo, hi in spans:
                if lo <= c <= hi:
                    return True
            for p in preds:
                if p(c):
                    return True
            return False

        return member


def _class_escape_pred(kind: str, unicode_icase: bool) -> Callable[[int], bool]:
    if kind == "d":
        return _is_digit
    if kind == "D":
        return lambda c: not _is_digit(c)
    if kind == "s":
        return _WS.__contains__
    if kind == "S":
        return lambda c: c not in _WS
    if unicode_icase:
        def word(c: int) -> bool:
            return _is_word(c) or c == 0x017F or c == 0x212A
    else:
        word = _is_word
    if kind == "w":
        return word
    return lambda c: not word(c)


# ---------------------------------------------------------------------------------------------- properties

_GC_VALUES = {
    "C": "Other", "Cc": "Control", "Cf": "Format", "Cn": "Unassigned", "Co": "Private_Use", "Cs": "Surrogate",
    "L": "Letter", "LC": "Cased_Letter", "Ll": "Lowercase_Letter", "Lm": "Modifier_Letter", "Lo": "Other_Letter",
    "Lt": "Titlecase_Letter", "Lu": "Uppercase_Letter", "M": "Mark", "Mc": "Spacing_Mark", "Me": "Enclosing_Mark",
    "Mn": "Nonspacing_Mark", "N": "Number", "Nd": "Decimal_Number", "Nl": "Letter_Number", "No": "Other_Number",
    "P": "Punctuation", "Pc": "Connector_Punctuation", "Pd": "Dash_Punctuation", "Pe": "Close_Punctuation",
    "Pf": "Final_Punctuation", "Pi": "Initial_Punctuation", "Po": "Other_Punctuation", "Ps": "Open_Punctuation",
    "S": "Symbol", "Sc": "Currency_Symbol", "Sk": "Modifier_Symbol", "Sm": "Math_Symbol", "So": "Other_Symbol",
    "Z": "Separator", "Zl": "Line_Separator", "Zp": "Paragraph_Separator", "Zs": "Space_Separator",
}
_GC_ALIASES = {"Combining_Mark": "M", "digit": "Nd", "punct": "P"}
_BINARY = frozenset((
    "ASCII", "ASCII_Hex_Digit", "AHex", "Alphabetic", "Alpha", "Any", "Assigned", "Bidi_Control", "Bidi_C",
    "Bidi_Mirrored", "Bidi_M", "Case_Ignorable", "CI", "Cased", "Changes_When_Casefolded", "CWCF",
    "Changes_When_Casemapped", "CWCM", "Changes_When_Lowercased", "CWL", "Changes_When_NFKC_Casefolded", "CWKCF",
    "Changes_When_Titlecased", "CWT", "Changes_When_Uppercased", "CWU", "Dash", "Default_Ignorable_Code_Point",
    "DI", "Deprecated", "Dep", "Diacritic", "Dia", "Emoji", "Emoji_Component", "EComp", "Emoji_Modifier", "EMod",
    "Emoji_Modifier_Base", "EBase", "Emoji_Presentation", "EPres", "Extended_Pictographic", "ExtPict", "Extender",
    "Ext", "Grapheme_Base", "Gr_Base", "Grapheme_Extend", "Gr_Ext", "Hex_Digit", "Hex", "IDS_Binary_Operator",
    "IDSB", "IDS_Trinary_Operator", "IDST", "ID_Continue", "IDC", "ID_Start", "IDS", "Ideographic", "Ideo",
    "Join_Control", "Join_C", "Logical_Order_Exception", "LOE", "Lowercase", "Lower", "Math",
    "Noncharacter_Code_Point", "NChar", "Pattern_Syntax", "Pat_Syn", "Pattern_White_Space", "Pat_WS",
    "Quotation_Mark", "QMark", "Radical", "Regional_Indicator", "RI", "Sentence_Terminal", "STerm", "Soft_Dotted",
    "SD", "Terminal_Punctuation", "Term", "Unified_Ideograph", "UIdeo", "Uppercase", "Upper", "Variation_Selector",
    "VS", "White_Space", "space", "XID_Continue", "XIDC", "XID_Start", "XIDS",
))


def _regex_pred(expr: str) -> Callable[[int], bool] | None:
    try:
        import regex  # the `regex` package knows Unicode's properties
    except ImportError as exc:  # pragma: no cover - a dependency of the project
        raise RegExpUnsupported("Unicode property escapes need the 'regex' package") from exc
    try:
        compiled = regex.compile(expr)
    except regex.error:
        return None
    cache: dict[int, bool] = {}

    def has(c: int) -> bool:
        r = cache.get(c)
        if r is None:
            r = cache[c] = compiled.fullmatch(chr(c)) is not None
        return r

    return has


def property_pred(body: str) -> Callable[[int], bool] | None:
    """The predicate of ``\\p{body}`` (names as ECMA-262 table 67-69 spell them, exactly), or None."""
    name, eq, value = body.partition("=")
    if eq:
        if name in ("General_Category", "gc"):
            return _gc_pred(value)
        if name in ("Script", "sc", "Script_Extensions", "scx"):
            if not value or not all(ch.isalnum() or ch == "_" for ch in value) or not value[0].isupper():
                return None
            key = "Script" if name in ("Script", "sc") else "Script_Extensions"
            return _regex_pred(f"\\p{{{key}={value}}}")
        return None
    if name in _BINARY:
        if name == "Any":
            return lambda c: True
        if name == "ASCII":
            return lambda c: c < 128
        if name == "Assigned":
            return lambda c: unicodedata.category(chr(c)) != "Cn"
        return _regex_pred(f"\\p{{{name}}}")
    return _gc_pred(name)


def _gc_pred(value: str) -> Callable[[int], bool] | None:
    short = value if value in _GC_VALUES else _GC_ALIASES.get(value)
    if short is None:
        for k, v in _GC_VALUES.items():
            if v == value:
                short = k
                break
    if short is None:
        return None
    if short == "LC":
        return lambda c: unicodedata.category(chr(c)) in ("Lu", "Ll", "Lt")
    if short == "Cs":
        return lambda c: 0xD800 <= c <= 0xDFFF
    if len(short) == 1:
        return lambda c: unicodedata.category(chr(c))[0] == short
    return lambda c: unicodedata.category(chr(c)) == short


# ---------------------------------------------------------------------------------------------- parser


def _prescan(src: str) -> tuple[int, bool]:
    """The number of capturing groups and whether any is named (needed before the parse: \\N and \\k)."""
    count, named, i, n, in_class = 0, False, 0, len(src), False
    while i < n:
        ch = src[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            if ch == "]":
                in_class = False
        elif ch == "[":
            in_class = True
        elif ch == "(":
            if i + 1 < n and src[i + 1] == "?":
                if src.startswith("?<", i + 1) and i + 3 < n and src[i + 3] not in "=!":
                    count += 1
                    named = True
            else:
                count += 1
        i += 1
    return count, named


class Parser:
    def __init__(self, src: str, unicode: bool, icase: bool) -> None:
        self.src = src
        self.n = len(src)
        self.i = 0
        self.u = unicode
        self.icase = icase
        self.total, self.has_named = _prescan(src)
        self.groups = 0
        self.names: dict[str, int] = {}
        self.refs: list[str] = []

    def error(self, message: str) -> RegExpSyntaxError:
        return RegExpSyntaxError(message)

    def peek(self, k: int = 0) -> str:
        j = self.i + k
        return self.src[j] if j < self.n else ""

    def eat(self, s: str) -> bool:
        if self.src.startswith(s, self.i):
            self.i += len(s)
            return True
        return False

    def parse(self) -> Any:
        node = self.disjunction()
        if self.i < self.n:
            # only a ')' can stop a top-level disjunction
            raise self.error("Unmatched ')'")
        for name in self.refs:
            if name not in self.names:
                raise self.error("Invalid named capture referenced")
        return node

    def disjunction(self) -> Any:
        alts = [self.alternative()]
        while self.peek() == "|":
            self.i += 1
            alts.append(self.alternative())
        return alts[0] if len(alts) == 1 else ("alt", alts)

    def alternative(self) -> Any:
        terms: list[Any] = []
        while self.i < self.n and self.peek() not in "|)":
            t = self.term()
            if t is not None:
                terms.append(t)
        if not terms:
            return ("empty",)
        return terms[0] if len(terms) == 1 else ("seq", terms)

    # terms ---------------------------------------------------------------------------------------
    def term(self) -> Any:
        ch = self.peek()
        start_groups = self.groups
        quantifiable = True
        if ch == "^":
            self.i += 1
            atom: Any = ("assert", "^")
            quantifiable = False
        elif ch == "$":
            self.i += 1
            atom = ("assert", "$")
            quantifiable = False
        elif ch == "\\" and self.peek(1) in ("b", "B"):
            self.i += 2
            atom = ("assert", self.src[self.i - 1])
            quantifiable = False
        elif ch == "(" and self.peek(1) == "?" and self.peek(2) in ("=", "!"):
            self.i += 3
            negative = self.src[self.i - 1] == "!"
            body = self.disjunction()
            if not self.eat(")"):
                raise self.error("Unterminated group")
            atom = ("look", False, negative, body)
            if self.u:
                quantifiable = False
                if self.is_quantifier():
                    raise self.error("Invalid quantifier")
        elif ch == "(" and self.peek(1) == "?" and self.peek(2) == "<" and self.peek(3) in ("=", "!"):
            self.i += 4
            negative = self.src[self.i - 1] == "!"
            body = self.disjunction()
            if not self.eat(")"):
                raise self.error("Unterminated group")
            atom = ("look", True, negative, body)
            if self.is_quantifier():
                raise self.error("Invalid quantifier")
            quantifiable = False
        else:
            atom = self.atom()
        if not quantifiable:
            if self.is_quantifier():
                raise self.error("Nothing to repeat")
            return atom
        q = self.quantifier()
        if q is None:
            return atom
        lo, hi, greedy = q
        return ("rep", atom, lo, hi, greedy, start_groups + 1, self.groups)

    def is_quantifier(self) -> bool:
        ch = self.peek()
        if ch in ("*", "+", "?"):
            return True
        if ch == "{":
            save = self.i
            try:
                return self.braced() is not None
            finally:
                self.i = save
        return False

    def braced(self) -> tuple[int, float] | None:
        """``{n}``, ``{n,}`` or ``{n,m}`` at the cursor (consumed), or None (cursor unchanged)."""
        save = self.i
        self.i += 1
        lo = self.digits()
        if lo is None:
            self.i = save
            return None
        hi: float = lo
        if self.eat(","):
            m = self.digits()
            hi = float("inf") if m is None else m
        if not self.eat("}"):
            self.i = save
            return None
        return lo, hi

    def digits(self) -> int | None:
        j = self.i
        while self.i < self.n and self.src[self.i].isdigit() and self.src[self.i] < "\x80":
            self.i += 1
        return int(self.src[j:self.i]) if self.i > j else None

    def quantifier(self) -> tuple[int, float, bool] | None:
        ch = self.peek()
        if ch == "*":
            self.i += 1
            lo, hi = 0, float("inf")
        elif ch == "+":
            self.i += 1
            lo, hi = 1, float("inf")
        elif ch == "?":
            self.i += 1
            lo, hi = 0, 1.0
        elif ch == "{":
            b = self.braced()
            if b is None:
                if self.u:
                    raise self.error("Incomplete quantifier")
                return None
            lo, hi = b
            if hi < lo:
                raise self.error("numbers out of order in {} quantifier")
        else:
            return None
        greedy = not self.eat("?")
        if self.is_quantifier():
            raise self.error("Nothing to repeat")
        return lo, hi, greedy

    # atoms ---------------------------------------------------------------------------------------
    def atom(self) -> Any:
        ch = self.peek()
        if ch == ".":
            self.i += 1
            return ("any",)
        if ch == "(":
            return self.group()
        if ch == "[":
            return ("set", self.char_class())
        if ch == "\\":
            return self.atom_escape()
        if ch in ("*", "+", "?"):
            raise self.error("Nothing to repeat")
        if ch == "{":
            if self.u:
                raise self.error("Nothing to repeat" if self.is_quantifier() else "Lone quantifier brackets")
            if self.is_quantifier():
                raise self.error("Nothing to repeat")
        if ch in ("}", "]") and self.u:
            raise self.error("Lone quantifier brackets")
        return ("char", self.source_char())

    def source_char(self) -> int:
        c = ord(self.src[self.i])
        self.i += 1
        if self.u and 0xD800 <= c <= 0xDBFF and self.i < self.n and 0xDC00 <= ord(self.src[self.i]) <= 0xDFFF:
            c = 0x10000 + ((c - 0xD800) << 10) + (ord(self.src[self.i]) - 0xDC00)
            self.i += 1
        return c

    def group(self) -> Any:
        self.i += 1
        if self.peek() == "?":
            if self.peek(1) == ":":
                self.i += 2
                body = self.disjunction()
                if not self.eat(")"):
                    raise self.error("Unterminated group")
                return body
            if self.peek(1) == "<":
                self.i += 2
                name = self.group_name()
                if name in self.names:
                    raise self.error("Duplicate capture group name")
                self.groups += 1
                index = self.groups
                self.names[name] = index
                body = self.disjunction()
                if not self.eat(")"):
                    raise self.error("Unterminated group")
                return ("group", index, body)
            raise self.error("Invalid group")
        self.groups += 1
        index = self.groups
        body = self.disjunction()
        if not self.eat(")"):
            raise self.error("Unterminated group")
        return ("group", index, body)

    def group_name(self) -> str:
        """A GroupName after ``<`` up to ``>`` (consumed); identifier characters and \\u escapes."""
        out: list[str] = []
        while True:
            if self.i >= self.n:
                raise self.error("Invalid capture group name")
            ch = self.src[self.i]
            if ch == ">":
                self.i += 1
                break
            if ch == "\\":
                self.i += 1
                if not self.eat("u"):
                    raise self.error("Invalid capture group name")
                c = self.unicode_escape_body(in_name=True)
                if c is None:
                    raise self.error("Invalid capture group name")
            else:
                c = ord(ch)
                self.i += 1
                if 0xD800 <= c <= 0xDBFF and self.i < self.n and 0xDC00 <= ord(self.src[self.i]) <= 0xDFFF:
                    c = 0x10000 + ((c - 0xD800) << 10) + (ord(self.src[self.i]) - 0xDC00)
                    self.i += 1
            s = chr(c)
            ok = (s in "$_" or s.isidentifier()) if not out else (
                s in "$\u200c\u200d" or ("a" + s).isidentifier())
            if not ok:
                raise self.error("Invalid capture group name")
            out.append(s)
        if not out:
            raise self.error("Invalid capture group name")
        return "".join(out)

    def unicode_escape_body(self, in_name: bool = False) -> int | None:
        """After ``\\u``: XXXX (a surrogate pair \\uXXXX\\uXXXX with u), or {X...} (with u, or in names)."""
        if self.peek() == "{" and (self.u or in_name):
            j = self.src.find("}", self.i)
            digits = self.src[self.i + 1:j] if j > 0 else ""
            if j < 0 or not digits or not all(c in "0123456789abcdefABCDEF" for c in digits):
                return None
            v = int(digits, 16)
            if v > 0x10FFFF:
                return None
            self.i = j + 1
            return v
        h = self.src[self.i:self.i + 4]
        if len(h) < 4 or not all(c in "0123456789abcdefABCDEF" for c in h):
            return None
        self.i += 4
        v = int(h, 16)
        if (self.u or in_name) and 0xD800 <= v <= 0xDBFF and self.src.startswith("\\u", self.i):
            h2 = self.src[self.i + 2:self.i + 6]
            if len(h2) == 4 and all(c in "0123456789abcdefABCDEF" for c in h2) and 0xDC00 <= int(h2, 16) <= 0xDFFF:
                self.i += 6
                v = 0x10000 + ((v - 0xD800) << 10) + (int(h2, 16) - 0xDC00)
        return v

    def atom_escape(self) -> Any:
        self.i += 1
        if self.i >= self.n:
            raise self.error("\\ at end of pattern")
        ch = self.src[self.i]
        if ch.isdigit() and ch != "0" and ch < "\x80":
            save = self.i
            num = self.digits()
            assert num is not None
            if num <= self.total:
                return ("backref", num)
            if self.u:
                raise self.error("Invalid escape")
            self.i = save
            if ch in "89":
                self.i += 1
                return ("char", ord(ch))
            return ("char", self.legacy_octal())
        if ch == "k" and (self.u or self.has_named):
            self.i += 1
            if not self.eat("<"):
                raise self.error("Invalid named reference")
            j = self.src.find(">", self.i)
            name_start = self.i
            try:
                name = self.group_name()
            except RegExpSyntaxError:
                raise self.error("Invalid named reference") from None
            del j, name_start
            self.refs.append(name)
            return ("named_ref", name)
        if ch in "dDsSwW":
            self.i += 1
            return ("set", ClassSet([], [_class_escape_pred(ch, self.u and self.icase)], False))
        if ch in "pP" and self.u:
            self.i += 1
            pred = self.property_escape("Invalid property name")
            if ch == "P":
                return ("set", ClassSet([], [pred], True))
            return ("set", ClassSet([], [pred], False))
        if ch == "c" and not self.u:
            nxt = self.peek(1)
            if nxt and nxt.isascii() and nxt.isalpha():
                self.i += 2
                return ("char", ord(nxt) % 32)
            return ("char", ord("\\"))  # Annex B: the backslash itself; the 'c' is the next atom
        return ("char", self.character_escape(in_class=False))

    def property_escape(self, message: str) -> Callable[[int], bool]:
        if not self.eat("{"):
            raise self.error(message)
        j = self.src.find("}", self.i)
        if j < 0:
            raise self.error(message)
        body = self.src[self.i:j]
        pred = property_pred(body)
        if pred is None:
            raise self.error(message)
        self.i = j + 1
        return pred

    def legacy_octal(self) -> int:
        """Annex B LegacyOctalEscapeSequence at the cursor (the first digit is an octal digit)."""
        d0 = self.src[self.i]
        self.i += 1
        v = int(d0)
        if self.peek() in "01234567" and self.peek():
            v = v * 8 + int(self.peek())
            self.i += 1
            if d0 in "0123" and self.peek() in "01234567" and self.peek():
                v = v * 8 + int(self.peek())
                self.i += 1
        return v

    def character_escape(self, in_class: bool) -> int:
        """A CharacterEscape after the backslash (cursor on the escaped character)."""
        ch = self.src[self.i]
        simple = {"f": 0x0C, "n": 0x0A, "r": 0x0D, "t": 0x09, "v": 0x0B}
        if ch in simple:
            self.i += 1
            return simple[ch]
        if ch == "c":
            nxt = self.peek(1)
            if nxt and nxt.isascii() and nxt.isalpha():
                self.i += 2
                return ord(nxt) % 32
            if self.u:
                raise self.error("Invalid unicode escape" if in_class else "Invalid Unicode escape")
            if in_class and nxt and (nxt.isdigit() and nxt.isascii() or nxt == "_"):
                self.i += 2
                return ord(nxt) % 32
            return ord("\\")  # the backslash; 'c' follows as its own character
        if ch == "0" and not (self.peek(1).isdigit() and self.peek(1).isascii()):
            self.i += 1
            return 0
        if ch.isdigit() and ch.isascii():
            if self.u:
                raise self.error("Invalid class escape" if in_class else "Invalid decimal escape")
            if ch in "89":
                self.i += 1
                return ord(ch)
            return self.legacy_octal()
        if ch == "x":
            h = self.src[self.i + 1:self.i + 3]
            if len(h) == 2 and all(c in "0123456789abcdefABCDEF" for c in h):
                self.i += 3
                return int(h, 16)
            if self.u:
                raise self.error("Invalid escape")
            self.i += 1
            return ord("x")
        if ch == "u":
            self.i += 1
            v = self.unicode_escape_body()
            if v is None:
                if self.u:
                    raise self.error("Invalid Unicode escape")
                return ord("u")
            return v
        if self.u:
            if ch in _SYNTAX_CHARS or ch == "/" or (in_class and ch == "-"):
                self.i += 1
                return ord(ch)
            raise self.error("Invalid class escape" if in_class else "Invalid escape")
        if ch == "k" and self.has_named and not in_class:
            raise self.error("Invalid named reference")
        return self.source_char()

    # character classes ---------------------------------------------------------------------------
    def char_class(self) -> ClassSet:
        self.i += 1
        negated = self.eat("^")
        ranges: list[tuple[int, int]] = []
        preds: list[Callable[[int], bool]] = []
        while True:
            if self.i >= self.n:
                raise self.error("Unterminated character class")
            if self.peek() == "]":
                self.i += 1
                break
            a = self.class_atom()
            if self.peek() == "-" and self.peek(1) != "]" and self.i + 1 < self.n:
                self.i += 1
                b = self.class_atom()
                if isinstance(a, int) and isinstance(b, int):
                    if a > b:
                        raise self.error("Range out of order in character class")
                    ranges.append((a, b))
                    continue
                if self.u:
                    raise self.error("Invalid character class")
                for x in (a, ord("-"), b):
                    if isinstance(x, int):
                        ranges.append((x, x))
                    else:
                        preds.append(x)
                continue
            if isinstance(a, int):
                ranges.append((a, a))
            else:
                preds.append(a)
        return ClassSet(ranges, preds, negated)

    def class_atom(self) -> int | Callable[[int], bool]:
        if self.i >= self.n:
            raise self.error("Unterminated character class")
        ch = self.src[self.i]
        if ch != "\\":
            return self.source_char()
        self.i += 1
        if self.i >= self.n:
            raise self.error("\\ at end of pattern")
        ch = self.src[self.i]
        if ch == "b":
            self.i += 1
            return 0x08
        if ch == "-" and self.u:
            self.i += 1
            return ord("-")
        if ch in "dDsSwW":
            self.i += 1
            return _class_escape_pred(ch, self.u and self.icase)
        if ch in "pP" and self.u:
            self.i += 1
            pred = self.property_escape("Invalid property name in character class")
            return (lambda c: not pred(c)) if ch == "P" else pred
        if ch == "B" and self.u:
            raise self.error("Invalid class escape")
        return self.character_escape(in_class=True)


# ---------------------------------------------------------------------------------------------- compiler

(CHAR, PRED, ANY, ANYNL, SPLIT, JMP, SAVE, RESET, ASSERT, BACKREF, LOOK, LOOP_INIT, LOOP, LOOP_END,
 STAR, MATCH) = range(16)


class Program:
    """A compiled pattern: instructions for the backtracking machine, and what exec needs to know."""

    def __init__(self, source: str, flags: str) -> None:
        self.source = source
        self.flags = flags
        self.icase = "i" in flags
        self.multiline = "m" in flags
        self.dotall = "s" in flags
        self.unicode = "u" in flags
        parser = Parser(source, self.unicode, self.icase)
        tree = parser.parse()
        self.ngroups = parser.groups
        self.names = parser.names  # name -> group index, in source order
        self.code: list[tuple[Any, ...]] = []
        self.nloops = 0
        self.canon = (canon_unicode if self.unicode else canon_legacy) if self.icase else None
        self.emit_node(tree, forward=True)
        self.code.append((MATCH,))
        c = None if self.icase else _first_char(tree)
        self.first_char = chr(c) if c is not None and c <= 0xFFFF and not 0xD800 <= c <= 0xDFFF else None
        self._ords_src: str | None = None
        self._ords: list[int] = []

    # compile ----------------------------------------------------------------------------------------
    def emit(self, *ins: Any) -> int:
        self.code.append(ins)
        return len(self.code) - 1

    def char_pred(self, node: Any) -> Callable[[int], bool] | None:
        """A single-character node as a predicate on a code point (None when it is not one)."""
        kind = node[0]
        canon = self.canon
        if kind == "char":
            c = node[1]
            if canon is None:
                return None
            k = canon(c)
            return lambda x: x == c or canon(x) == k
        if kind == "set":
            cs: ClassSet = node[1]
            raw = cs.raw()
            if canon is not None:
                inv = _inverse(self.unicode)
                base = raw
                cache: dict[int, bool] = {}

                def raw(x: int, base: Callable[[int], bool] = base) -> bool:  # type: ignore[misc]
                    r = cache.get(x)
                    if r is None:
                        if base(x):
                            r = True
                        else:
                            k = canon(x)
                            r = any(base(y) for y in inv.get(k, (k,)) if y != x)
                        cache[x] = r
                    return r
            if cs.negated:
                return lambda x, raw=raw: not raw(x)
            return raw
        return None

    def emit_node(self, node: Any, forward: bool) -> None:
        kind = node[0]
        if kind == "empty":
            return
        if kind == "char":
            pred = self.char_pred(node)
            if pred is None:
                self.emit(CHAR, node[1], forward)
            else:
                self.emit(PRED, pred, forward)
        elif kind == "set":
            self.emit(PRED, self.char_pred(node), forward)
        elif kind == "any":
            self.emit(ANY if self.dotall else ANYNL, forward)
        elif kind == "seq":
            items = node[1] if forward else list(reversed(node[1]))
            for item in items:
                self.emit_node(item, forward)
        elif kind == "alt":
            jumps = []
            alts = node[1]
            for k, alt in enumerate(alts):
                if k < len(alts) - 1:
                    split = self.emit(SPLIT, 0, 0)
                    self.emit_node(alt, forward)
                    jumps.append(self.emit(JMP, 0))
                    self.code[split] = (SPLIT, split + 1, len(self.code))
                else:
                    self.emit_node(alt, forward)
            for j in jumps:
                self.code[j] = (JMP, len(self.code))
        elif kind == "group":
            idx = node[1]
            first, second = (2 * idx, 2 * idx + 1) if forward else (2 * idx + 1, 2 * idx)
            self.emit(SAVE, first)
            self.emit_node(node[2], forward)
            self.emit(SAVE, second)
        elif kind == "look":
            behind, negative, body = node[1], node[2], node[3]
            ins = self.emit(LOOK, 0, negative)
            self.emit_node(body, not behind)
            self.emit(MATCH,)
            self.code[ins] = (LOOK, ins + 1, negative, len(self.code))
        elif kind == "backref":
            self.emit(BACKREF, node[1], forward)
        elif kind == "named_ref":
            self.emit(BACKREF, self.names[node[1]], forward)
        elif kind == "assert":
            self.emit(ASSERT, node[1])
        elif kind == "rep":
            _, body, lo, hi, greedy, g1, g2 = node
            if hi == 0:
                return
            pred = None
            if g2 < g1:
                if body[0] in ("char", "set"):
                    pred = self.char_pred(body)
                    if pred is None:
                        c = body[1]
                        pred = c.__eq__
                elif body[0] == "any":
                    pred = (lambda x: True) if self.dotall else (lambda x: x not in LINE_TERMINATORS)
            if pred is not None:
                self.emit(STAR, pred, lo, hi, greedy, forward)
                return
            q = self.nloops
            self.nloops += 1
            self.emit(LOOP_INIT, q)
            loop = self.emit(LOOP, q, lo, hi, greedy, 0)
            if g2 >= g1:
                self.emit(RESET, 2 * g1, 2 * g2 + 2)
            self.emit_node(body, forward)
            self.emit(LOOP_END, q, lo, loop)
            self.code[loop] = (LOOP, q, lo, hi, greedy, len(self.code))
        else:  # pragma: no cover
            raise AssertionError(kind)

    # match ------------------------------------------------------------------------------------------
    def ords(self, s: str) -> list[int]:
        if self._ords_src is not s:
            self._ords = [ord(c) for c in s]
            self._ords_src = s
        return self._ords

    def match_at(self, s: str, start: int, tick: Callable[[], None] | None = None) -> list[int] | None:
        """Match at exactly `start` of the UTF-16 string `s`: the capture slots, or None."""
        caps = [-1] * (2 * self.ngroups + 2)
        regs = [0] * (2 * self.nloops)
        end = self.run(0, self.ords(s), start, caps, regs, tick)
        if end < 0:
            return None
        caps[0] = start
        caps[1] = end
        return caps

    def run(self, pc: int, s: list[int], pos: int, caps: list[int], regs: list[int],
            tick: Callable[[], None] | None) -> int:
        code = self.code
        n = len(s)
        unicode = self.unicode
        stack: list[Any] = []
        steps = 0
        while True:
            steps += 1
            if steps & 0xFFFF == 0 and tick is not None:
                tick()
            ins = code[pc]
            op = ins[0]
            ok = True
            if op == CHAR or op == PRED or op == ANY or op == ANYNL:
                fwd = ins[-1]
                if fwd:
                    if pos >= n:
                        ok = False
                    else:
                        c = s[pos]
                        w = 1
                        if unicode and 0xD800 <= c <= 0xDBFF and pos + 1 < n and 0xDC00 <= s[pos + 1] <= 0xDFFF:
                            c = 0x10000 + ((c - 0xD800) << 10) + (s[pos + 1] - 0xDC00)
                            w = 2
                else:
                    if pos <= 0:
                        ok = False
                    else:
                        c = s[pos - 1]
                        w = -1
                        if unicode and 0xDC00 <= c <= 0xDFFF and pos >= 2 and 0xD800 <= s[pos - 2] <= 0xDBFF:
                            c = 0x10000 + ((s[pos - 2] - 0xD800) << 10) + (c - 0xDC00)
                            w = -2
                if ok:
                    if op == CHAR:
                        ok = c == ins[1]
                    elif op == PRED:
                        ok = ins[1](c)
                    elif op == ANYNL:
                        ok = c not in LINE_TERMINATORS
                    if ok:
                        pos += w
                        pc += 1
                        continue
            elif op == SPLIT:
                stack.append((0, ins[2], pos))
                pc = ins[1]
                continue
            elif op == JMP:
                pc = ins[1]
                continue
            elif op == SAVE:
                k = ins[1]
                stack.append((1, k, caps[k]))
                caps[k] = pos
                pc += 1
                continue
            elif op == RESET:
                for k in range(ins[1], ins[2]):
                    if caps[k] != -1:
                        stack.append((1, k, caps[k]))
                        caps[k] = -1
                pc += 1
                continue
            elif op == ASSERT:
                kind = ins[1]
                if kind == "^":
                    ok = pos == 0 or (self.multiline and s[pos - 1] in LINE_TERMINATORS)
                elif kind == "$":
                    ok = pos == n or (self.multiline and s[pos] in LINE_TERMINATORS)
                else:
                    a = pos > 0 and self.is_word(s[pos - 1])
                    b = pos < n and self.is_word(s[pos])
                    ok = (a != b) if kind == "b" else (a == b)
                if ok:
                    pc += 1
                    continue
            elif op == BACKREF:
                k = ins[1]
                b0, b1 = caps[2 * k], caps[2 * k + 1]
                if b0 < 0 or b1 < 0:
                    pc += 1
                    continue
                length = b1 - b0
                if ins[2]:
                    if pos + length > n or not self.same(s, b0, pos, length):
                        ok = False
                    else:
                        pos += length
                else:
                    if pos - length < 0 or not self.same(s, b0, pos - length, length):
                        ok = False
                    else:
                        pos -= length
                if ok:
                    pc += 1
                    continue
            elif op == LOOK:
                saved = caps[:]
                r = self.run(ins[1], s, pos, caps, regs[:], tick)
                if ins[2]:  # negative: never keeps captures
                    caps[:] = saved
                    ok = r < 0
                else:
                    ok = r >= 0
                    if ok:
                        for k in range(len(caps)):
                            if caps[k] != saved[k]:
                                stack.append((1, k, saved[k]))
                if ok:
                    pc = ins[3]
                    continue
            elif op == LOOP_INIT:
                k = 2 * ins[1]
                stack.append((2, k, regs[k]))
                regs[k] = 0
                pc += 1
                continue
            elif op == LOOP:
                _, q, lo, hi, greedy, exit_pc = ins
                cnt = regs[2 * q]
                if cnt < lo:
                    pass
                elif cnt >= hi:
                    pc = exit_pc
                    continue
                elif greedy:
                    stack.append((0, exit_pc, pos))
                else:
                    stack.append((3, pc + 1, pos, q))
                    pc = exit_pc
                    continue
                k = 2 * q + 1
                stack.append((2, k, regs[k]))
                regs[k] = pos
                pc += 1
                continue
            elif op == LOOP_END:
                q, lo = ins[1], ins[2]
                cnt = regs[2 * q]
                if cnt >= lo and pos == regs[2 * q + 1]:
                    ok = False
                else:
                    k = 2 * q
                    stack.append((2, k, cnt))
                    regs[k] = cnt + 1
                    pc = ins[3]
                    continue
            elif op == STAR:
                _, pred, lo, hi, greedy, fwd = ins
                if greedy:
                    positions = [pos]
                    p = pos
                    count = 0
                    while count < hi:
                        w = self.step(s, p, fwd)
                        if w == 0 or not pred(self.code_point(s, p, w)):
                            break
                        p += w
                        count += 1
                        positions.append(p)
                    if count < lo:
                        ok = False
                    else:
                        if count > lo:
                            stack.append((4, pc + 1, positions, count - 1, lo))
                        pos = p
                        pc += 1
                        continue
                else:
                    p = pos
                    count = 0
                    while count < lo:
                        w = self.step(s, p, fwd)
                        if w == 0 or not pred(self.code_point(s, p, w)):
                            break
                        p += w
                        count += 1
                    if count < lo:
                        ok = False
                    else:
                        if count < hi:
                            stack.append((5, pc + 1, p, count, ins))
                        pos = p
                        pc += 1
                        continue
            elif op == MATCH:
                return pos
            # failure: backtrack
            while True:
                if not stack:
                    return -1
                e = stack.pop()
                t = e[0]
                if t == 1:
                    caps[e[1]] = e[2]
                elif t == 2:
                    regs[e[1]] = e[2]
                elif t == 0:
                    pc, pos = e[1], e[2]
                    break
                elif t == 3:  # a lazy loop tries one more iteration
                    pc, pos, q = e[1], e[2], e[3]
                    k = 2 * q + 1
                    stack.append((2, k, regs[k]))
                    regs[k] = pos
                    break
                elif t == 4:  # a greedy simple repetition gives one back
                    _, nxt, positions, count, lo = e
                    if count > lo:
                        stack.append((4, nxt, positions, count - 1, lo))
                    pc, pos = nxt, positions[count]
                    break
                else:  # a lazy simple repetition takes one more
                    _, nxt, p, count, sins = e
                    _, pred, lo, hi, greedy, fwd = sins
                    w = self.step(s, p, fwd)
                    if w == 0 or not pred(self.code_point(s, p, w)):
                        continue
                    p += w
                    count += 1
                    if count < hi:
                        stack.append((5, nxt, p, count, sins))
                    pc, pos = nxt, p
                    break

    def step(self, s: list[int], p: int, fwd: bool) -> int:
        """The width (signed) of the character at `p` in direction `fwd`, 0 at the end."""
        if fwd:
            if p >= len(s):
                return 0
            if self.unicode and 0xD800 <= s[p] <= 0xDBFF and p + 1 < len(s) and 0xDC00 <= s[p + 1] <= 0xDFFF:
                return 2
            return 1
        if p <= 0:
            return 0
        if self.unicode and 0xDC00 <= s[p - 1] <= 0xDFFF and p >= 2 and 0xD800 <= s[p - 2] <= 0xDBFF:
            return -2
        return -1

    @staticmethod
    def code_point(s: list[int], p: int, w: int) -> int:
        if w == 1:
            return s[p]
        if w == -1:
            return s[p - 1]
        hi, lo = (s[p], s[p + 1]) if w == 2 else (s[p - 2], s[p - 1])
        return 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)

    def is_word(self, c: int) -> bool:
        if _is_word(c):
            return True
        return self.unicode and self.icase and (c == 0x017F or c == 0x212A)

    def same(self, s: list[int], a: int, b: int, length: int) -> bool:
        if s[a:a + length] == s[b:b + length]:
            return True
        canon = self.canon
        if canon is None:
            return False
        if self.unicode:
            x = "".join(map(chr, s[a:a + length])).encode("utf-16-le", "surrogatepass").decode(
                "utf-16-le", "surrogatepass")
            y = "".join(map(chr, s[b:b + length])).encode("utf-16-le", "surrogatepass").decode(
                "utf-16-le", "surrogatepass")
            return len(x) == len(y) and all(canon(ord(p)) == canon(ord(q)) for p, q in zip(x, y, strict=True))
        return all(canon(s[a + k]) == canon(s[b + k]) for k in range(length))


def _first_char(node: Any) -> int | None:
    """The character every match must begin with, when the pattern says so plainly (or None)."""
    kind = node[0]
    if kind == "char":
        return node[1]
    if kind == "seq":
        return _first_char(node[1][0])
    if kind == "group":
        return _first_char(node[2])
    if kind == "rep" and node[2] >= 1:
        return _first_char(node[1])
    return None


_CACHE: dict[tuple[str, str], Program] = {}


def compile_pattern(source: str, flags: str) -> Program:
    """The program of ``/source/flags`` (source in its UTF-16 view); raises RegExpSyntaxError."""
    key = (source, flags)
    prog = _CACHE.get(key)
    if prog is None:
        prog = Program(source, flags)
        if len(_CACHE) > 500:
            _CACHE.clear()
        _CACHE[key] = prog
    return prog
