"""Running hostile programs (tests/security/hostile.py) through `python -m engine trace` and judging how each ended.

Each program runs in its own child process with the engine's budgets and its memory cap (--max-memory); the
child's CPU seconds come from os.wait4, its peak resident memory from the child itself (engine_child.py: VmHWM). A hard
deadline kills a child that outlives every budget, which is a failure, as is an internal error, a Python
traceback, an exit status other than the contract's 0 and 1, an ending the program's family does not allow, or
CPU time or peak memory above the bound.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.security.hostile import ERROR, LIMIT, OK, SYNTAX, Hostile

ROOT = Path(__file__).resolve().parents[2]

# The engine's budgets for the corpus: small, so 1,000 programs run in minutes; the playground's are larger.
STEPS, DEPTH, HEAP, SECONDS, MEMORY_MB = 50_000, 10_000, 50_000, 0.5, 768
HARD_DEADLINE = 180.0  # wall-clock seconds; only a runaway engine meets it (the machine may be busy)
CPU_BUDGET = 20.0  # CPU seconds of the child: the platform's hard deadline on an engine child (see the report)
RSS_BOUND_MB = MEMORY_MB + 64  # the cap is on address space; resident memory stays below it

ENGINE_LIMITS = ["--max-steps", str(STEPS), "--max-depth", str(DEPTH), "--max-heap", str(HEAP),
                 "--timeout", str(SECONDS), "--max-memory", str(MEMORY_MB)]


@dataclass(frozen=True)
class Outcome:
    program: Hostile
    kind: str  # limit, error, syntax, ok, or "failure"
    detail: str  # the limit's name, the error's name and message, or what went wrong
    cpu_seconds: float
    peak_rss_mb: float

    @property
    def failure(self) -> str:
        """Why this run is not acceptable, or ""."""
        if self.kind == "failure":
            return self.detail
        if self.kind not in self.program.ends:
            return f"ended as {self.kind} ({self.detail}); its family allows {sorted(self.program.ends)}"
        if self.cpu_seconds > CPU_BUDGET:
            return f"used {self.cpu_seconds:.1f} CPU seconds (budget {CPU_BUDGET})"
        if self.peak_rss_mb > RSS_BOUND_MB:
            return f"peak resident memory {self.peak_rss_mb:.0f} MiB (bound {RSS_BOUND_MB})"
        return ""

    def describe(self) -> str:
        return f"{self.program.name}: {self.failure}\n--- program (first 300 characters) ---\n{self.program.source[:300]}"


def judge(returncode: int, stdout: str, stderr: str) -> tuple[str, str]:
    """(kind, detail) of one run of `python -m engine trace`."""
    if "Traceback" in stderr:
        return "failure", "a Python traceback: " + stderr.strip()[-400:]
    if returncode not in (0, 1):
        return "failure", f"exit status {returncode}: {stderr.strip()[-300:]}"
    try:
        data: dict[str, Any] = json.loads(stdout)
    except ValueError:
        return "failure", f"not JSON on standard output: {stdout[:200]!r}"
    error = data.get("error")
    if returncode == 1:
        name = (error or {}).get("name", "")
        if name in ("SyntaxError", "UnsupportedSyntax") and error.get("message"):
            return SYNTAX, f"{name}: {error['message']}"
        return "failure", f"exit status 1 with {error}"
    if error is None:
        return OK, ""
    if error.get("name") == "LimitExceeded":
        return (LIMIT, error["limit"]) if error.get("limit") else ("failure", f"a limit without a name: {error}")
    if error.get("name") and error.get("message"):
        return ERROR, f"{error['name']}: {error['message'][:100]}"
    return "failure", f"an error without a name or message: {error}"


def peak_of(stderr: str) -> tuple[str, float]:
    """(the rest of standard error, the child's peak resident memory in MiB) from engine_child's last line."""
    lines = stderr.rstrip("\n").split("\n")
    if lines and lines[-1].startswith("peak-rss-kb "):
        return "\n".join(lines[:-1]), int(lines[-1].split()[1]) / 1024
    return stderr, float("inf")  # no report: the child died before it could say


def run_engine(program: Hostile, extra: list[str] | None = None) -> Outcome:
    with tempfile.TemporaryDirectory() as folder:
        source, out, err = (Path(folder) / name for name in ("program.js", "out.json", "err.txt"))
        source.write_text(program.source, encoding="utf-8")
        command = [sys.executable, "-m", "tests.security.engine_child", "trace", *ENGINE_LIMITS, *(extra or []),
                   str(source)]
        with out.open("w") as stdout, err.open("w") as stderr:
            child = subprocess.Popen(command, stdout=stdout, stderr=stderr, stdin=subprocess.DEVNULL, cwd=ROOT)
            killer = threading.Timer(HARD_DEADLINE, child.kill)
            killer.start()
            _, status, usage = os.wait4(child.pid, 0)
            killer.cancel()
        child.returncode = os.waitstatus_to_exitcode(status)
        errors, rss = peak_of(err.read_text())
        cpu = usage.ru_utime + usage.ru_stime
        if child.returncode == -9:
            return Outcome(program, "failure", f"still running after {HARD_DEADLINE:g} s: killed", cpu, rss)
        kind, detail = judge(child.returncode, out.read_text(), errors)
    return Outcome(program, kind, detail, cpu, rss)


def run_all(programs: list[Hostile], workers: int = 2) -> list[Outcome]:
    """Every program through the engine, `workers` children at a time (the machine has 2 cores)."""
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(run_engine, programs))


def report(outcomes: list[Outcome]) -> str:
    """A line per family: how its programs ended; then the worst CPU time and memory."""
    lines = []
    for family in sorted({o.program.family for o in outcomes}):
        mine = [o for o in outcomes if o.program.family == family]
        kinds: dict[str, int] = {}
        for outcome in mine:
            key = outcome.kind if outcome.kind != LIMIT else f"limit:{outcome.detail}"
            kinds[key] = kinds.get(key, 0) + 1
        lines.append(f"{family:10} {len(mine):4}  " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))
    worst_cpu = max(outcomes, key=lambda o: o.cpu_seconds)
    worst_rss = max(outcomes, key=lambda o: o.peak_rss_mb)
    lines.append(f"most CPU: {worst_cpu.cpu_seconds:.2f} s ({worst_cpu.program.name}); "
                 f"most memory: {worst_rss.peak_rss_mb:.0f} MiB ({worst_rss.program.name})")
    return "\n".join(lines)


__all__ = ["ERROR", "LIMIT", "OK", "SYNTAX", "Outcome", "judge", "report", "run_all", "run_engine"]
