"""Profile the engine (py-spy or pyinstrument, dev extras): where the time of a trace goes, by function and module.

    .venv/bin/python -m bench.profile fib closures ...      # benchmark programs (bench/programs/NAME.js)
    .venv/bin/python -m bench.profile --steps classes       # the same with the full step timeline
    .venv/bin/python -m bench.profile selftest              # every variant the demo course's self-test traces
    .venv/bin/python -m bench.profile startup               # an empty program in this fresh process: imports,
                                                            #   parser, realm, compile, run
Options: --top N functions (default 25), --repeat N to trace a program N times (more samples), --profiler
py-spy (the default: it samples the process from outside, at --rate per second, so the engine runs at full speed)
or pyinstrument (in-process: its hook on every Python call slows call-heavy code and inflates call overhead;
--interval, --tree prints its call tree).

For each target it prints the total sampled time, the top functions by *self* time (time spent in the function's
own code, not in what it calls) with percentages, and the same grouped by module, where "compiled JS" is the Python
the compiler emitted for the program's functions (file <string>, functions _fN). docs/performance.md quotes these.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
PROGRAMS = Path(__file__).resolve().parent / "programs"


def _limits() -> Any:
    import engine

    return engine.Limits(steps=10**9, depth=10_000, heap=10**7, time=600.0, timeline_time=600.0)


def _label(frame: Any) -> tuple[str, str]:
    """(function label, module label) of a pyinstrument frame."""
    path = frame.file_path or ""
    fn = frame.function or "?"
    if path == "<string>" or (fn.startswith("_f") and fn[2:].isdigit()):
        return "compiled JS (_fN in <string>)", "compiled JS"
    if frame.class_name:
        fn = f"{frame.class_name}.{fn}"
    rel = path
    try:
        rel = str(Path(path).resolve().relative_to(REPO))
    except ValueError:
        if "site-packages/" in path:
            rel = path.split("site-packages/", 1)[1]
        elif "/lib/python" in path:
            rel = "stdlib/" + path.split("/lib/python", 1)[1].split("/", 1)[-1]
    module = rel
    if rel.startswith("engine/builtins/"):
        module = "engine/builtins/*"
    elif rel.startswith("stdlib/") or rel.startswith("<frozen"):
        module = "python stdlib / import machinery"
    elif "/" in rel and not rel.startswith("engine/") and not rel.startswith("exercises/"):
        module = rel.split("/", 1)[0]
    return f"{fn} ({rel}:{frame.line_no})", module


def _self_times(root: Any) -> tuple[dict[str, float], dict[str, float], float]:
    by_fn: dict[str, float] = defaultdict(float)
    by_module: dict[str, float] = defaultdict(float)
    stack = [root]
    while stack:
        frame = stack.pop()
        stack.extend(frame.children)
        own = frame.total_self_time
        if own <= 0 or frame.is_synthetic:  # pyinstrument's [self] leaves: already in their parent's self time
            continue
        fn, module = _label(frame)
        by_fn[fn] += own
        by_module[module] += own
    return by_fn, by_module, root.time


def report(title: str, session: Any, top: int, tree: bool, profiler: Any) -> str:
    root = session.root_frame()
    if root is None:
        return f"{title}: no samples"
    by_fn, by_module, total = _self_times(root)
    lines = [f"== {title}: {total * 1000:,.0f} ms sampled ({session.sample_count} samples)"]
    lines.append("  by module (self time):")
    for name, t in sorted(by_module.items(), key=lambda kv: -kv[1])[:12]:
        lines.append(f"    {t / total * 100:5.1f}%  {t * 1000:8.1f} ms  {name}")
    lines.append(f"  top {top} functions (self time):")
    for name, t in sorted(by_fn.items(), key=lambda kv: -kv[1])[:top]:
        lines.append(f"    {t / total * 100:5.1f}%  {t * 1000:8.1f} ms  {name}")
    if tree:
        lines.append(profiler.output_text(unicode=False, color=False, time="percent_of_total"))
    return "\n".join(lines)


def profile_call(fn: Any, interval: float) -> tuple[Any, Any]:
    from pyinstrument import Profiler

    profiler = Profiler(interval=interval)
    profiler.start()
    fn()
    profiler.stop()
    return profiler.last_session, profiler


def selftest_sources() -> list[str]:
    """Every program the demo course's self-test traces: each exercise's pool of variants (its program alone when it
    has no parameters), from the course folder (no database needed)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "memcourse.settings")
    import django

    django.setup()
    from exercises import selftest
    from exercises.coursefiles import course_read
    from exercises.management.commands.load_demo import DEMO_COURSE

    data = course_read(DEMO_COURSE)
    sources: list[str] = []
    for module in data.modules:
        for exercise in module.exercises:
            if exercise.parameters:
                sources += selftest.pool_sources(exercise.program, exercise.parameters)
            else:
                sources.append(exercise.program)
    return sources


WORKLOAD = "traced_part"   # the function py-spy's stacks must contain to count (imports and set-up excluded)


