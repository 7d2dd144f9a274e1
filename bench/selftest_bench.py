"""Time the authoring self-test of one exercise over a pool of N variants (default 50, variants.POOL_SIZE).

    DATABASE_URL=sqlite:////tmp/perf.sqlite3 .venv/bin/python -m bench.selftest_bench [--slug SLUG] [--size 50]

Needs a database with the demo course loaded (`manage.py migrate`, `manage.py load_demo`; use a throwaway one).
Without --slug it takes the demo course's exercise with the most variants. It runs `selftest.run_selftest` (render
the pool, trace every variant in one child process, check every question) and prints the variants traced, the
wall-clock time and the processor time (user + system, this process and the child). Nothing is stored.
This is a measurement, not a test.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time one exercise's self-test over N variants.")
    parser.add_argument("--slug", default=None, help="the exercise's slug (default: the one with most variants)")
    parser.add_argument("--size", type=int, default=None, help="variants in the pool (default variants.POOL_SIZE)")
    parser.add_argument("--course", default="js-memory")
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "memcourse.settings")
    import django

    django.setup()
    from exercises import selftest, variants
    from exercises.models import Exercise

    size = args.size or variants.POOL_SIZE
    exercises = Exercise.objects.filter(module__course__slug=args.course)
    if args.slug:
        exercise = exercises.get(slug=args.slug)
    else:
        with_params = [e for e in exercises if e.parameters and not variants.spec_errors(e.parameters)]
        exercise = max(with_params, key=lambda e: variants.count(variants.validate_spec(e.parameters)))
    questions = [selftest.QuestionInput(order=q.order, kind=q.kind, checkpoint=q.checkpoint, config=q.config or {},
                                        prompt=q.prompt) for q in exercise.questions.order_by("order", "id")]
    combos = variants.count(variants.validate_spec(exercise.parameters)) if exercise.parameters else 1
    wall0, cpu0 = time.perf_counter(), cpu()
    report = selftest.run_selftest(template=exercise.program, parameters=exercise.parameters, questions=questions,
                                   size=size)
    wall, spent = time.perf_counter() - wall0, cpu() - cpu0
    print(f"self-test of {exercise.module.slug}/{exercise.slug} ({combos:,} combinations, pool of {size}): "
          f"{len(report.results)} variants traced, {'ok' if report.ok else 'FAILED'}; "
          f"{wall:.2f} s wall-clock, {spent:.2f} s processor (this process + the engine child); "
          f"{spent / max(len(report.results), 1) * 1000:.0f} ms processor per variant")
    return 0


if __name__ == "__main__":
    sys.exit(main())
