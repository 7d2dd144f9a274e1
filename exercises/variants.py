"""Seeded variants of an exercise (pure functions; no database).

A parameter spec is the list of dicts stored in Exercise.parameters (see docs/course-files.md):
`{"name": "depth", "kind": "int", "min": 3, "max": 6}` or `{"name": "victim", "kind": "choice", "choices": [...]}`.
The variants are the combinations of the parameters' values. An exercise uses a *pool* of at most POOL_SIZE of
them: all when there are that few, else POOL_SIZE distinct ones drawn from a fixed seed. The authoring self-test
traces the whole pool, and students only ever get a variant of the pool, so every variant a student sees is proven.

Choosing is deterministic and stable across processes and Python versions: it uses SHA-256, never hash() or random.
Templates are rendered with Django's template engine, autoescape off; an undefined parameter is an error.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, TypeGuard

from django.template import Context, Engine, Template, TemplateSyntaxError
from django.template.base import FilterExpression, Node, NodeList, Variable

POOL_SIZE = 50
NAME_RE = re.compile(r"[a-z_][a-z0-9_]*")
KINDS = ("int", "choice")
MAX_INT_RANGE = 1_000_000

Params = dict[str, Any]


class SpecError(ValueError):
    """A parameter spec that is not valid; the message names the parameter and what is wrong."""


class TemplateProblem(ValueError):
    """A template that does not parse or render; the message gives its line."""


# --- the spec ---------------------------------------------------------------------------------------------------


def _is_whole(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _check_parameter(index: int, param: Any, seen: set[str]) -> list[str]:
    where = f"Parameter {index + 1}"
    if not isinstance(param, Mapping):
        return [f"{where} must be a table with name and kind, not {json.dumps(param)}."]
    name = param.get("name")
    if not isinstance(name, str) or not NAME_RE.fullmatch(name):
        return [f"{where}: the name {json.dumps(name)} must be lowercase letters, digits and _ (not starting with a digit)."]
    where = f'Parameter "{name}"'
    errors = []
    if name in seen:
        errors.append(f"{where} is defined twice.")
    seen.add(name)
    kind = param.get("kind")
    allowed = {"name", "kind", "min", "max"} if kind == "int" else {"name", "kind", "choices"}
    if kind == "int":
        low, high = param.get("min"), param.get("max")
        if not _is_whole(low) or not _is_whole(high):
            errors.append(f"{where}: min and max must be whole numbers.")
        elif low > high:
            errors.append(f"{where}: min ({low}) must not be greater than max ({high}).")
        elif high - low >= MAX_INT_RANGE:
            errors.append(f"{where}: the range from {low} to {high} is too wide (at most {MAX_INT_RANGE:,} values).")
    elif kind == "choice":
        choices = param.get("choices")
        if not isinstance(choices, list) or not choices:
            errors.append(f"{where}: choices must be a non-empty list.")
        elif not all(isinstance(c, str | int | float) and c == c for c in choices):
            errors.append(f"{where}: each choice must be a text, a number or true/false.")
        elif len({json.dumps(c) for c in choices}) != len(choices):
            errors.append(f"{where}: the choices repeat a value.")
    else:
        errors.append(f'{where}: kind must be "int" or "choice", not {json.dumps(kind)}.')
        return errors
    extra = sorted(set(param) - allowed)
    if extra:
        errors.append(f"{where}: unknown field(s) {', '.join(extra)} for kind {kind}.")
    return errors


def spec_errors(spec: Any) -> list[str]:
    """Every problem of a parameter spec, each naming its parameter; [] when valid."""
    if spec in (None, []):
        return []
    if not isinstance(spec, list):
        return ["Parameters must be a list of parameters."]
    seen: set[str] = set()
    return [error for index, param in enumerate(spec) for error in _check_parameter(index, param, seen)]


def validate_spec(spec: Any) -> list[dict[str, Any]]:
    errors = spec_errors(spec)
    if errors:
        raise SpecError(" ".join(errors))
    return list(spec or [])


# --- counting, enumerating and sampling -------------------------------------------------------------------------


def _size(param: Mapping[str, Any]) -> int:
    return int(param["max"] - param["min"] + 1) if param["kind"] == "int" else len(param["choices"])


def _value(param: Mapping[str, Any], i: int) -> Any:
    return param["min"] + i if param["kind"] == "int" else param["choices"][i]


def count(spec: Sequence[Mapping[str, Any]]) -> int:
    """How many variants a (valid) spec has; 1 without parameters."""
    total = 1
    for param in spec:
        total *= _size(param)
    return total


def variant_at(spec: Sequence[Mapping[str, Any]], index: int) -> Params:
    """The index-th combination, the last parameter varying fastest."""
    params: Params = {}
    for param in reversed(spec):
        index, i = divmod(index, _size(param))
        params[param["name"]] = _value(param, i)
    return {param["name"]: params[param["name"]] for param in spec}


def enumerate_variants(spec: Sequence[Mapping[str, Any]]) -> Iterator[Params]:
    for index in range(count(spec)):
        yield variant_at(spec, index)


def stable_int(*parts: object) -> int:
    """A 64-bit integer from SHA-256 of the parts: the same in every process, unlike hash()."""
    digest = hashlib.sha256(":".join(str(p) for p in parts).encode()).digest()
    return int.from_bytes(digest[:8], "big")


def sample_indices(total: int, n: int, seed: str = "memcourse-variants") -> list[int]:
    """All indices when total <= n, else n distinct ones drawn from the fixed seed, in draw order."""
    if total <= n:
        return list(range(total))
    chosen: list[int] = []
    seen: set[int] = set()
    k = 0
    while len(chosen) < n:
        index = stable_int(seed, k) % total
        k += 1
        if index not in seen:
            seen.add(index)
            chosen.append(index)
    return chosen


def pool(spec: Sequence[Mapping[str, Any]], size: int = POOL_SIZE) -> list[Params]:
    """The variants an exercise uses and the self-test proves: all of them, or `size` drawn from a fixed seed."""
    return [variant_at(spec, index) for index in sample_indices(count(spec), size)]


def default_params(spec: Sequence[Mapping[str, Any]]) -> Params:
    """The variant the admin shows: the first of the pool ({} without parameters)."""
    return variant_at(spec, sample_indices(count(spec), POOL_SIZE)[0]) if spec else {}


def variant_key(params: Mapping[str, Any]) -> str:
    """A canonical key of a variant's values ("" without parameters), for a unique constraint."""
    if not params:
        return ""
    return hashlib.sha256(json.dumps(params, sort_keys=True, separators=(",", ":")).encode()).hexdigest()


