"""Courses as files (docs/course-files.md): read a course folder into plain dataclasses, validating all of it, and
write a course back to a folder. Pure: no database (exercises/course_import.py saves and loads courses).

Reading collects every problem of the whole folder before it gives up, each with its path and, for a problem inside
a file, its line: tomllib's decode errors carry theirs; for a semantic problem the line of the key (or of the
`[[questions]]` header) is found in the file's text by `TomlLines`.

Writing is deterministic: keys in a fixed order, a question's empty checkpoint and config left out, multi-line text as `\"\"\"`
strings, config as an inline table. An export of an unchanged course is byte-identical, so exporting over a
checkout shows only real changes in `git diff`.
"""

from __future__ import annotations

import re
import tomllib
import zoneinfo
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomlkit

from exercises import variants
from exercises.answer_keys import CHECKPOINT_KINDS, config_problem

COURSE_FILE, MODULE_FILE, LESSON_FILE = "course.toml", "module.toml", "lesson.md"
NUMBERED = re.compile(r"(\d{2,})-([A-Za-z0-9_-]+)")
SLUG = re.compile(r"[A-Za-z0-9_-]+")
KINDS = ("stack", "locals", "reachable", "gc_freed", "refcount_leak", "pending", "output", "overflow",
         "multiple_choice")
TITLE_MAX, COURSE_SLUG_MAX, SLUG_MAX, CHECKPOINT_MAX = 200, 50, 100, 100
# Stable key order of JSON objects (PostgreSQL's jsonb does not keep the order they were written in).
CONFIG_ORDER = ("frame", "variables", "occurrence", "choices", "correct")
PARAMETER_ORDER = ("name", "kind", "min", "max", "choices")


# --- the data ---------------------------------------------------------------------------------------------------


@dataclass
class QuestionData:
    kind: str
    prompt: str
    checkpoint: str = ""
    points: int = 1
    config: dict[str, Any] = field(default_factory=dict)


@dataclass
class ExerciseData:
    order: int
    slug: str
    title: str
    program: str
    instructions: str = ""
    published: bool = False
    allow_new_variant: bool = False
    parameters: list[dict[str, Any]] = field(default_factory=list)
    questions: list[QuestionData] = field(default_factory=list)
    path: Path | None = field(default=None, compare=False)  # the .toml it was read from

    @property
    def name(self) -> str:
        return f"{self.order:02d}-{self.slug}"


@dataclass
class ModuleData:
    order: int
    slug: str
    title: str
    lesson: str = ""
    exercises: list[ExerciseData] = field(default_factory=list)
    path: Path | None = field(default=None, compare=False)

    @property
    def name(self) -> str:
        return f"{self.order:02d}-{self.slug}"


@dataclass
class CourseData:
    slug: str
    title: str
    description: str = ""
    modules: list[ModuleData] = field(default_factory=list)
    time_zone: str = "UTC"  # assignment dates are shown in it; course.toml names it only when it is not UTC


def _time_zone_problem(name: str) -> str:
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return f'time_zone "{name}" is not an IANA time zone (e.g. UTC, Europe/Paris, America/New_York)'
    return ""


def text_file(text: str) -> str:
    """Text as a file holds it: LF line ends and a final newline (empty stays empty)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text if not text or text.endswith("\n") else text + "\n"


def ordered(mapping: Mapping[str, Any], first: Iterable[str]) -> dict[str, Any]:
    """The mapping with the keys of `first` in that order, then the rest sorted."""
    keys = [k for k in first if k in mapping] + sorted(k for k in mapping if k not in first)
    return {k: mapping[k] for k in keys}


# --- problems ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    path: Path
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}, line {self.line}" if self.line else str(self.path)
        return f"{where}: {self.message}"


class CourseInvalid(Exception):
    """The folder is not a valid course; `problems` says every reason, each with its path and line."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(f"The course folder has {len(problems)} problem(s):\n" + "\n".join(map(str, problems)))


# --- finding lines in a TOML file -------------------------------------------------------------------------------

_HEADER = re.compile(r"\s*(\[\[?)\s*([A-Za-z0-9_.\"' -]+?)\s*\]")
_KEY = re.compile(r"\s*([\"']?)([A-Za-z0-9_-]+)\1\s*[.=]")


@dataclass
class _Table:
    line: int
    keys: dict[str, int] = field(default_factory=dict)


