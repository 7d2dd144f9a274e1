"""The URI functions (ECMA-262 19.2.6: encodeURI, encodeURIComponent, decodeURI, decodeURIComponent) and Annex B's
escape and unescape (B.2.1). A malformed input is V8's ``URIError: URI malformed``."""

from __future__ import annotations

import string as _string
from typing import Any
from urllib.parse import quote

from engine.builtins.common import arg, method
from engine.builtins.string import text, units
from engine.values import JSThrow

# Beyond letters, digits and "-_.~" (which quote() never escapes): uriMark, and for encodeURI uriReserved and "#".
_COMPONENT_SAFE = "!*'()"
_URI_SAFE = _COMPONENT_SAFE + ";/?:@&=+$,#"
_URI_RESERVED = frozenset(";/?:@&=+$,#")  # what decodeURI leaves escaped
_HEX = frozenset(_string.hexdigits)
_ESCAPE_SAFE = frozenset(_string.ascii_letters + _string.digits + "@*_+-./")


def _malformed(vm: Any) -> JSThrow:
    return JSThrow(vm.new_error("URIError", "URI malformed"))


def _encoder(safe: str) -> Any:
    def encode(vm: Any, this: Any, args: list[Any]) -> Any:
        s = vm.to_string(arg(args, 0))
        try:
            return quote(s, safe=safe, encoding="utf-8", errors="strict")
        except UnicodeEncodeError:  # a lone surrogate has no UTF-8 encoding
            raise _malformed(vm) from None

    return encode


def _byte_at(vm: Any, s: str, k: int) -> int:
    """The byte written as ``%XX`` at `k`."""
    if k + 2 >= len(s) or s[k] != "%" or s[k + 1] not in _HEX or s[k + 2] not in _HEX:
        raise _malformed(vm)
    return int(s[k + 1:k + 3], 16)


def _utf8_length(lead: int) -> int:
    if lead & 0xE0 == 0xC0:
        return 2
    if lead & 0xF0 == 0xE0:
        return 3
    if lead & 0xF8 == 0xF0:
        return 4
    return 0  # a continuation byte or 0xF8 and above cannot start a character


def _decode(vm: Any, s: str, reserved: frozenset[str]) -> str:
    if "%" not in s:
        return s
    out: list[str] = []
    k, n = 0, len(s)
    while k < n:
        ch = s[k]
        if ch != "%":
            out.append(ch)
            k += 1
            continue
        if k + 2 >= n:
            raise _malformed(vm)
        b = _byte_at(vm, s, k)
        if b < 0x80:
            c = chr(b)
            out.append(s[k:k + 3] if c in reserved else c)
            k += 3
            continue
        size = _utf8_length(b)
        if size == 0 or k + 3 * size > n:
            raise _malformed(vm)
        raw = bytearray([b])
        for j in range(1, size):
            cont = _byte_at(vm, s, k + 3 * j)
            if cont & 0xC0 != 0x80:
                raise _malformed(vm)
            raw.append(cont)
        try:
            out.append(raw.decode("utf-8"))  # refuses overlong forms, surrogates and code points above U+10FFFF
        except UnicodeDecodeError:
            raise _malformed(vm) from None
        k += 3 * size
    return "".join(out)


def _decoder(reserved: frozenset[str]) -> Any:
    def decode(vm: Any, this: Any, args: list[Any]) -> Any:
        return _decode(vm, vm.to_string(arg(args, 0)), reserved)

    return decode


def _escape(vm: Any, this: Any, args: list[Any]) -> Any:
    out = []
    for ch in units(vm.to_string(arg(args, 0))):  # code units, as Annex B counts
        c = ord(ch)
        if ch in _ESCAPE_SAFE:
            out.append(ch)
        elif c < 256:
            out.append(f"%{c:02X}")
        else:
            out.append(f"%u{c:04X}")
    return "".join(out)


def _unescape(vm: Any, this: Any, args: list[Any]) -> Any:
    s = units(vm.to_string(arg(args, 0)))
    if "%" not in s:
        return text(s)
    out = []
    k, n = 0, len(s)
    while k < n:
        ch = s[k]
        if ch == "%":
            if s[k + 1:k + 2] == "u" and k + 6 <= n and all(x in _HEX for x in s[k + 2:k + 6]):
                out.append(chr(int(s[k + 2:k + 6], 16)))
                k += 6
                continue
            if k + 3 <= n and s[k + 1] in _HEX and s[k + 2] in _HEX:
                out.append(chr(int(s[k + 1:k + 3], 16)))
                k += 3
                continue
        out.append(ch)
        k += 1
    return text("".join(out))


def install(vm: Any) -> None:
    g = vm.global_object
    method(vm, g, "encodeURI", _encoder(_URI_SAFE), 1)
    method(vm, g, "encodeURIComponent", _encoder(_COMPONENT_SAFE), 1)
    method(vm, g, "decodeURI", _decoder(_URI_RESERVED), 1)
    method(vm, g, "decodeURIComponent", _decoder(frozenset()), 1)
    method(vm, g, "escape", _escape, 1)
    method(vm, g, "unescape", _unescape, 1)