def describe_params(params: Mapping[str, Any]) -> str:
    """depth=4, victim="first", by name: PostgreSQL's jsonb does not keep the order in which keys were written."""
    return ", ".join(f"{name}={json.dumps(params[name])}" for name in sorted(params)) or "(no parameters)"


def student_order(pool_size: int, student_id: int, exercise_id: int) -> list[int]:
    """This student's own order of the pool's variants: a permutation seeded by (student, exercise)."""
    return sorted(range(pool_size), key=lambda i: stable_int("order", student_id, exercise_id, i))


def choose(spec: Sequence[Mapping[str, Any]], *, student_id: int, exercise_id: int, number: int = 0) -> Params:
    """The student's variant number `number` (0 first, 1 after asking for a fresh one...). Consecutive numbers
    give different variants whenever the pool has several, and a student sees every variant before a repeat."""
    variants = pool(spec)
    if len(variants) == 1:
        return variants[0]
    order = student_order(len(variants), student_id, exercise_id)
    return variants[order[number % len(order)]]


# --- rendering --------------------------------------------------------------------------------------------------


class JsBool:
    """A boolean choice: true/false in JavaScript text, and still truthy or falsy in {% if %}."""

    def __init__(self, value: bool) -> None:
        self.value = value

    def __bool__(self) -> bool:
        return self.value

    def __str__(self) -> str:
        return "true" if self.value else "false"

    def __eq__(self, other: object) -> bool:
        return self.value == (other.value if isinstance(other, JsBool) else other)

    def __hash__(self) -> int:
        return hash(self.value)


@lru_cache(maxsize=1)
def _engine() -> Engine:
    return Engine(debug=True, autoescape=False, libraries={}, string_if_invalid="")


BUILTIN_NAMES = {"True", "False", "None", "forloop", "block"}