class TomlLines:
    """Where keys are in a TOML file's text: top-level keys, and the keys under each `[[name]]` header (with
    `[name.sub]` tables counted as keys of the last `[[name]]`). Lines inside multi-line strings are skipped."""

    def __init__(self, text: str) -> None:
        self.top = _Table(line=1)
        self.arrays: dict[str, list[_Table]] = {}
        table, delimiter = self.top, ""
        for number, line in enumerate(text.splitlines(), start=1):
            if not delimiter:
                table = self._statement(number, line, table)
            delimiter = _string_state(line, delimiter)

    def _statement(self, number: int, line: str, table: _Table) -> _Table:
        header = _HEADER.match(line)
        if header:
            parts = [p.strip().strip("\"'") for p in header.group(2).split(".")]
            if header.group(1) == "[[" and len(parts) == 1:
                table = _Table(line=number)
                self.arrays.setdefault(parts[0], []).append(table)
                return table
            items = self.arrays.get(parts[0])
            owner = items[-1] if items and len(parts) > 1 else self.top
            owner.keys.setdefault(parts[1] if owner is not self.top else parts[0], number)
            return _Table(line=number) if owner is self.top else owner
        key = _KEY.match(line)
        if key:
            table.keys.setdefault(key.group(2), number)
        return table

    def line(self, *path: str | int) -> int:
        """The line of the key at `path` ("title"; "questions", 2, "config"), or of its nearest ancestor."""
        if len(path) >= 2 and isinstance(path[0], str) and isinstance(path[1], int):
            items = self.arrays.get(path[0], [])
            if path[1] < len(items):
                item = items[path[1]]
                return item.keys.get(str(path[2]), item.line) if len(path) > 2 else item.line
        return self.top.keys.get(str(path[0]), 1) if path else 1


def _string_state(line: str, delimiter: str) -> str:
    """The multi-line string delimiter still open after this line ("" when none)."""
    pos = 0
    while True:
        if delimiter:
            end = line.find(delimiter, pos)
            if end < 0:
                return delimiter
            pos, delimiter = end + 3, ""
            continue
        found = [(i, d) for d in ('"""', "'''") if (i := line.find(d, pos)) >= 0]
        comment = line.find("#", pos)
        if not found or (0 <= comment < min(found)[0]):
            return ""
        pos, delimiter = min(found)[0] + 3, min(found)[1]


# --- reading ----------------------------------------------------------------------------------------------------


class _TomlFile:
    """One parsed TOML file, and a way to report a problem at one of its keys."""

    def __init__(self, path: Path, problems: list[Problem]) -> None:
        self.path, self.problems, self.data = path, problems, None
        text = _read_text(path, problems)
        if text is None:
            return
        self.lines = TomlLines(text)
        try:
            self.data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            problems.append(_decode_problem(path, text, exc))

    def problem(self, message: str, *key: str | int) -> None:
        self.problems.append(Problem(self.path, self.lines.line(*key), message))

    def unknown_keys(self, table: Mapping[str, Any], allowed: Iterable[str], *where: str | int) -> None:
        for key in table:
            if key not in allowed:
                known = ", ".join(allowed)
                self.problem(f'unknown key "{key}" (known keys: {known})', *where, key)

    def text(self, table: Mapping[str, Any], key: str, *where: str | int, required: bool = True,
             max_length: int | None = None) -> str:
        value = table.get(key, "")
        if not isinstance(value, str):
            self.problem(f"{key} must be a string", *where, key)
            return ""
        if required and not value.strip():
            self.problem(f"{key} is required" if key not in table else f"{key} must not be empty", *where, key)
        if max_length and len(value) > max_length:
            self.problem(f"{key} is {len(value)} characters long; at most {max_length}", *where, key)
        return value

    def flag(self, table: Mapping[str, Any], key: str) -> bool:
        value = table.get(key, False)
        if not isinstance(value, bool):
            self.problem(f"{key} must be true or false", key)
            return False
        return value


def _read_text(path: Path, problems: list[Problem]) -> str | None:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        problems.append(Problem(path, None, f"cannot be read: {exc.strerror or exc}"))
        return None
    try:
        return raw.decode("utf-8").replace("\r\n", "\n")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.append(Problem(path, line, "is not UTF-8 text"))
        return None


def _decode_problem(path: Path, text: str, exc: tomllib.TOMLDecodeError) -> Problem:
    message = str(exc)
    at = re.search(r"\s*\(at line (\d+), column (\d+)\)$", message)
    if at:
        return Problem(path, int(at.group(1)), f"invalid TOML: {message[: at.start()]} (column {at.group(2)})")
    end = re.search(r"\s*\(at end of document\)$", message)
    line = max(1, len(text.splitlines()))
    return Problem(path, line, f"invalid TOML: {message[: end.start()] if end else message} (at the end of the file)")


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _tables(toml: _TomlFile, key: str) -> list[dict[str, Any]]:
    assert toml.data is not None
    value = toml.data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        toml.problem(f"{key} must be written as [[{key}]] tables", key)
        return []
    return value


