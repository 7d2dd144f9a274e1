"""A small course folder in the canonical form export writes, for the courses-as-files tests."""

from __future__ import annotations

from pathlib import Path

MINI_COURSE: dict[str, str] = {
    "course.toml": '''\
slug = "mini"
title = "A mini course"
description = """Two modules.
Written by hand, in the form export writes.
"""
''',
    "01-stack/module.toml": 'title = "The call stack"\n',
    "01-stack/lesson.md": "Frames are **pushed** and popped.\n",
    "01-stack/01-frames.toml": '''\
title = "Frames"
instructions = """Read the program.
Then predict the stack at checkpoint A.
"""
published = true
allow_new_variant = false

[[questions]]
kind = "stack"
checkpoint = "A"
prompt = "Which frames are on the stack at checkpoint A, innermost first?"
points = 2

[[questions]]
kind = "locals"
checkpoint = "A"
prompt = "What does `n` hold?"
points = 1
config = {frame = 0, variables = ["n"]}

[[questions]]
kind = "output"
prompt = "What does the program print?"
points = 1
''',
    "01-stack/01-frames.js": '''\
function square(n) {
  checkpoint("A");
  return n * n;
}
console.log(square(3));
''',
    "01-stack/02-why.toml": '''\
title = "Why a stack?"
instructions = ""
published = true
allow_new_variant = true

[[questions]]
kind = "multiple_choice"
prompt = "Which frame returns first?"
points = 1
config = {choices = ["The last one pushed", "The first one pushed"], correct = 0}
''',
    "01-stack/02-why.js": "function f() {}\nf();\n",
    "02-heap/module.toml": 'title = "The heap"\n',
    "02-heap/01-reach.toml": '''\
title = "Who can still reach it?"
instructions = "Two objects, one variable cleared."
published = true
allow_new_variant = false

[[questions]]
kind = "reachable"
checkpoint = "A"
prompt = "Which objects are reachable at checkpoint A?"
points = 1
''',
    "02-heap/01-reach.js": '''\
let a = { name: "a" };
let b = { friend: a };
a = null;
checkpoint("A");
''',
    "02-heap/02-template.toml": '''\
title = "A draft template"
instructions = ""
published = false
allow_new_variant = true

[[parameters]]
name = "depth"
kind = "int"
min = 3
max = 6

[[parameters]]
name = "victim"
kind = "choice"
choices = ["first", "second"]

[[questions]]
kind = "overflow"
prompt = "Does it overflow?"
points = 1
''',
    "02-heap/02-template.js": "function down(n) { return n === 0 ? 0 : down(n - 1); }\ndown({{ depth }});\n",
}


def write_folder(root: Path, files: dict[str, str]) -> Path:
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    return root


def read_folder(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): p.read_bytes().decode("utf-8") for p in sorted(root.rglob("*")) if p.is_file()}
