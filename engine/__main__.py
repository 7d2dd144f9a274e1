"""``python -m engine trace FILE.js`` - print the trace JSON of a program (contract: exit status)."""

from __future__ import annotations

import argparse
import json
import sys

from engine.api import ProgramError, json_text, trace
from engine.vm import Limits

MAX_MEMORY_MB = 2048


def cap_memory(megabytes: int) -> None:
    """Cap this process's address space, so a program that allocates without end (a string doubled, arrays of
    them) fails with MemoryError, which ends the run as the "memory" limit, instead of exhausting the machine."""
    if megabytes <= 0:
        return
    import resource

    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = megabytes * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (cap if hard == resource.RLIM_INFINITY else min(cap, hard), hard))


MEMORY_ERROR = {"output": [], "checkpoints": [], "error": {
    "name": "LimitExceeded", "limit": "memory", "message": "memory limit exceeded: the program needs more memory than allowed"}}


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m engine", description="Trace a JavaScript program's memory.")
    sub = p.add_subparsers(dest="command", required=True)
    t = sub.add_parser("trace", help="run a program and print its trace as JSON")
    t.add_argument("file", help="the JavaScript file, or - for standard input")
    t.add_argument("--steps", action="store_true", help="add the step-by-step timeline (docs/timeline.md)")
    t.add_argument("--snapshots", action="store_true",
                   help="with the timeline, add the engine's own full state at every step (large; for tests)")
    t.add_argument("--max-steps", type=int, default=Limits.steps, help="step budget (default %(default)s)")
    t.add_argument("--max-depth", type=int, default=Limits.depth, help="call depth budget (default %(default)s)")
    t.add_argument("--max-heap", type=int, default=Limits.heap, help="live object budget (default %(default)s)")
    t.add_argument("--timeout", type=float, default=Limits.time, help="wall-clock budget in seconds (default %(default)s)")
    t.add_argument("--max-memory", type=int, default=MAX_MEMORY_MB,
                   help="address-space cap of this process in MiB, 0 for none (default %(default)s): a program "
                        "that needs more ends as the limit \"memory\"")
    t.add_argument("--indent", type=int, default=None, help="pretty-print with this indent")
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    for name in ("max_steps", "max_depth", "max_heap"):
        if getattr(args, name) <= 0:
            print(f"python -m engine: --{name.replace('_', '-')} must be positive", file=sys.stderr)
            return 2
    if args.max_memory < 0:
        print("python -m engine: --max-memory must be 0 or more", file=sys.stderr)
        return 2
    if args.timeout <= 0:
        print("python -m engine: --timeout must be positive", file=sys.stderr)
        return 2
    try:
        source = sys.stdin.read() if args.file == "-" else open(args.file, encoding="utf-8").read()
    except OSError as exc:
        print(f"python -m engine: cannot read {args.file}: {exc.strerror}", file=sys.stderr)
        return 2
    except UnicodeDecodeError:
        print(f"python -m engine: {args.file} is not UTF-8 text", file=sys.stderr)
        return 2
    limits = Limits(steps=args.max_steps, depth=args.max_depth, heap=args.max_heap, time=args.timeout)
    cap_memory(args.max_memory)
    try:
        result = trace(source, limits=limits, steps=args.steps, snapshots=args.snapshots)
        text = result.dumps(args.indent)
    except MemoryError:  # while describing the run: the trace itself would not fit
        print(json.dumps(MEMORY_ERROR))
        return 0
    except ProgramError as exc:
        print(json_text(exc.to_json()))
        return 1
    except Exception as exc:  # an engine bug: say so plainly, never a traceback
        print(json.dumps({"error": {"name": "InternalError", "message": f"engine error: {type(exc).__name__}: {exc}"}}))
        return 1
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
