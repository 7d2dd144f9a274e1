"""Strings may hold half of a UTF-16 pair. What the program prints shows it as node's standard output does
(U+FFFD), the trace keeps the exact value as a JSON escape (UTF-8 has no encoding for it), and a string built
from both halves is one character again."""

from __future__ import annotations

import json
from pathlib import Path

from tests.engine.test_cli import cli
from tests.engine.test_syntax_against_node import engine_run, node_run

PROGRAM = r"""
const face = "\ud83d\ude00";
const half = face[0];
console.log(half, half.length, (half + face[1]) === face, [half].join("") + "!");
console.log(JSON.stringify(half), encodeURIComponent("x"), face.codePointAt(0));

"""


def test_printing_half_a_pair_shows_what_node_prints(tmp_path: Path) -> None:
    assert engine_run(PROGRAM) == node_run(PROGRAM, tmp_path)


def test_the_command_line_writes_half_a_pair_as_an_escape_and_keeps_its_value() -> None:
    done = cli("trace", "-", stdin=PROGRAM + 'checkpoint("A");\n')
    assert done.status == 0, done.stderr
    assert "\\ud83d" in done.stdout and "Traceback" not in done.stderr
    variables = json.loads(done.stdout)["checkpoints"][0]["locals"][0]
    assert variables["half"] == "\ud83d" and variables["face"] == "\U0001f600"


def test_a_syntax_error_quoting_half_a_pair_is_still_printed() -> None:
    done = cli("trace", "-", stdin='let s = "\\ud83d";\nlet s = 1;\n')
    assert done.status == 1 and json.loads(done.stdout)["error"]["name"] == "SyntaxError"
