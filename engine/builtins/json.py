"""JSON.stringify and JSON.parse (ECMA-262 25.5) with V8's error messages.

stringify is a generator native because ``toJSON`` methods and a replacer function are JavaScript
calls; :func:`stringify_sync` drives the same generator with ``call_sync`` for ``%j`` in console.log.
"""

from __future__ import annotations

import math
import re
from collections.abc import Generator
from typing import Any

from engine import ops
from engine.builtins.common import arg, class_name_of, method, string_tag
from engine.values import (
    HOLE,
    NULL,
    UNDEFINED,
    JSArray,
    JSBigInt,
    JSObject,
    JSPrimitiveWrapper,
    JSThrow,
)

Gen = Generator[Any, Any, Any]
# V8's JSON.stringify runs out of stack a little above 4,000 nested objects (node 20: 4,172); so does ours.
MAX_NESTING = 4000
_OPENED = object()  # the parser opened a container: its first member comes next
_PLAIN_RUN = re.compile(r'[^"\\\x00-\x1f]+')
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


# QuoteJSONString (25.5.2.3) as one str.translate: a string of hundreds of megabytes (JSON.stringify applied to its
# own result in a loop) is quoted at C speed instead of a Python step per character.
_QUOTE_TABLE = {
    **{c: f"\\u{c:04x}" for c in [*range(0x20), *range(0xD800, 0xE000)]},
    **{ord(ch): escaped for ch, escaped in _ESCAPES.items()},
}


def quote(s: str) -> str:
    """The JSON text of a string: quotes, backslashes and control characters escaped, and (as before this was one
    translate) every character in the surrogate range written as \\uXXXX."""
    return '"' + s.translate(_QUOTE_TABLE) + '"'



class _Stringifier:
    def __init__(self, vm: Any, replacer_fn: Any, keys: list[str] | None, gap: str) -> None:
        self.vm = vm
        self.replacer_fn = replacer_fn
        self.keys = keys
        self.gap = gap
        self.stack: list[tuple[str, JSObject]] = []

    def property(self, holder: JSObject, key: str, value: Any) -> Gen:
        """SerializeJSONProperty (25.5.2.2); returns the text or None for undefined."""
        vm = self.vm
        if isinstance(value, JSObject) or type(value) is JSBigInt:
            to_json = vm.get(value, "toJSON")
            if ops.is_callable(to_json):
                value = yield (to_json, value, [key], 0)
        if self.replacer_fn is not None:
            value = yield (self.replacer_fn, holder, [key, value], 0)
        if isinstance(value, JSPrimitiveWrapper):
            value = vm.to_number(value) if type(value.value) is float else (
                vm.to_string(value) if type(value.value) is str else value.value)
        if value is NULL:
            return "null"
        if type(value) is bool:
            return "true" if value else "false"
        if type(value) is str:
            return quote(value)
        if type(value) is float:
            return ops.num_to_str(value) if math.isfinite(value) else "null"
        if isinstance(value, JSObject) and not ops.is_callable(value):
            self._enter(key, value)
            text = yield from (self.array(value) if isinstance(value, JSArray) else self.object(value))
            self.stack.pop()
            return text
        if type(value) is JSBigInt:
            raise vm.throw_type("Do not know how to serialize a BigInt")
        return None

    def _enter(self, key: str, value: JSObject) -> None:
        if len(self.stack) >= MAX_NESTING:
            raise self.vm.throw_range("Maximum call stack size exceeded")
        for i, (_, obj) in enumerate(self.stack):
            if obj is value:
                raise self.vm.throw_type(self._circular_message(i, key))
        self.stack.append((key, value))

    def _circular_message(self, start: int, closing_key: str) -> str:
        stack = self.stack
        lines = ["Converting circular structure to JSON",
                 f"    --> starting at object with constructor '{_ctor_name(stack[start][1])}'"]
        prefix_end = min(len(stack), start + 3)
        for i in range(start + 1, prefix_end):
            lines.append(self._line(i))
        if len(stack) > start + 4:
            lines.append("    |     ...")
        for i in range(max(prefix_end, len(stack) - 1), len(stack)):
            lines.append(self._line(i))
        lines.append(f"    --- {_key_text(stack[-1][1], closing_key)} closes the circle")
        return "\n".join(lines)

    def _line(self, i: int) -> str:
        key, obj = self.stack[i]
        parent = self.stack[i - 1][1]
        return f"    |     {_key_text(parent, key)} -> object with constructor '{_ctor_name(obj)}'"

    def _indent(self) -> tuple[str, str]:
        return "\n" + self.gap * len(self.stack), "\n" + self.gap * (len(self.stack) - 1)

    def object(self, value: JSObject) -> Gen:
        vm = self.vm
        keys = self.keys if self.keys is not None else value.enumerable_keys()
        parts = []
        for k in keys:
            text = yield from self.property(value, k, vm.get(value, k))
            if text is not None:
                parts.append(quote(k) + (": " if self.gap else ":") + text)
        if not parts:
            return "{}"
        if not self.gap:
            return "{" + ",".join(parts) + "}"
        inner, outer = self._indent()
        return "{" + inner + ("," + inner).join(parts) + outer + "}"

    def array(self, value: JSArray) -> Gen:
        parts = []
        i = 0
        while i < len(value.items):
            v = value.items[i]
            text = yield from self.property(value, str(i), self.vm.get(value, str(i)) if v is HOLE else v)
            parts.append("null" if text is None else text)
            i += 1
        if not parts:
            return "[]"
        if not self.gap:
            return "[" + ",".join(parts) + "]"
        inner, outer = self._indent()
        return "[" + inner + ("," + inner).join(parts) + outer + "]"


