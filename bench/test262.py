"""``python -m bench.test262``: run the test262 slice through the engine and print a table by directory.

    .venv/bin/python -m bench.test262                      # every claimed test, on 2 processes
    .venv/bin/python -m bench.test262 --sample 500 --seed 1
    .venv/bin/python -m bench.test262 --filter language/statements/class --failures /tmp/fail.txt
    .venv/bin/python -m bench.test262 --node-baseline     # run them in node: writes tests/test262/node_fails.txt

The suite is extracted from ../shared/test262/ into .test262/ (git-ignored) on first use; docs/test262.md says
what is claimed and skipped, and why. The logic lives in tests/test262/runner.py.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

from tests.test262 import runner


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m bench.test262", description=__doc__.split("\n\n")[0])
    p.add_argument("--sample", type=int, default=None, help="run only N tests, chosen by --seed")
    p.add_argument("--seed", type=int, default=0, help="seed of the sample (default %(default)s)")
    p.add_argument("--filter", action="append", default=[], metavar="DIR",
                   help="only tests under DIR (e.g. language/expressions/class); repeatable")
    p.add_argument("-j", "--jobs", type=int, default=2, help="worker processes (default %(default)s)")
    p.add_argument("--depth", type=int, default=2, help="directory levels of the table (default %(default)s)")
    p.add_argument("--failures", type=Path, default=None, help="write every failure and its reason to FILE")
    p.add_argument("--causes", type=int, default=40, help="how many grouped failure causes to print")
    p.add_argument("--dir", type=Path, default=runner.REPO_ROOT / ".test262",
                   help="where the suite is extracted (default .test262/)")
    p.add_argument("--node-baseline", action="store_true",
                   help="run the claimed tests in node instead and write the ones it fails to tests/test262/node_fails.txt")
    p.add_argument("--timeout", type=float, default=runner.HARD_TIMEOUT_S,
                   help="seconds before a test's worker is killed (default %(default)s)")
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    tarball = runner.find_tarball()
    if tarball is None:
        print("test262 tarball not found (../shared/test262/; or set MEMCOURSE_TEST262)", file=sys.stderr)
        return 2
    root = runner.extract(tarball, args.dir)
    paths = runner.all_tests(root, args.filter)
    # Sample among the claimed tests, so that N tests are N runs; the skipped ones are still counted below.
    from tests.test262.claims import skip_reason
    from tests.test262.meta import parse_meta

    skipped: list[runner.Result] = []
    claimed: list[str] = []
    for p in paths:
        text = (root / p).read_text(encoding="utf-8", errors="surrogateescape")
        reason = skip_reason(p, parse_meta(text), text, with_node=not args.node_baseline)
        if reason is None:
            claimed.append(p)
        else:
            skipped.append(runner.Result(p, "skip", reason))
    chosen = runner.sample(claimed, args.sample, args.seed)
    if args.node_baseline:
        return _node_baseline(args, root, chosen)
    if args.sample is not None:
        skipped = []  # a sample reports on what it ran
    started = time.monotonic()
    results: list[runner.Result] = list(skipped)
    done = 0
    for res in runner.run_many(root, chosen, jobs=args.jobs, hard_timeout=args.timeout):
        results.append(res)
        done += 1
        if done % 200 == 0 and sys.stderr.isatty():
            print(f"\r{done}/{len(chosen)}", end="", file=sys.stderr, flush=True)
        elif done % 2000 == 0:
            print(f"{done}/{len(chosen)} in {time.monotonic() - started:.0f} s", file=sys.stderr, flush=True)
    elapsed = time.monotonic() - started
    if sys.stderr.isatty():
        print("\r", end="", file=sys.stderr)
    _report(args, results, len(chosen), elapsed)
    return 0


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _node_baseline(args: argparse.Namespace, root: Path, paths: list[str]) -> int:
    import shutil

    from tests.test262.claims import NODE_FAILS

    node = shutil.which("node")
    if node is None:
        print("node is not installed", file=sys.stderr)
        return 2
    results = runner.node_results(root, paths, node, args.jobs)
    fails = sorted((r for r in results if r.status != "pass"), key=lambda r: r.path)
    version = subprocess.run([node, "--version"], capture_output=True, text=True, check=False).stdout.strip()
    if args.sample is None and not args.filter:
        with NODE_FAILS.open("w", encoding="utf-8") as f:
            f.write(f"# The claimed test262 tests node {version} fails (python -m bench.test262 --node-baseline):\n"
                    "# V8 departs from the specification there, and the engine follows V8, so the runner skips them.\n")
            for r in fails:
                f.write(f"{r.path}\t{_one_line(r.reason)[:200]}\n")
        print(f"wrote {NODE_FAILS}")
    print(f"node {version}: {len(results) - len(fails)} of {len(results)} passed; {len(fails)} failed")
    for why, n in runner.counts(runner.cause(r.reason) for r in fails)[: args.causes]:
        print(f"  {n:>5}  {why}")
    return 0


def _report(args: argparse.Namespace, results: list[runner.Result], ran: int, elapsed: float) -> None:
    print(runner.table(results, args.depth))
    print(f"\npass rate of claimed tests: {100 * runner.pass_rate(results):.2f}%  "
          f"({ran} run in {elapsed:.0f} s on {args.jobs} processes)")
    bugs = [r for r in results if r.status == "engine-error"]
    if bugs:
        print(f"\nengine errors (bugs): {len(bugs)}")
        for why, n in runner.counts(runner.cause(r.reason) for r in bugs):
            print(f"  {n:>5}  {why}")
    timeouts = [r for r in results if r.status == "timeout"]
    if timeouts:
        print(f"\ntimeouts: {len(timeouts)}")
        for r in timeouts:
            print(f"  {r.path}")
    skips = [r for r in results if r.status == "skip"]
    if skips:
        print(f"\nskipped: {len(skips)}")
        for why, n in runner.counts(r.reason for r in skips):
            print(f"  {n:>5}  {why}")
    fails = [r for r in results if r.status == "fail"]
    if fails:
        print(f"\ntop failure causes (of {len(fails)}):")
        for why, n in runner.counts(runner.cause(r.reason) for r in fails)[: args.causes]:
            print(f"  {n:>5}  {why}")
    if args.failures is not None:
        with args.failures.open("w", encoding="utf-8") as f:
            for r in sorted(results, key=lambda r: r.path):
                if r.status not in ("pass", "skip"):
                    f.write(f"{r.path}\t{r.status}\t{_one_line(r.reason)}\n")
        print(f"\nfailures written to {args.failures}")


if __name__ == "__main__":
    sys.exit(main())
