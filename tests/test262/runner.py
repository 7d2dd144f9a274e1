"""Run test262 tests through the engine, in-process, the way INTERPRETING.md says (sloppy mode only).

One test = ``harness/assert.js`` + ``harness/sta.js`` (+ ``doneprintHandle.js`` for async tests) + the test's
``includes`` + the test, concatenated and run as one classic sloppy script by ``engine.trace``; ``raw`` tests run
as they are. A negative test passes when the named error happens in the named phase (``parse``: a SyntaxError
before anything runs; ``runtime``: the uncaught error's name); an async test passes when it prints
``Test262:AsyncTestComplete``. A Python exception escaping the engine is an ``engine-error``: a bug, counted apart.

Tests run in worker processes (at most ``jobs``); a test that outlives its hard deadline has its worker killed and
counts as a ``timeout``, so one hang cannot stall a run.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import random
import re
import subprocess
import tarfile
import time
import traceback
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from tests.test262.claims import skip_reason
from tests.test262.meta import Meta, parse_meta

TARBALL_NAME = "test262-be13516.tar.gz"
REPO_ROOT = Path(__file__).resolve().parents[2]

Status = Literal["pass", "fail", "skip", "engine-error", "timeout"]
STEP_BUDGET = 3_000_000
TIME_BUDGET_S = 20.0  # the engine's own wall-clock limit
HARD_TIMEOUT_S = 60.0  # the worker is killed after this


@dataclass(frozen=True)
class Result:
    path: str  # relative to the test262 root: test/language/...
    status: Status
    reason: str = ""


# ---------------------------------------------------------------- locating and extracting the suite


def find_tarball(repo_root: Path = REPO_ROOT) -> Path | None:
    """The slice's tarball: $MEMCOURSE_TEST262, else ../shared/test262/ next to the checkout (or its parents)."""
    env = os.environ.get("MEMCOURSE_TEST262")
    if env:
        p = Path(env)
        return p if p.is_file() else None
    roots = [repo_root]
    origin = _origin_checkout(repo_root)
    if origin is not None:  # a clone of a local checkout (CI clones one): look beside the original too
        roots.append(origin)
    for root in roots:
        for base in (root, *root.parents):
            for candidate in (base.parent / "shared" / "test262" / TARBALL_NAME,
                              base / "shared" / "test262" / TARBALL_NAME):
                if candidate.is_file():
                    return candidate
    return None


