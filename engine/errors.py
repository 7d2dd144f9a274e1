"""The three kinds of error, kept apart (STYLE: jlox/engine262).

1. :class:`ProgramError` - the program cannot run at all: a syntax error or a construct outside the
   teaching subset. Carries line and column; ``python -m engine`` exits 1 with it.
2. JavaScript exceptions - :class:`engine.values.JSThrow` carrying a JavaScript value; the program may
   catch them, and an uncaught one becomes the trace's ``error``.
3. The engine's own bugs - ordinary Python exceptions; the API turns them into an ``InternalError``
   entry, never a traceback on a user's screen.
"""

from __future__ import annotations

import threading
from typing import Any

from engine.values import JSThrow


class ProgramError(Exception):
    """The program could not be run (contract: exit status 1)."""

    name = "ProgramError"

    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(f"{message} (line {line}, column {column})")
        self.message = message
        self.line = line
        self.column = column

    def to_json(self) -> dict[str, Any]:
        return {"error": {"name": self.name, "message": self.message, "line": self.line, "column": self.column}}


class JSSyntaxError(ProgramError):
    name = "SyntaxError"


class UnsupportedSyntax(ProgramError):
    """A construct outside the teaching subset: ``X is not supported in memcourse (line L, column C)``."""

    name = "UnsupportedSyntax"

    def __init__(self, what: str, line: int, column: int) -> None:
        super().__init__(f"{what} is not supported in memcourse", line, column)


_current = threading.local()


def set_current_vm(vm: Any) -> None:
    """The VM running on this thread, so deep helpers can create proper Error objects."""
    _current.vm = vm


def current_vm() -> Any:
    return getattr(_current, "vm", None)


def make_error_throw(name: str, message: str) -> JSThrow:
    """A JSThrow carrying a new ``name`` error (TypeError, RangeError, ...) of the running VM."""
    vm = current_vm()
    if vm is None:  # pragma: no cover - only reachable if the object model is used without a VM
        raise AssertionError(f"{name}: {message} raised outside a running VM")
    return JSThrow(vm.new_error(name, message))


def type_error(message: str) -> JSThrow:
    return make_error_throw("TypeError", message)


def range_error(message: str) -> JSThrow:
    return make_error_throw("RangeError", message)


def reference_error(message: str) -> JSThrow:
    return make_error_throw("ReferenceError", message)
