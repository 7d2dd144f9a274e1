"""A stand-in engine for platform tests that pin platform behaviour rather than the engine's, and a small
hand-written trace of the contract's shape. (Named uniquely: tests/ has several conftest modules.)"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class FakeSite:
    line: int
    column: int
    kind: str = "object"

    @property
    def key(self) -> str:
        return f"{self.line}:{self.column}"


class FakeProgramError(Exception):
    def __init__(self, name: str, message: str, line: int, column: int) -> None:
        super().__init__(message)
        self.name, self.message, self.line, self.column = name, message, line, column


class FakeTrace:
    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data

    def to_json(self) -> dict[str, Any]:
        return self.data


class FakeEngine:
    """Answers engine.trace / allocation_sites / function_names for programs registered with `program()`;
    `calls` counts trace runs so tests can check that keys are computed once per version."""

    ProgramError = FakeProgramError

    def __init__(self) -> None:
        self.programs: dict[str, dict[str, Any]] = {}
        self.calls = 0

    def program(self, source: str, *, trace: dict[str, Any] | None = None, sites: list[tuple[int, int]] | None = None,
                functions: list[str] | None = None, error: FakeProgramError | None = None) -> str:
        self.programs[source] = {"trace": trace, "sites": sites or [], "functions": functions or [], "error": error}
        return source

    def trace(self, source: str) -> FakeTrace:
        self.calls += 1
        entry = self.programs[source]
        if entry["error"] is not None:
            raise entry["error"]
        return FakeTrace(entry["trace"])

    def allocation_sites(self, source: str) -> list[FakeSite]:
        return [FakeSite(line, column) for line, column in self.programs[source]["sites"]]

    def function_names(self, source: str) -> list[str]:
        return list(self.programs[source]["functions"])


# A program with two sites: an object at 1:11 (A) and an array at 2:11 (B, allocated twice: B#1, B#2).
HEAP_PROGRAM = 'let keep = {};\nlet arr = [];\nfunction f() { checkpoint("A"); }\nf();\nconsole.log("hi");'
HEAP_TRACE: dict[str, Any] = {
    "output": ["hi"],
    "error": None,
    "checkpoints": [
        {
            "name": "A",
            "line": 3,
            "stack": [{"function": "f", "line": 3}, {"function": "<global>", "line": 4}],
            "locals": [{}, {"keep": {"site": "1:11#1"}, "arr": {"site": "2:11#2"}, "n": 3}],
            "reachable": ["1:11#1", "2:11#2"],
            "heap": {"1:11#1": {"type": "object", "props": {"x": {"site": "2:11#2"}}}},
            "garbage": ["2:11#1"],
            "refcount_leaked": [],
            "freed": [],
        }
    ],
}