def _origin_checkout(repo_root: Path) -> Path | None:
    """The local directory this checkout was cloned from, if its `origin` is one."""
    try:
        url = subprocess.run(["git", "-C", str(repo_root), "config", "--get", "remote.origin.url"],
                             capture_output=True, text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    path = Path(url.removeprefix("file://")) if url and "://" not in url.removeprefix("file://") else None
    return path.resolve() if path is not None and path.is_dir() else None


def extract(tarball: Path, dest: Path) -> Path:
    """Extract the slice into ``dest`` (once; reused while its marker file is there); returns the test262 root."""
    root = dest / "test262"
    marker = dest / f".extracted-{tarball.name}"
    if not marker.exists():
        dest.mkdir(parents=True, exist_ok=True)
        with tarfile.open(tarball) as tar:
            tar.extractall(dest, filter="data")
        marker.touch()
    return root


def all_tests(root: Path, filters: Iterable[str] = ()) -> list[str]:
    """Every test file (relative path, sorted) under test/, or only under the given directories."""
    prefixes = tuple(f.strip("/") for f in filters)
    out = []
    for p in (root / "test").rglob("*.js"):
        rel = p.relative_to(root).as_posix()
        if not prefixes or any(rel.startswith(f) or rel.startswith("test/" + f) for f in prefixes):
            out.append(rel)
    return sorted(out)


def sample(paths: list[str], n: int | None, seed: int) -> list[str]:
    if n is None or n >= len(paths):
        return paths
    return sorted(random.Random(seed).sample(paths, n))


# ---------------------------------------------------------------- one test


_harness_cache: dict[tuple[str, str], str] = {}


def _harness(root: Path, name: str) -> str:
    key = (str(root), name)
    if key not in _harness_cache:
        _harness_cache[key] = (root / "harness" / name).read_text(encoding="utf-8")
    return _harness_cache[key]


# print: the host function async tests report through; $262: the part of it an in-process run can provide.
PRINT = "function print(value) { console.log(String(value)); }\n"
HOST_262 = "var $262 = { global: this, gc: function () { gc(); } };\n"


def build_source(root: Path, meta: Meta, test: str) -> str:
    """The script one test runs as (INTERPRETING.md: harness, async handler, includes, then the test)."""
    if "raw" in meta.flags:
        return test
    names = ["assert.js", "sta.js"]
    if "async" in meta.flags:
        names.append("doneprintHandle.js")
    names.extend(n for n in meta.includes if n not in names)
    parts = [_harness(root, n) for n in names]
    prelude = PRINT + (HOST_262 if "$262" in test else "")
    return prelude + "\n".join(parts) + "\n" + test


DONOTEVALUATE = "'Test262: This statement should not be evaluated.'"
_TEST262_ERROR = re.compile(r"^(\w+) \{\s*(?:message: '((?:[^'\\]|\\.)*)')?", re.S)


def error_of(error: dict[str, Any]) -> tuple[str, str]:
    """(name, message) of an uncaught error; a thrown non-Error object (Test262Error) is named by its class."""
    name, message = str(error.get("name", "")), str(error.get("message", ""))
    if name == "Uncaught":
        m = _TEST262_ERROR.match(message)
        if m:
            return m.group(1), (m.group(2) or "").replace("\\'", "'")
    return name, message


def _engine_bug(exc: BaseException) -> str:
    """``InternalError: engine error: KeyError: 'x' (engine/vm.py:123)``: the innermost engine frame."""
    where = ""
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if "/engine/" in frame.filename:
            where = f" ({Path(frame.filename).parent.name}/{Path(frame.filename).name}:{frame.lineno})"
            break
    return f"InternalError: engine error: {type(exc).__name__}: {str(exc)[:200]}{where}"


def outcome(meta: Meta, phase: str, name: str, message: str, output: list[str]) -> tuple[Status, str]:
    """Judge one run: phase is "parse", "runtime" or "" (no error)."""
    got = f"{name}: {message}" if phase else "no error"
    if name == "Uncaught":  # a thrown value that is not an object: $DONOTEVALUATE() throws a string
        got = "$DONOTEVALUATE() ran" if message == DONOTEVALUATE else f"uncaught {message}"
    neg = meta.negative
    if neg is not None:
        if phase == neg.phase and name == neg.type:
            return "pass", ""
        expected = f"expected {neg.type} at {neg.phase}"
        return "fail", f"{expected}, got {got}" + (f" at {phase}" if phase else "")
    if phase:
        return "fail", got + (" (at parse)" if phase == "parse" else "")
    if "async" in meta.flags:
        for line in output:
            if line.startswith("Test262:AsyncTestFailure:"):
                return "fail", "async: " + line.removeprefix("Test262:AsyncTestFailure:")
        if "Test262:AsyncTestComplete" not in output:
            return "fail", "async test never printed Test262:AsyncTestComplete"
    return "pass", ""


def run_test(root: Path, relpath: str) -> Result:
    """Run one test in this process (skips are decided here too)."""
    import engine  # imported late: workers import it once, the parent need not

    test = (root / relpath).read_text(encoding="utf-8", errors="surrogateescape")
    meta = parse_meta(test)
    reason = skip_reason(relpath, meta, test)
    if reason is not None:
        return Result(relpath, "skip", reason)
    source = build_source(root, meta, test)
    limits = engine.Limits(steps=STEP_BUDGET, time=TIME_BUDGET_S)
    try:
        trace = engine.trace(source, limits=limits)
    except engine.JSSyntaxError as exc:
        status, why = outcome(meta, "parse", "SyntaxError", exc.message, [])
        return Result(relpath, status, why)
    except engine.ProgramError as exc:
        return Result(relpath, "fail", f"{exc.name}: {exc.message}")
    except Exception as exc:  # noqa: BLE001 - an engine bug is a result, not a crash of the runner
        return Result(relpath, "engine-error", _engine_bug(exc))
    if trace.error is None:
        status, why = outcome(meta, "", "", "", trace.output)
    else:
        name, message = error_of(trace.error)
        if name == "InternalError":
            return Result(relpath, "engine-error", f"{name}: {message}")
        status, why = outcome(meta, "runtime", name, message, trace.output)
    return Result(relpath, status, why)


# ---------------------------------------------------------------- many tests, in parallel


def _worker(root: str, tasks: Any, results: Any) -> None:
    import resource
    import sys

    sys.setrecursionlimit(20000)
    try:  # a runaway test fails with MemoryError (an engine-error) instead of taking the machine down
        # 3 GiB more than the worker has mapped already: a replacement worker is forked from a parent that has
        # grown, and a fixed cap left it no room (its tests failed as "nesting this deep", from MemoryError)
        limit = _mapped_bytes() + (3 << 30)
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ValueError, OSError):  # pragma: no cover
        pass
    base = Path(root)
    while True:
        item = tasks.recv()
        if item is None:
            return
        try:
            res = run_test(base, item)
        except BaseException as exc:  # noqa: BLE001 - e.g. a RecursionError while reading the result
            res = Result(item, "engine-error", _engine_bug(exc))
        # a worker whose memory has grown (Python keeps the arenas a big test used) retires after this test:
        # left running it reached its cap and failed the following tests with MemoryError
        retire = _resident_bytes() > RETIRE_RSS_BYTES
        results.send((res, retire))
        if retire:
            return