class _Reader:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.problems: list[Problem] = []

    def course(self) -> CourseData | None:
        if not self.root.is_dir():
            self.problems.append(Problem(self.root, None, "is not a folder"))
            return None
        toml = _TomlFile(self.root / COURSE_FILE, self.problems)
        modules = [self.module(path, order, slug) for path, order, slug in self._numbered_dirs()]
        if toml.data is None:
            return None
        data = toml.data
        toml.unknown_keys(data, ("slug", "title", "description", "time_zone"))
        slug = toml.text(data, "slug", max_length=COURSE_SLUG_MAX)
        if slug and not SLUG.fullmatch(slug):
            toml.problem(f'slug "{slug}" may only hold letters, digits, - and _', "slug")
        title = toml.text(data, "title", max_length=TITLE_MAX)
        description = toml.text(data, "description", required=False)
        time_zone = toml.text(data, "time_zone", required=False) or "UTC"
        if _time_zone_problem(time_zone):
            toml.problem(_time_zone_problem(time_zone), "time_zone")
        return CourseData(slug=slug, title=title, description=description, modules=[m for m in modules if m],
                          time_zone=time_zone)

    def _numbered_dirs(self) -> list[tuple[Path, int, str]]:
        found = []
        for path in sorted(self.root.iterdir()):
            if path.name.startswith(".") or not path.is_dir():
                continue
            match = NUMBERED.fullmatch(path.name)
            if not match:
                self.problems.append(Problem(path, None, "a module folder is named NN-slug, e.g. 01-call-stack"))
                continue
            found.append((path, int(match.group(1)), match.group(2)))
        self._unique(found, "module folder")
        return found

    def _unique(self, found: list[tuple[Path, int, str]], what: str) -> None:
        orders: dict[int, Path] = {}
        slugs: dict[str, Path] = {}
        for path, order, slug in found:
            if order in orders:
                self.problems.append(Problem(path, None, f"this {what} has the same number as {orders[order].name}"))
            if slug in slugs:
                self.problems.append(Problem(path, None, f"this {what} has the same slug as {slugs[slug].name}"))
            if len(slug) > SLUG_MAX:
                self.problems.append(Problem(path, None, f"the slug is {len(slug)} characters long; at most {SLUG_MAX}"))
            orders.setdefault(order, path)
            slugs.setdefault(slug, path)

    def module(self, folder: Path, order: int, slug: str) -> ModuleData | None:
        toml = _TomlFile(folder / MODULE_FILE, self.problems)
        lesson_path = folder / LESSON_FILE
        lesson = (_read_text(lesson_path, self.problems) or "") if lesson_path.exists() else ""
        exercises = [self.exercise(path, n, s) for path, n, s in self._exercise_files(folder)]
        if toml.data is None:
            return None
        toml.unknown_keys(toml.data, ("title",))
        title = toml.text(toml.data, "title", max_length=TITLE_MAX)
        return ModuleData(order=order, slug=slug, title=title, lesson=lesson, path=folder,
                          exercises=[e for e in exercises if e])

    def _exercise_files(self, folder: Path) -> list[tuple[Path, int, str]]:
        found, programs = [], set()
        for path in sorted(folder.iterdir()):
            if path.name.startswith(".") or path.name in (MODULE_FILE, LESSON_FILE):
                continue
            match = NUMBERED.fullmatch(path.stem)
            if not path.is_file() or not match or path.suffix not in (".toml", ".js"):
                self.problems.append(Problem(path, None, "a module folder holds module.toml, lesson.md, and "
                                             "exercises as NN-slug.toml with its program in NN-slug.js"))
            elif path.suffix == ".js":
                programs.add(path.stem)
                if not path.with_suffix(".toml").is_file():
                    self.problems.append(Problem(path, None, f"a program without its exercise: {path.stem}.toml is missing"))
            else:
                found.append((path, int(match.group(1)), match.group(2)))
        for path, _, _ in found:
            if path.stem not in programs:
                self.problems.append(Problem(path, None, f"the exercise's program is missing: {path.stem}.js"))
        self._unique(found, "exercise")
        return found

    def exercise(self, path: Path, order: int, slug: str) -> ExerciseData | None:
        toml = _TomlFile(path, self.problems)
        program_path = path.with_suffix(".js")
        program = _read_text(program_path, self.problems) if program_path.is_file() else ""
        if toml.data is None:
            return None
        return _exercise(toml, order, slug, program or "")