def _ctor_name(obj: JSObject) -> str:
    return class_name_of(obj)


def _key_text(parent: JSObject, key: str) -> str:
    return f"index {key}" if isinstance(parent, JSArray) else f"property '{key}'"


def _gap(vm: Any, space: Any) -> str:
    if isinstance(space, JSPrimitiveWrapper):
        space = space.value
    if type(space) is float:
        n = int(min(10, ops.to_integer(space)))
        return " " * n if n >= 1 else ""
    if type(space) is str:
        return space[:10]
    return ""


def _replacer_keys(vm: Any, replacer: JSArray) -> list[str]:
    keys: list[str] = []
    for v in replacer.items:
        if isinstance(v, JSPrimitiveWrapper):
            v = v.value
        if type(v) is str or type(v) is float:
            k = vm.to_key(v)
            if k not in keys:
                keys.append(k)
    return keys


def stringify(vm: Any, this: Any, args: list[Any]) -> Gen:
    value, replacer, space = arg(args, 0), arg(args, 1), arg(args, 2)
    fn = replacer if ops.is_callable(replacer) else None
    keys = _replacer_keys(vm, replacer) if isinstance(replacer, JSArray) else None
    s = _Stringifier(vm, fn, keys, _gap(vm, space))
    wrapper = vm.new_object()
    wrapper.set_own("", value)
    text = yield from s.property(wrapper, "", value)
    return UNDEFINED if text is None else text


def stringify_sync(vm: Any, value: Any) -> str | None:
    """JSON.stringify(value) run to completion from Python (toJSON calls via call_sync)."""
    gen = stringify(vm, UNDEFINED, [value])
    reply: Any = None
    try:
        while True:
            callee, this, call_args, _ = gen.send(reply)
            reply = vm.call_sync(callee, this, call_args)
    except StopIteration as stop:
        return None if stop.value is UNDEFINED else stop.value


