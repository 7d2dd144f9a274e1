"""memcourse memory engine: trace a teaching subset of JavaScript and report memory.

Public API (the only names the web app may use):

    trace(source, *, limits=None, steps=False, snapshots=False) -> Trace
        Run `source` as a classic script. Returns a Trace whose `to_json()` is the
        object of ../shared/contracts/engine-trace.md (with `steps`: the step timeline of
        ../docs/timeline.md). Raises ProgramError (JSSyntaxError, UnsupportedSyntax) when the
        program cannot run at all.
    step_snapshots(source, *, limits=None) -> list[dict]
        The engine's own full state at every timeline entry (for checking replays).
    Limits(steps=1_000_000, depth=10_000, heap=1_000_000, time=5.0)
    allocation_sites(source) -> list[Site]   every allocation site, in source order
    function_names(source) -> list[str]      the names frames of this program can show

The pipeline is parse (tree-sitter) -> compile (syntax tree to instructions) ->
run (one loop over an explicit frame stack) -> trace (snapshots at checkpoints).
"""

from engine.api import (
    JSSyntaxError,
    Limits,
    ProgramError,
    Site,
    Trace,
    UnsupportedSyntax,
    allocation_sites,
    function_names,
    step_snapshots,
    trace,
)

__all__ = [
    "JSSyntaxError",
    "Limits",
    "ProgramError",
    "Site",
    "Trace",
    "UnsupportedSyntax",
    "allocation_sites",
    "function_names",
    "step_snapshots",
    "trace",
]
