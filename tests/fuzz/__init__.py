"""Differential fuzzing: generated programs run in the engine and in node (gen.py, compare.py, run.py)."""
