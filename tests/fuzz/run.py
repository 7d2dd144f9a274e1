"""``python -m tests.fuzz.run --seeds 2000``: fuzz the engine against node and print each disagreement, shrunk.

    .venv/bin/python -m tests.fuzz.run --seeds 2000 --start 0 -j 2
    .venv/bin/python -m tests.fuzz.run --seeds 500 --known            # also what CI leaves out (KNOWN.md)
    .venv/bin/python -m tests.fuzz.run --seeds 300 --family errors    # one kind of snippet only
    .venv/bin/python -m tests.fuzz.run --show 17                      # print the program of seed 17

Shrinking drops snippets, then lines inside them, while the engine and node still disagree.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from tests.fuzz.compare import Outcome, node_path, run_engine, run_node
from tests.fuzz.gen import CI_FAMILIES, FAMILIES, Program, generate


@dataclass(frozen=True)
class Disagreement:
    seed: int
    source: str  # the shrunk program
    engine: Outcome
    node: Outcome

    def report(self) -> str:
        return (f"--- seed {self.seed}\n{self.source}\n--- node:\n{self.node.describe()}\n"
                f"--- engine:\n{self.engine.describe()}\n")


def differs(source: str, node: str) -> tuple[Outcome, Outcome] | None:
    """(engine, node) outcomes when they disagree, else None."""
    mine = run_engine(source)
    theirs = run_node(source, node)
    return None if mine == theirs else (mine, theirs)


def _drop_each(items: list[str], still_fails: Callable[[list[str]], bool]) -> list[str]:
    """Drop items one at a time, last first (a use goes before what it uses), while the failure remains."""
    i = len(items) - 1
    while i >= 0:
        trial = items[:i] + items[i + 1:]
        if trial and still_fails(trial):
            items = trial
        i -= 1
    return items


def _still_differs(source: str, node: str) -> bool:
    """A smaller program still shows the disagreement (one node cannot parse does not count: dropping a line
    can cut a construct in two, and then only the syntax error messages differ)."""
    found = differs(source, node)
    return found is not None and not (found[1].error or "").startswith("SyntaxError")


def shrink(program: Program, node: str) -> str:
    """The smallest program (by dropping snippets, then lines) on which the engine and node still disagree."""
    snippets = _drop_each(list(program.snippets), lambda s: _still_differs(program.source(s), node))
    for k in range(len(snippets)):
        lines = snippets[k].split("\n")
        if len(lines) <= 3:
            continue
        inner = lines[1:-1] if lines[0] == "{" else lines

        def fails(trial: list[str], k: int = k, wrapped: bool = lines[0] == "{") -> bool:
            body = "\n".join(["{", *trial, "}"] if wrapped else trial)
            return _still_differs(program.source(snippets[:k] + [body] + snippets[k + 1:]), node)

        inner = _drop_each(inner, fails)
        snippets[k] = "\n".join(["{", *inner, "}"] if lines[0] == "{" else inner)
    return program.source(snippets)


def check(seed: int, node: str, families: tuple[str, ...], ci: bool = True) -> Disagreement | None:
    program = generate(seed, families, ci=ci)
    found = differs(program.source(), node)
    if found is None:
        return None
    small = shrink(program, node)
    again = differs(small, node) or found
    return Disagreement(seed, small, again[0], again[1])


def fuzz(seeds: range, node: str, families: tuple[str, ...] = CI_FAMILIES, jobs: int = 2,
         ci: bool = True) -> list[Disagreement]:
    with ThreadPoolExecutor(max_workers=jobs) as pool:  # node runs in subprocesses; the engine holds the GIL
        return [d for d in pool.map(lambda s: check(s, node, families, ci), seeds) if d is not None]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m tests.fuzz.run", description=__doc__.split("\n\n")[0])
    p.add_argument("--seeds", type=int, default=200)
    p.add_argument("--start", type=int, default=0)
    p.add_argument("-j", "--jobs", type=int, default=2)
    p.add_argument("--known", action="store_true", help="also generate what CI leaves out (KNOWN.md)")
    p.add_argument("--family", action="append", default=[], choices=sorted(FAMILIES), help="only these")
    p.add_argument("--show", type=int, default=None, help="print the program of this seed and stop")
    args = p.parse_args(argv)
    families = tuple(args.family) or CI_FAMILIES
    if args.show is not None:
        print(generate(args.show, families, ci=not args.known).source())
        return 0
    node = node_path()
    if node is None:
        print("node is not installed", file=sys.stderr)
        return 2
    found = fuzz(range(args.start, args.start + args.seeds), node, families, args.jobs, ci=not args.known)
    for d in found:
        print(d.report())
    print(f"{len(found)} disagreement(s) in {args.seeds} programs (seeds {args.start}..{args.start + args.seeds - 1})")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