EXERCISE_KEYS = ("title", "instructions", "published", "allow_new_variant", "parameters", "questions")
QUESTION_KEYS = ("kind", "checkpoint", "prompt", "points", "config")


def _exercise(toml: _TomlFile, order: int, slug: str, program: str) -> ExerciseData:
    data = toml.data or {}
    toml.unknown_keys(data, EXERCISE_KEYS)
    exercise = ExerciseData(
        order=order,
        slug=slug,
        title=toml.text(data, "title", max_length=TITLE_MAX),
        instructions=toml.text(data, "instructions", required=False),
        program=program,
        published=toml.flag(data, "published"),
        allow_new_variant=toml.flag(data, "allow_new_variant"),
        parameters=_parameters(toml),
        questions=[_question(toml, i, q) for i, q in enumerate(_tables(toml, "questions"))],
        path=toml.path,
    )
    if exercise.published and not exercise.questions:
        toml.problem("a published exercise needs at least one [[questions]]", "published")
    if exercise.published and exercise.parameters and not variants.spec_errors(exercise.parameters):
        _template_problems(toml, exercise)
    return exercise


def _question(toml: _TomlFile, index: int, table: dict[str, Any]) -> QuestionData:
    where = ("questions", index)
    toml.unknown_keys(table, QUESTION_KEYS, *where)
    kind = table.get("kind")
    if kind not in KINDS:
        message = "kind is required" if kind is None else f"unknown kind {_show(kind)}"
        toml.problem(f"{message}; the kinds are {', '.join(KINDS)}", *where, "kind")
    prompt = toml.text(table, "prompt", *where)
    checkpoint = toml.text(table, "checkpoint", *where, required=kind in CHECKPOINT_KINDS, max_length=CHECKPOINT_MAX)
    points = table.get("points", 1)
    if not _whole(points) or points < 0:
        toml.problem("points must be a whole number from 0", *where, "points")
        points = 1
    config = table.get("config", {})
    if not isinstance(config, dict):
        toml.problem("config must be a table, e.g. config = {frame = 0, variables = [\"n\"]}", *where, "config")
        config = {}
    elif kind in KINDS and (problem := config_problem(str(kind), config)):
        toml.problem(problem, *where, "config")
    return QuestionData(kind=str(kind or ""), prompt=prompt, checkpoint=checkpoint, points=points, config=config)


PARAMETER_KEY = re.compile(r"\b(min|max|choices|kind)\b")


def _parameters(toml: _TomlFile) -> list[dict[str, Any]]:
    """The [[parameters]], each checked by the validator the admin uses (exercises/variants.py)."""
    parameters = _tables(toml, "parameters")
    names: set[str] = set()
    for index, parameter in enumerate(parameters):
        name = parameter.get("name")
        if isinstance(name, str) and name in names:
            toml.problem(f'two parameters are named "{name}"', "parameters", index, "name")
        names.add(str(name))
        for problem in variants.spec_errors([parameter]):
            key = PARAMETER_KEY.search(problem.split(":", 1)[-1])
            toml.problem(problem, "parameters", index, key.group(1) if key else "name")
    return parameters


def _template_problems(toml: _TomlFile, exercise: ExerciseData) -> None:
    """A published template must parse and use only its parameters, in its program and in its prompts."""
    names = [str(p.get("name")) for p in exercise.parameters]
    program_path = toml.path.with_suffix(".js")
    try:
        variants.compile_template(exercise.program, names)
    except variants.TemplateProblem as exc:
        line = re.search(r"at line (\d+)", str(exc))
        toml.problems.append(Problem(program_path, int(line.group(1)) if line else None, str(exc)))
    for index, question in enumerate(exercise.questions):
        try:
            variants.compile_template(question.prompt, names)
        except variants.TemplateProblem as exc:
            toml.problem(f"the prompt: {exc}", "questions", index, "prompt")


def _show(value: Any) -> str:
    return f'"{value}"' if isinstance(value, str) else repr(value)


def course_read(root: Path) -> CourseData:
    """Read and validate the whole course folder; CourseInvalid lists every problem found."""
    reader = _Reader(root)
    course = reader.course()
    if reader.problems or course is None:
        raise CourseInvalid(reader.problems)
    return course


