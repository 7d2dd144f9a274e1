"""`python -m tests.security.engine_child ARGS`: `python -m engine ARGS`, then the peak resident memory of this
process as a last line on standard error ("peak-rss-kb N", VmHWM). Linux hands a child that a big process (the test
runner) started the parent's peak along with its rusage, so os.wait4's ru_maxrss cannot tell the engine's own;
VmHWM counts only the memory of the program that runs here."""

from __future__ import annotations

import sys

from engine.__main__ import main


def peak_rss_kb() -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


if __name__ == "__main__":
    code = main(sys.argv[1:])
    sys.stdout.flush()
    print(f"peak-rss-kb {peak_rss_kb()}", file=sys.stderr)
    sys.exit(code)