def _variables(obj: Any, depth: int = 0) -> Iterator[Variable]:
    """Every Variable inside a node's attributes (filter expressions, if-conditions, filter arguments)."""
    if depth > 6:
        return
    if isinstance(obj, Variable):
        yield obj
    elif isinstance(obj, FilterExpression):
        yield from _variables(obj.var, depth + 1)
        for _func, args in obj.filters:
            for arg in args:
                yield from _variables(arg, depth + 1)
    elif isinstance(obj, list | tuple):
        for item in obj:
            if not isinstance(item, Node | NodeList):
                yield from _variables(item, depth + 1)
    elif isinstance(obj, dict):
        for item in obj.values():
            yield from _variables(item, depth + 1)
    elif hasattr(obj, "__dict__") and type(obj).__module__.startswith("django.template") and not isinstance(obj, Node):
        for item in vars(obj).values():  # if-conditions: operators with first/second, literals with value
            yield from _variables(item, depth + 1)


def _bound_names(node: Node) -> set[str]:
    names = set(getattr(node, "loopvars", []) or [])
    names |= set((getattr(node, "extra_context", None) or {}).keys())
    return names


def _undefined(nodelist: NodeList, known: set[str]) -> tuple[str, int] | None:
    """The first variable the template uses that is neither a parameter nor bound by for/with, and its line."""
    for node in nodelist:
        inner = known | _bound_names(node)
        own = {k: v for k, v in vars(node).items() if k not in ("token", "origin", "nodelist") and not isinstance(v, NodeList)}
        for variable in _variables(list(own.values())):
            lookups = variable.lookups
            if lookups and lookups[0] not in inner and lookups[0] not in BUILTIN_NAMES:
                return lookups[0], node.token.lineno
        for child in node.child_nodelists:
            found = _undefined(getattr(node, child, None) or NodeList(), inner)
            if found:
                return found
        if isinstance(getattr(node, "conditions_nodelists", None), list):
            for _condition, nodelist_ in node.conditions_nodelists:
                found = _undefined(nodelist_, inner)
                if found:
                    return found
    return None


def compile_template(text: str, names: Sequence[str]) -> Template:
    """Parse a template and check that it only uses the given parameter names; TemplateProblem otherwise."""
    try:
        template = Template(text, engine=_engine())
    except TemplateSyntaxError as exc:
        info = getattr(exc, "template_debug", None)
        where = f" at line {info['line']}" if info else ""
        raise TemplateProblem(f"Template error{where}: {exc}") from exc
    undefined = _undefined(template.nodelist, set(names))
    if undefined:
        name, line = undefined
        known = ", ".join(names) or "none"
        raise TemplateProblem(f'Template error at line {line}: "{name}" is not a parameter (parameters: {known}).')
    return template


def _context_value(value: Any) -> Any:
    return JsBool(value) if isinstance(value, bool) else value


def render(text: str, params: Mapping[str, Any], names: Sequence[str] | None = None) -> str:
    """Render a program template or a prompt with a variant's values; TemplateProblem with its line if it fails."""
    template = compile_template(text, list(names if names is not None else params))
    try:
        return template.render(Context({k: _context_value(v) for k, v in params.items()}, autoescape=False))
    except Exception as exc:  # a filter that fails on a value, an {% include %} of nothing...
        info = getattr(exc, "template_debug", None)
        where = f" at line {info['line']}" if info else ""
        raise TemplateProblem(f"Template error{where}: {type(exc).__name__}: {exc}") from exc


@dataclass(frozen=True)
class RenderedVariant:
    params: Params
    program: str
    problem: str = ""


def render_variant(template: str, spec: Sequence[Mapping[str, Any]], params: Params) -> RenderedVariant:
    """The program of one variant, or the template's problem (its names are the spec's parameters)."""
    return render_program(template, params, [p["name"] for p in spec])


def render_program(template: str, params: Params, names: Sequence[str] | None = None) -> RenderedVariant:
    """Like render_variant, the names being those of `params` unless given; no parameters: the text as it is."""
    if not params and not names:
        return RenderedVariant(params={}, program=template)
    try:
        return RenderedVariant(params=params, program=render(template, params, names))
    except TemplateProblem as exc:
        return RenderedVariant(params=params, program="", problem=str(exc))