# ---------------------------------------------------------------- parse
class _Parser:
    def __init__(self, vm: Any, src: str) -> None:
        self.vm = vm
        self.s = src
        self.i = 0

    def fail(self, message: str) -> JSThrow:
        return JSThrow(self.vm.new_error("SyntaxError", message))

    def at(self, what: str) -> JSThrow:
        return self.fail(f"{what} in JSON at position {self.i}")

    def unexpected(self) -> JSThrow:
        s, i = self.s, self.i
        if i >= len(s):
            return self.fail("Unexpected end of JSON input")
        ch = s[i]
        if ch.isdigit() or ch == "-":
            return self.at("Unexpected number")
        if ch == '"':
            return self.at("Unexpected string")
        n = len(s)
        if n <= 21:
            return self.fail(f"Unexpected token '{ch}', \"{s}\" is not valid JSON")
        if i < 10:
            return self.fail(f"Unexpected token '{ch}', \"{s[:i + 10]}\"... is not valid JSON")
        if i < n - 10:
            return self.fail(f"Unexpected token '{ch}', ...\"{s[i - 10:i + 10]}\"... is not valid JSON")
        return self.fail(f"Unexpected token '{ch}', ...\"{s[i - 10:]}\" is not valid JSON")

    def ws(self) -> None:
        s = self.s
        while self.i < len(s) and s[self.i] in " \t\n\r":
            self.i += 1

    def parse(self) -> Any:
        self.ws()
        v = self.value()
        self.ws()
        if self.i < len(self.s):
            raise self.fail(f"Unexpected non-whitespace character after JSON at position {self.i}")
        return v

    def value(self) -> Any:
        """JSON.parse's grammar with an explicit stack of open containers (no recursion, like V8's)."""
        open_: list[tuple[JSObject, str | None]] = []   # (container, pending property key or None)
        while True:
            v = self._start_value(open_)
            if v is _OPENED:
                continue
            while True:
                if not open_:
                    return v
                container, key = open_[-1]
                if key is None:
                    container.items.append(v)  # type: ignore[attr-defined]
                else:
                    container.set_own(key, v)
                if self._continue(open_):
                    break
                v = open_.pop()[0]

    def _start_value(self, open_: list[tuple[JSObject, str | None]]) -> Any:
        """Parse a scalar, an empty container, or open a container (then return _OPENED)."""
        self.ws()
        ch = self.peek()
        if ch == "{":
            self.i += 1
            obj = self.vm.new_object()
            self.ws()
            if self.peek() == "}":
                self.i += 1
                return obj
            open_.append((obj, self._key(first=True)))
            return _OPENED
        if ch == "[":
            self.i += 1
            arr = self.vm.new_array([])
            self.ws()
            if self.peek() == "]":
                self.i += 1
                return arr
            open_.append((arr, None))
            return _OPENED
        return self.scalar()

    def _key(self, first: bool) -> str:
        self.ws()
        if self.peek() != '"':
            raise self.at("Expected property name or '}'" if first else "Expected double-quoted property name")
        key = self.string()
        self.ws()
        if self.peek() != ":":
            raise self.at("Expected ':' after property name")
        self.i += 1
        return key

    def _continue(self, open_: list[tuple[JSObject, str | None]]) -> bool:
        """After a member: True when another member follows, False when the container closed."""
        container, key = open_[-1]
        self.ws()
        ch = self.peek()
        if ch == ",":
            self.i += 1
            if key is not None:
                open_[-1] = (container, self._key(first=False))
            return True
        if key is None and ch == "]" or key is not None and ch == "}":
            self.i += 1
            return False
        raise self.at("Expected ',' or ']' after array element" if key is None
                      else "Expected ',' or '}' after property value")

    def scalar(self) -> Any:
        s = self.s
        if self.i >= len(s):
            raise self.unexpected()
        ch = s[self.i]
        if ch == '"':
            return self.string()
        if ch == "-" or ch.isdigit():
            return self.number()
        for word, val in (("true", True), ("false", False), ("null", NULL)):
            if s.startswith(word, self.i):
                self.i += len(word)
                return val
        for word in ("true", "false", "null"):
            if word[0] == ch:
                j = 0
                while self.i + j < len(s) and j < len(word) and s[self.i + j] == word[j]:
                    j += 1
                self.i += j
                raise self.unexpected()
        raise self.unexpected()

    def peek(self) -> str:
        return self.s[self.i] if self.i < len(self.s) else ""

    def string(self) -> str:
        s = self.s
        self.i += 1
        out: list[str] = []
        while True:
            plain = _PLAIN_RUN.match(s, self.i)  # a run without quote, backslash or control character, at C speed
            if plain is not None:
                out.append(plain.group())
                self.i = plain.end()
            if self.i >= len(s):
                raise self.at("Unterminated string")
            ch = s[self.i]
            if ch == '"':
                self.i += 1
                return "".join(out)
            if ord(ch) < 0x20:
                raise self.at("Bad control character in string literal")
            if ch == "\\":
                out.append(self.escape())
                continue
            out.append(ch)
            self.i += 1

    def escape(self) -> str:
        s = self.s
        self.i += 1
        ch = s[self.i] if self.i < len(s) else ""
        simple = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}
        if ch in simple and ch:
            self.i += 1
            return simple[ch]
        if ch == "u":
            digits = s[self.i + 1:self.i + 5]
            for k, d in enumerate(digits):
                if d not in "0123456789abcdefABCDEF":
                    self.i += 1 + k
                    raise self.at("Bad Unicode escape")
            if len(digits) < 4:
                self.i += 1 + len(digits)
                raise self.at("Bad Unicode escape") if self.i < len(s) else self.at("Unterminated string")
            self.i += 5
            return chr(int(digits, 16))
        if not ch:
            raise self.at("Unterminated string")
        raise self.at("Bad escaped character")

    def number(self) -> float:
        s = self.s
        start = self.i
        if s[self.i] == "-":
            self.i += 1
            if not self.peek().isdigit():
                raise self.at("No number after minus sign")
        if self.peek() == "0":
            self.i += 1
            if self.peek().isdigit():
                raise self.at("Unexpected number")
        while self.peek().isdigit():
            self.i += 1
        if self.peek() == ".":
            self.i += 1
            if not self.peek().isdigit():
                raise self.at("Unterminated fractional number")
            while self.peek().isdigit():
                self.i += 1
        if self.peek() in ("e", "E"):
            self.i += 1
            if self.peek() in ("+", "-"):
                self.i += 1
            if not self.peek().isdigit():
                raise self.at("Exponent part is missing a number")
            while self.peek().isdigit():
                self.i += 1
        return float(s[start:self.i])


