"""The assignment tests' fixtures live in assignment_fixtures.py, shared with tests/exports/."""

from assignment_fixtures import *  # noqa: F403
