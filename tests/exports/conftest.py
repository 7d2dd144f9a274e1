"""The export tests use the assignment tests' fixtures (tests/assignments/assignment_fixtures.py)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "assignments"))
from assignment_fixtures import *  # noqa: E402, F403