# --- writing ----------------------------------------------------------------------------------------------------


def _string(value: str) -> Any:
    """A string; with line breaks, a \"\"\" string."""
    value = value.replace("\r\n", "\n")
    return tomlkit.string(value, multiline=True) if "\n" in value else value


def _inline(mapping: Mapping[str, Any]) -> Any:
    table = tomlkit.inline_table()
    table.update(mapping)
    return table


def _course_toml(course: CourseData) -> str:
    doc = tomlkit.document()
    doc["slug"], doc["title"], doc["description"] = course.slug, _string(course.title), _string(course.description)
    if course.time_zone != "UTC":
        doc["time_zone"] = course.time_zone
    return tomlkit.dumps(doc)


def _module_toml(module: ModuleData) -> str:
    doc = tomlkit.document()
    doc["title"] = _string(module.title)
    return tomlkit.dumps(doc)


def _question_table(question: QuestionData) -> Any:
    table = tomlkit.table()
    table["kind"] = question.kind
    if question.checkpoint:
        table["checkpoint"] = question.checkpoint
    table["prompt"] = _string(question.prompt)
    table["points"] = question.points
    if question.config:
        table["config"] = _inline(ordered(question.config, CONFIG_ORDER))
    return table


def _exercise_toml(exercise: ExerciseData) -> str:
    doc = tomlkit.document()
    doc["title"], doc["instructions"] = _string(exercise.title), _string(exercise.instructions)
    doc["published"], doc["allow_new_variant"] = exercise.published, exercise.allow_new_variant
    if exercise.parameters:
        parameters = tomlkit.aot()
        for parameter in exercise.parameters:
            parameters.append(tomlkit.item(ordered(parameter, PARAMETER_ORDER)))
        doc["parameters"] = parameters
    if exercise.questions:
        questions = tomlkit.aot()
        for question in exercise.questions:
            questions.append(_question_table(question))
        doc["questions"] = questions
    return tomlkit.dumps(doc)


def course_render(course: CourseData) -> dict[str, str]:
    """Every file of the course folder: its path relative to the folder (with /) and its text."""
    files = {COURSE_FILE: _course_toml(course)}
    for module in course.modules:
        files[f"{module.name}/{MODULE_FILE}"] = _module_toml(module)
        if module.lesson.strip():
            files[f"{module.name}/{LESSON_FILE}"] = text_file(module.lesson)
        for exercise in module.exercises:
            files[f"{module.name}/{exercise.name}.toml"] = _exercise_toml(exercise)
            files[f"{module.name}/{exercise.name}.js"] = text_file(exercise.program)
    return files


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


def course_write(course: CourseData, root: Path) -> WriteReport:
    """Write the course into `root` (created if need be). Course files of `root` that the course no longer has
    (a deleted exercise, a renamed module) are removed; anything else there (a README, .git) is left alone."""
    files, report = course_render(course), WriteReport()
    for relative, text in files.items():
        path = root / relative
        data = text.encode("utf-8")
        if path.is_file() and path.read_bytes() == data:
            report.unchanged.append(relative)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        report.written.append(relative)
    for path in _course_files(root):
        relative = path.relative_to(root).as_posix()
        if relative not in files:
            path.unlink()
            report.removed.append(relative)
    for folder in root.iterdir():
        if folder.is_dir() and NUMBERED.fullmatch(folder.name) and not any(folder.iterdir()):
            folder.rmdir()
    return report


def _course_files(root: Path) -> list[Path]:
    """The files of `root` that belong to the course layout."""
    found = [root / COURSE_FILE] if (root / COURSE_FILE).is_file() else []
    for folder in sorted(root.iterdir()):
        if not folder.is_dir() or not NUMBERED.fullmatch(folder.name):
            continue
        for path in sorted(folder.iterdir()):
            exercise = path.suffix in (".toml", ".js") and NUMBERED.fullmatch(path.stem)
            if path.is_file() and (path.name in (MODULE_FILE, LESSON_FILE) or exercise):
                found.append(path)
    return found


def course_differences(course: CourseData, root: Path) -> list[str]:
    """The course files of `root` that are not as course_write would write them (missing, different or extra)."""
    files = course_render(course)
    differing = [rel for rel, text in files.items()
                 if not (root / rel).is_file() or (root / rel).read_bytes() != text.encode("utf-8")]
    extra = [p.relative_to(root).as_posix() for p in _course_files(root) if p.relative_to(root).as_posix() not in files]
    return sorted(differing + extra)