def _resident_bytes() -> int:
    """This process's resident memory (Linux); 0 where /proc is not there."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, ValueError, IndexError):
        return 0
    return pages * os.sysconf("SC_PAGE_SIZE")


def _mapped_bytes() -> int:
    """This process's virtual memory size (Linux); 0 where /proc is not there."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 0
    return pages * os.sysconf("SC_PAGE_SIZE")


RETIRE_RSS_BYTES = 1 << 30


class _Slot:
    """One worker process and the test it is running."""

    def __init__(self, ctx: Any, root: Path) -> None:
        self.tasks, child_tasks = ctx.Pipe()
        child_results, self.results = ctx.Pipe()
        self.proc = ctx.Process(target=_worker, args=(str(root), child_tasks, child_results), daemon=True)
        self.proc.start()
        self.current: str | None = None
        self.started = 0.0

    def give(self, path: str) -> None:
        self.current, self.started = path, time.monotonic()
        self.tasks.send(path)

    def stop(self) -> None:
        try:
            self.tasks.send(None)
        except (BrokenPipeError, OSError):
            pass
        self.proc.join(2)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join()


def run_many(root: Path, paths: list[str], jobs: int = 2, hard_timeout: float = HARD_TIMEOUT_S) -> Iterator[Result]:
    """Results of every test, as they finish (in no particular order)."""
    if jobs <= 1:
        for p in paths:
            yield run_test(root, p)
        return
    # spawn, not fork: a worker forked from this process after a timeout inherited its state and failed a run of
    # tests as "nesting this deep"; a fresh interpreter per worker costs an import of the engine, once per worker
    ctx = mp.get_context("spawn")
    todo = list(reversed(paths))
    slots = [_Slot(ctx, root) for _ in range(min(jobs, max(1, len(paths))))]
    try:
        for s in slots:
            if todo:
                s.give(todo.pop())
        while any(s.current is not None for s in slots):
            busy = [s for s in slots if s.current is not None]
            ready = mp.connection.wait([s.results for s in busy] + [s.proc.sentinel for s in busy], timeout=1.0)
            now = time.monotonic()
            for i, s in enumerate(slots):
                if s.current is None:
                    continue
                if s.results in ready:
                    try:
                        res, retire = s.results.recv()
                    except EOFError:  # the worker died while sending
                        yield Result(s.current, "engine-error", "InternalError: engine error: the worker died")
                        retire = True
                    else:
                        yield res
                    if retire:
                        s.stop()
                        slots[i] = s = _Slot(ctx, root)
                elif s.proc.sentinel in ready or now - s.started > hard_timeout:
                    died = not s.proc.is_alive()
                    s.proc.kill()
                    s.proc.join()
                    if died:
                        yield Result(s.current, "engine-error",
                                     f"InternalError: engine error: the worker died (exit {s.proc.exitcode})")
                    else:
                        yield Result(s.current, "timeout", f"no result after {hard_timeout:.0f} s (worker killed)")
                    slots[i] = s = _Slot(ctx, root)
                else:
                    continue
                s.current = None
                if todo:
                    s.give(todo.pop())
    finally:
        for s in slots:
            s.stop()


