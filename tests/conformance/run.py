"""Debug one conformance program: print V8's trace, the engine's trace and where they differ.

Usage: python -m tests.conformance.run PROGRAM.js [--node-only] [--instrumented]
  PROGRAM.js      a path, or the name of a file in tests/conformance/programs/
  --node-only     print only node's trace (when the engine cannot run yet)
  --instrumented  print the instrumented program node runs, and stop
Exit status: 0 when the traces agree, 1 when they differ (or one side fails), 2 for bad usage.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from tests.conformance.compare import compare_traces, compared_view, judge, load_divergences
from tests.conformance.corpus import PROGRAMS_DIR, EngineRunError, run_in_engine
from tests.conformance.instrument import InstrumentError, instrument
from tests.conformance.node_runner import NodeHarnessError, run_in_node


def _arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m tests.conformance.run", description=__doc__.split("\n")[0]
    )
    parser.add_argument("program", help="a .js file, or the name of a program of the corpus")
    parser.add_argument("--node-only", action="store_true", help="print only node's trace")
    parser.add_argument("--instrumented", action="store_true", help="print the instrumented program and stop")
    return parser.parse_args(argv)


def _resolve(name: str) -> Path | None:
    for candidate in (Path(name), PROGRAMS_DIR / name, PROGRAMS_DIR / f"{name}.js"):
        if candidate.is_file():
            return candidate
    return None


def _print_json(title: str, value: Any) -> None:
    print(f"== {title}")
    print(json.dumps(value, indent=2, ensure_ascii=False))


def main(argv: list[str] | None = None) -> int:
    options = _arguments(sys.argv[1:] if argv is None else argv)
    path = _resolve(options.program)
    if path is None:
        print(f"no such program: {options.program}", file=sys.stderr)
        return 2
    source = path.read_text(encoding="utf-8")
    if options.instrumented:
        return _print_instrumented(source)
    try:
        node = run_in_node(source)
    except NodeHarnessError as error:
        print(f"node: {error}", file=sys.stderr)
        return 1
    _print_json("node (V8)", compared_view(node) | {"warnings": node.get("warnings", [])})
    if options.node_only:
        return 0
    return _compare_with_engine(path.name, source, node)


def _print_instrumented(source: str) -> int:
    try:
        print(instrument(source).source)
    except InstrumentError as error:
        print(f"cannot instrument: {error}", file=sys.stderr)
        return 1
    return 0


def _compare_with_engine(program: str, source: str, node: dict[str, Any]) -> int:
    try:
        engine = run_in_engine(source)
    except EngineRunError as error:
        print(f"engine: {error}", file=sys.stderr)
        return 1
    _print_json("engine", compared_view(engine))
    verdict = judge(program, compare_traces(node, engine), load_divergences())
    print("== diff")
    print(
        verdict.render(program) if not verdict.agrees else "the engine agrees with V8 on every compared field"
    )
    return 0 if verdict.agrees else 1


if __name__ == "__main__":
    sys.exit(main())
