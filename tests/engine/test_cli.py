"""`python -m engine trace FILE|-`: output shape, flags, exit status (0 ran, 1 cannot run, 2 bad usage), and never
a Python traceback on standard error (contract: exit status)."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
GUARD_S = 60

PROGRAM = """\
function make() {
  const o = {n: 1};
  checkpoint("inside");
  return o;
}
const kept = make();
console.log("hi", kept.n);
"""

CHECKPOINT_KEYS = {"name", "line", "stack", "locals", "reachable", "heap", "garbage", "refcount_leaked", "freed",
                   "frames"}


@dataclass(frozen=True)
class Cli:
    status: int
    stdout: str
    stderr: str

    def json(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads(self.stdout)
        return data


def cli(*args: str, stdin: str | None = None) -> Cli:
    done = subprocess.run([sys.executable, "-m", "engine", *args], input=stdin, capture_output=True, text=True,
                          cwd=REPO, timeout=GUARD_S, check=False)
    assert "Traceback" not in done.stderr, done.stderr
    assert "Traceback" not in done.stdout
    return Cli(done.returncode, done.stdout, done.stderr)


@pytest.fixture
def program_file(tmp_path: Path) -> Path:
    path = tmp_path / "program.js"
    path.write_text(PROGRAM, encoding="utf-8")
    return path


# ---- exit 0: the program ran ------------------------------------------------------------------------------------

def test_trace_of_a_file_prints_the_contract_shape(program_file: Path) -> None:
    run = cli("trace", str(program_file))
    assert run.status == 0
    assert run.stderr == ""
    data = run.json()
    assert set(data) == {"output", "error", "checkpoints"}
    assert data["output"] == ["hi 1"]
    assert data["error"] is None
    [cp] = data["checkpoints"]
    assert CHECKPOINT_KEYS <= set(cp)
    assert cp["stack"] == [{"function": "make", "line": 3}, {"function": "<global>", "line": 6}]
    assert cp["locals"][0] == {"o": {"site": "2:13#1"}}
    assert cp["reachable"] == ["1:1#1", "2:13#1"]


def test_stdin_dash_gives_the_same_trace_as_the_file(program_file: Path) -> None:
    assert cli("trace", "-", stdin=PROGRAM).json() == cli("trace", str(program_file)).json()


def test_steps_flag_adds_a_timeline(program_file: Path) -> None:
    data = cli("trace", str(program_file), "--steps").json()
    steps = data["steps"]
    assert isinstance(steps, list) and steps
    assert all("line" in step for step in steps)
    assert {step["line"] for step in steps} >= {2, 3, 6, 7}
    assert "steps" not in cli("trace", str(program_file)).json()
    assert data["steps_version"] == 2
    assert steps[-1]["event"] == "end"


def test_snapshots_flag_adds_the_engines_own_state_at_every_step(program_file: Path) -> None:
    data = cli("trace", str(program_file), "--snapshots").json()
    assert len(data["snapshots"]) == len(data["steps"])
    checkpoint = next(s for s in data["snapshots"] if s["event"] == "checkpoint")
    assert [f["function"] for f in checkpoint["stack"]] == ["<global>", "make"]
    assert checkpoint["stack"][1]["locals"] == {"o": {"site": "2:13#1"}}
    assert set(checkpoint) == {"line", "event", "stack", "heap", "garbage", "output", "loop"}
    assert data["snapshots"][-1]["output"] == ["hi 1"]


@pytest.mark.parametrize(("source", "flags", "error_name"), [
    ("let a = 1;\nnull.x;\n", [], "TypeError"),
    ("let i = 0;\nwhile (true) { i++; }\n", ["--max-steps", "100"], "LimitExceeded"),
], ids=["uncaught-error", "step-limit"])
def test_steps_timeline_is_kept_when_the_run_ends_early(source: str, flags: list[str], error_name: str) -> None:
    run = cli("trace", "-", "--steps", *flags, stdin=source)
    assert run.status == 0
    data = run.json()
    assert data["error"]["name"] == error_name
    assert data["steps"]
    assert data["steps"][-1]["line"] == 2
    assert data["steps"][-1]["event"] == "error" and data["steps"][-1]["error"] == data["error"]


def test_indent_flag_pretty_prints(program_file: Path) -> None:
    run = cli("trace", str(program_file), "--indent", "2")
    assert run.stdout.startswith("{\n  ")
    assert json.loads(run.stdout) == cli("trace", str(program_file)).json()


def test_a_program_that_throws_exits_0_with_the_error() -> None:
    run = cli("trace", "-", stdin='checkpoint("a");\nnull.x;\n')
    assert run.status == 0
    data = run.json()
    assert data["error"] == {"name": "TypeError", "message": "Cannot read properties of null (reading 'x')", "line": 2}
    assert [c["name"] for c in data["checkpoints"]] == ["a"]


@pytest.mark.parametrize(("flags", "source", "names"), [
    (["--max-steps", "500"], "for (;;) { Math.abs(1); }", "step limit"),
    (["--max-steps", "1000000000", "--timeout", "0.2"], "let i = 0;\nwhile (true) { i++; }", "time limit"),
    (["--max-heap", "50"], "const keep = [];\nfor (let i = 0; i < 500; i++) keep.push({});", "heap limit"),
], ids=["max-steps", "timeout", "max-heap"])
def test_limit_flags_end_the_run_with_limit_exceeded(flags: list[str], source: str, names: str) -> None:
    run = cli("trace", "-", *flags, stdin=source)
    assert run.status == 0
    error = run.json()["error"]
    assert error["name"] == "LimitExceeded"
    assert names in error["message"]


def test_max_depth_flag_sets_the_overflow_depth() -> None:
    source = "let d = 0;\nfunction r() { d++; r(); }\ntry { r(); } catch (e) { console.log(e.name, d); }\n"
    run = cli("trace", "-", "--max-depth", "20", stdin=source)
    assert run.status == 0
    assert run.json()["output"] == ["RangeError 19"]


# ---- exit 1: the program cannot run ----------------------------------------------------------------------------

def test_syntax_error_exits_1_with_location() -> None:
    run = cli("trace", "-", stdin="const ok = 1;\nlet x = ;\n")
    assert run.status == 1
    assert run.json() == {"error": {"name": "SyntaxError", "message": "Unexpected token ';'", "line": 2, "column": 9}}


def test_syntax_error_in_a_file_exits_1(tmp_path: Path) -> None:
    path = tmp_path / "broken.js"
    path.write_text("function f( {\n", encoding="utf-8")
    run = cli("trace", str(path))
    assert run.status == 1
    error = run.json()["error"]
    assert error["name"] == "SyntaxError"
    assert set(error) == {"name", "message", "line", "column"}
    assert error["line"] == 2  # V8 reports the end of input where the text ends


@pytest.mark.parametrize(("source", "what", "line", "column"), [
    ("var o = {};\nwith (o) {}", "with", 2, 1),
    ('import x from "y";', "import", 1, 1),
], ids=["with", "import"])
def test_unsupported_syntax_exits_1_naming_the_construct(source: str, what: str, line: int, column: int) -> None:
    run = cli("trace", "-", stdin=source)
    assert run.status == 1
    assert run.json() == {"error": {"name": "UnsupportedSyntax", "message": f"{what} is not supported in memcourse",
                                    "line": line, "column": column}}


@pytest.mark.parametrize("source", ["const y = [];\nfor await (const x of y) {}\n",
                                    "function f(xs) {\n  for await (const x of xs) {}\n}\n"])
def test_for_await_outside_an_async_function_is_node_s_syntax_error(source: str) -> None:
    run = cli("trace", "-", stdin=source)
    assert run.status == 1
    error = run.json()["error"]
    assert (error["name"], error["message"], error["line"]) == ("SyntaxError", "Unexpected reserved word", 2)


# ---- exit 2: bad command-line use ------------------------------------------------------------------------------

@pytest.mark.parametrize("args", [
    ["trace", "/definitely/not/here.js"],
    ["trace"],
    [],
    ["run", "x.js"],
    ["trace", "-", "--no-such-flag"],
    ["trace", "-", "--max-steps", "-1"],
    ["trace", "-", "--max-steps", "0"],
    ["trace", "-", "--max-depth", "-5"],
    ["trace", "-", "--max-heap", "-5"],
    ["trace", "-", "--timeout", "-1"],
    ["trace", "-", "--max-steps", "many"],
], ids=["missing-file", "no-file", "no-command", "unknown-command", "unknown-flag", "negative-steps", "zero-steps",
        "negative-depth", "negative-heap", "negative-timeout", "non-numeric-steps"])
def test_bad_usage_exits_2_with_a_message(args: list[str]) -> None:
    run = cli(*args, stdin="")
    assert run.status == 2
    assert run.stdout == ""
    assert run.stderr.strip()


def test_a_directory_is_bad_usage(tmp_path: Path) -> None:
    run = cli("trace", str(tmp_path))
    assert run.status == 2
    assert "cannot read" in run.stderr


def test_a_non_utf8_file_is_bad_usage(tmp_path: Path) -> None:
    path = tmp_path / "latin1.js"
    path.write_bytes(b'console.log("caf\xe9");\n')
    run = cli("trace", str(path))
    assert run.status == 2
    assert "UTF-8" in run.stderr


def test_help_exits_0() -> None:
    run = cli("trace", "--help")
    assert run.status == 0
    assert "--max-steps" in run.stdout