def pyspy_report(title: str, raw: Path, top: int, whole: bool) -> str:
    """Self time by function and by module from py-spy's raw (collapsed) stacks."""
    by_fn: dict[str, int] = defaultdict(int)
    by_module: dict[str, int] = defaultdict(int)
    total = 0
    for line in raw.read_text(encoding="utf-8").splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack or (not whole and f"{WORKLOAD} (" not in stack):
            continue
        n = int(count)
        leaf = stack.rsplit(";", 1)[-1]
        fn, _, where = leaf.rpartition(" (")
        path = where.rstrip(")").rsplit(":", 1)[0]
        frame = type("F", (), {"file_path": path, "function": fn.split(".")[-1] if "." in fn else fn,
                               "class_name": fn.split(".")[0] if "." in fn else None, "line_no": ""})()
        if path == "<memcourse>":
            frame.file_path = "<string>"
        label, module = _label(frame)
        by_fn[label.replace(":)", ")")] += n
        by_module[module] += n
        total += n
    if total == 0:
        return f"== {title}: no samples"
    lines = [f"== {title}: {total:,} samples (py-spy)"]
    lines.append("  by module (self time):")
    for name, t in sorted(by_module.items(), key=lambda kv: -kv[1])[:12]:
        lines.append(f"    {t / total * 100:5.1f}%  {name}")
    lines.append(f"  top {top} functions (self time):")
    for name, t in sorted(by_fn.items(), key=lambda kv: -kv[1])[:top]:
        lines.append(f"    {t / total * 100:5.1f}%  {name}")
    return "\n".join(lines)


def run_workload(target: str, steps: bool, repeat: int) -> None:
    """The work a target does, unprofiled (py-spy samples it from outside)."""
    if target == "startup":
        import engine

        engine.trace("")
        return
    import engine
    from engine import api

    if target == "selftest":
        sources = selftest_sources()
        limits = engine.Limits()

        def work() -> None:
            for src in sources:
                try:
                    api.trace(src, limits=limits, steps=steps)
                    api.allocation_sites(src)
                    api.function_names(src)
                except api.ProgramError:
                    pass
    else:
        source = (PROGRAMS / f"{target}.js").read_text(encoding="utf-8")

        def work() -> None:
            for _ in range(repeat):
                engine.trace(source, limits=_limits(), steps=steps)

    traced_part(work)


def traced_part(work: Any) -> None:
    work()


def pyspy_main(args: argparse.Namespace) -> int:
    import shutil
    import subprocess
    import tempfile

    pyspy = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
    for target in args.targets:
        with tempfile.TemporaryDirectory() as tmp:
            raw = Path(tmp) / "raw.txt"
            child = [sys.executable, "-c", f"import sys; sys.path.insert(0, {str(REPO)!r}); from bench.profile import "
                     f"run_workload; run_workload({target!r}, {args.steps!r}, {args.repeat!r})"]
            env = dict(os.environ, PYTHONPYCACHEPREFIX=str(Path(tempfile.gettempdir()) / "engine_bench_pycache"))
            env.pop("PYTHONDONTWRITEBYTECODE", None)  # a warm bytecode cache, as on a user's machine
            subprocess.run([sys.executable, "-c", "import engine.api, js2py"], check=True, cwd=REPO, env=env)
            subprocess.run([pyspy, "record", "-r", str(args.rate), "-f", "raw", "-o", str(raw), "--", *child],
                           check=True, cwd=REPO, capture_output=True, env=env)
            mode = " with the timeline" if args.steps else (", checkpoints only" if target not in ("startup",) else "")
            extra = f" x{args.repeat}" if args.repeat > 1 and target not in ("startup", "selftest") else ""
            title = {"startup": "start-up: python -c 'import engine; engine.trace(\"\")' (whole process)",
                     "selftest": f"self-test of the demo course: every variant traced{mode}"}.get(target,
                                                                                             f"{target}{mode}{extra}")
            print(pyspy_report(title, raw, args.top, whole=target == "startup"))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Profile the engine with py-spy or pyinstrument.")
    parser.add_argument("targets", nargs="+", help="program names, 'selftest' or 'startup'")
    parser.add_argument("--steps", action="store_true", help="trace with the full step timeline")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--interval", type=float, default=0.0005)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--tree", action="store_true", help="also print pyinstrument's call tree")
    parser.add_argument("--profiler", choices=["py-spy", "pyinstrument"], default="py-spy")
    parser.add_argument("--rate", type=int, default=1000, help="py-spy samples per second")
    args = parser.parse_args(argv)
    if args.profiler == "py-spy":
        return pyspy_main(args)
    for target in args.targets:
        if target == "startup":
            if "engine" in sys.modules:
                print("startup must be the first target (engine already imported)", file=sys.stderr)
                continue

            def run_startup() -> None:
                import engine

                engine.trace("")

            started = time.perf_counter()
            session, profiler = profile_call(run_startup, args.interval / 5)
            title = f"start-up: import engine + engine.trace('') ({(time.perf_counter() - started) * 1000:.0f} ms)"
            print(report(title, session, args.top, args.tree, profiler))
            continue
        import engine

        if target == "selftest":
            sources = selftest_sources()
            limits = engine.Limits()  # the self-test's own limits: the engine's defaults

            def run_all() -> None:
                from engine import api

                for src in sources:  # noqa: B023
                    try:
                        api.trace(src, limits=limits, steps=args.steps)  # noqa: B023
                        api.allocation_sites(src)
                        api.function_names(src)
                    except api.ProgramError:
                        pass

            session, profiler = profile_call(run_all, args.interval)
            print(report(f"self-test of the demo course: {len(sources)} programs traced"
                         f"{' with the timeline' if args.steps else ''}", session, args.top, args.tree, profiler))
            continue
        source = (PROGRAMS / f"{target}.js").read_text(encoding="utf-8")
        limits = _limits()

        def run_program() -> None:
            for _ in range(args.repeat):
                engine.trace(source, limits=limits, steps=args.steps)  # noqa: B023

        session, profiler = profile_call(run_program, args.interval)
        print(report(f"{target}{' with the timeline' if args.steps else ', checkpoints only'}"
                     f"{f' x{args.repeat}' if args.repeat > 1 else ''}", session, args.top, args.tree, profiler))
    return 0


if __name__ == "__main__":
    sys.exit(main())
