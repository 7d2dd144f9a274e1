"""`python tests/reliability/faulty_worker.py -A memcourse worker ...`: the real Celery worker, with one fault put in
for a fault test. The grading itself raises, for the first FAULT_GRADE_RAISES gradings (counted across the pool's
processes in FAULT_DIR, one file per fault); afterwards it grades as usual. Nothing else is changed."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


class InjectedFault(RuntimeError):
    pass


def _claim_a_fault(directory: Path, allowed: int) -> bool:
    """True for the first `allowed` calls across processes: each claims a numbered file, atomically."""
    for n in range(allowed):
        try:
            os.close(os.open(directory / f"fault-{n}", os.O_CREAT | os.O_EXCL))
        except FileExistsError:
            continue
        return True
    return False


def _install() -> None:
    import django

    django.setup()
    from exercises import services

    real_grade = services.grade
    directory, allowed = Path(os.environ["FAULT_DIR"]), int(os.environ["FAULT_GRADE_RAISES"])

    def grade(*args: Any, **kwargs: Any) -> Any:
        if _claim_a_fault(directory, allowed):
            raise InjectedFault("a fault put in by the test")
        return real_grade(*args, **kwargs)

    services.grade = grade  # type: ignore[assignment]


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "memcourse.settings")
    _install()
    from celery.__main__ import main

    sys.argv = ["celery", *sys.argv[1:]]
    main()