# ---------------------------------------------------------------- reports


def group_key(path: str, depth: int) -> str:
    """The first ``depth`` directories below test/: language/expressions/class for depth 3."""
    parts = path.split("/")[1:-1]
    return "/".join(parts[:depth]) or "."


def table(results: list[Result], depth: int = 2) -> str:
    """Passed/failed/skipped by directory, with the pass rate of the claimed (not skipped) tests, and a total."""
    rows: dict[str, dict[str, int]] = {}
    for r in results:
        row = rows.setdefault(group_key(r.path, depth), {"pass": 0, "fail": 0, "skip": 0, "bug": 0})
        key = {"pass": "pass", "skip": "skip", "engine-error": "bug"}.get(r.status, "fail")
        row[key] += 1
    total = {k: sum(r[k] for r in rows.values()) for k in ("pass", "fail", "skip", "bug")}
    lines = [f"{'directory':<40} {'passed':>7} {'failed':>7} {'eng.err':>7} {'skipped':>7} {'pass %':>7}"]
    lines.append("-" * len(lines[0]))
    for name, row in sorted(rows.items()):
        lines.append(_row(name, row))
    lines.append("-" * len(lines[0]))
    lines.append(_row("total", total))
    return "\n".join(lines)


def _row(name: str, row: dict[str, int]) -> str:
    claimed = row["pass"] + row["fail"] + row["bug"]
    rate = f"{100 * row['pass'] / claimed:.1f}" if claimed else "-"
    return f"{name:<40} {row['pass']:>7} {row['fail']:>7} {row['bug']:>7} {row['skip']:>7} {rate:>7}"


def pass_rate(results: list[Result]) -> float:
    claimed = [r for r in results if r.status != "skip"]
    return sum(r.status == "pass" for r in claimed) / len(claimed) if claimed else 1.0


_NUMBERS = re.compile(r"«[^»]*»|'[^']*'|\"[^\"]*\"|\b\d+\b|\(line \d+, column \d+\)")


def cause(reason: str) -> str:
    """A failure reason with its particulars (quoted values, numbers, positions) blanked, for grouping."""
    return _NUMBERS.sub("…", reason)[:120]


def counts(items: Iterable[str]) -> list[tuple[str, int]]:
    tally: dict[str, int] = {}
    for it in items:
        tally[it] = tally.get(it, 0) + 1
    return sorted(tally.items(), key=lambda kv: (-kv[1], kv[0]))


# ---------------------------------------------------------------- node's own results (the V8 baseline)


NODE_BASELINE_JS = Path(__file__).with_name("node_baseline.js")


def _node_batch(root: Path, paths: list[str], node: str) -> list[Result]:
    import json
    import subprocess

    tests = []
    metas: dict[str, Meta] = {}
    for p in paths:
        meta = parse_meta((root / p).read_text(encoding="utf-8", errors="surrogateescape"))
        metas[p] = meta
        tests.append({"path": p, "includes": list(meta.includes), "flags": sorted(meta.flags)})
    done = subprocess.run([node, str(NODE_BASELINE_JS)], input=json.dumps({"root": str(root), "tests": tests}),
                          capture_output=True, text=True, timeout=3600, check=False)
    out: list[Result] = []
    seen: set[str] = set()
    for line in done.stdout.splitlines():
        r = json.loads(line)
        seen.add(r["path"])
        status, why = outcome(metas[r["path"]], r["phase"], r["name"], r["message"], r["output"])
        out.append(Result(r["path"], status, why))
    out.extend(Result(p, "fail", f"node stopped: {done.stderr.strip()[-200:]}") for p in paths if p not in seen)
    return out


def node_results(root: Path, paths: list[str], node: str, jobs: int = 2) -> list[Result]:
    """Each test run in node (tests/test262/node_baseline.js: a new context per test), judged as the engine is."""
    from concurrent.futures import ThreadPoolExecutor

    size = max(1, -(-len(paths) // max(1, jobs * 4)))
    batches = [paths[i:i + size] for i in range(0, len(paths), size)]
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        return [r for batch in pool.map(lambda b: _node_batch(root, b, node), batches) for r in batch]