def _revive(vm: Any, holder: JSObject, key: str, reviver: Any) -> Gen:
    val = vm.get(holder, key)
    if isinstance(val, JSArray):
        for i in range(len(val.items)):
            new = yield from _revive(vm, val, str(i), reviver)
            val.items[i] = new if new is not UNDEFINED else HOLE
    elif isinstance(val, JSObject):
        for k in val.enumerable_keys():
            new = yield from _revive(vm, val, k, reviver)
            if new is UNDEFINED:
                val.delete_own(k)
            else:
                val.set_own(k, new)
    return (yield (reviver, holder, [key, val], 0))


def parse(vm: Any, this: Any, args: list[Any]) -> Gen:
    text = vm.to_string(arg(args, 0))
    if text in ("undefined", "NaN", "Infinity", "[object Object]"):
        raise JSThrow(vm.new_error("SyntaxError", f'"{text}" is not valid JSON'))
    result = _Parser(vm, text).parse()
    reviver = arg(args, 1)
    if not ops.is_callable(reviver):
        return result
    root = vm.new_object()
    root.set_own("", result)
    return (yield from _revive(vm, root, "", reviver))


def install(vm: Any) -> None:
    j = vm.builtin_object(vm.ObjectPrototype)
    string_tag(j, "JSON")
    vm.global_object.define_hidden("JSON", j)
    method(vm, j, "stringify", stringify, 3, gen=True)
    method(vm, j, "parse", parse, 2, gen=True)
