"""exercises/variants.py: parameter specs, the variant pool, each student's seeded choice, template rendering."""

import json
import subprocess
import sys

import pytest

from exercises import variants
from exercises.variants import TemplateProblem

SPEC = [{"name": "depth", "kind": "int", "min": 3, "max": 6}, {"name": "victim", "kind": "choice", "choices": ["a", "b"]}]


def test_a_valid_spec_has_no_errors() -> None:
    assert variants.spec_errors(SPEC) == []
    assert variants.spec_errors([]) == []


@pytest.mark.parametrize(("spec", "message"), [
    ([{"name": "Depth", "kind": "int", "min": 1, "max": 2}], 'Parameter 1: the name "Depth" must be lowercase'),
    ([{"name": "2x", "kind": "int", "min": 1, "max": 2}], 'Parameter 1: the name "2x" must be lowercase'),
    ([{"name": "d", "kind": "int", "min": 5, "max": 2}], 'Parameter "d": min (5) must not be greater than max (2).'),
    ([{"name": "d", "kind": "int", "min": 1.5, "max": 2}], 'Parameter "d": min and max must be whole numbers.'),
    ([{"name": "d", "kind": "int", "min": True, "max": 2}], 'Parameter "d": min and max must be whole numbers.'),
    ([{"name": "c", "kind": "choice", "choices": []}], 'Parameter "c": choices must be a non-empty list.'),
    ([{"name": "c", "kind": "choice", "choices": ["x", "x"]}], 'Parameter "c": the choices repeat a value.'),
    ([{"name": "c", "kind": "choice", "choices": [None]}], 'Parameter "c": each choice must be a text, a number'),
    ([{"name": "k", "kind": "float"}], 'Parameter "k": kind must be "int" or "choice", not "float".'),
    ([{"name": "d", "kind": "int", "min": 1, "max": 2, "choices": [1]}], 'Parameter "d": unknown field(s) choices'),
    ([SPEC[0], SPEC[0]], 'Parameter "depth" is defined twice.'),
    ("depth", "Parameters must be a list of parameters."),
])
def test_it_rejects_a_bad_spec_naming_the_parameter(spec: object, message: str) -> None:
    errors = variants.spec_errors(spec)
    assert any(error.startswith(message) for error in errors), errors
    with pytest.raises(variants.SpecError):
        variants.validate_spec(spec)


def test_it_counts_and_enumerates_every_combination() -> None:
    assert variants.count(SPEC) == 8
    every = list(variants.enumerate_variants(SPEC))
    assert len(every) == 8
    assert every[0] == {"depth": 3, "victim": "a"} and every[-1] == {"depth": 6, "victim": "b"}
    assert len({variants.variant_key(v) for v in every}) == 8
    assert variants.count([]) == 1 and list(variants.enumerate_variants([])) == [{}]


def test_the_pool_is_every_variant_when_there_are_few() -> None:
    assert variants.pool(SPEC) == list(variants.enumerate_variants(SPEC))


def test_the_variant_the_admin_shows_is_the_first_of_the_pool() -> None:
    assert variants.default_params(SPEC) == {"depth": 3, "victim": "a"}
    many = [{"name": "a", "kind": "int", "min": 0, "max": 999}]
    assert variants.default_params(many) == variants.pool(many)[0]
    assert variants.default_params([]) == {}


def test_the_pool_draws_fifty_distinct_variants_from_a_fixed_seed_when_there_are_many() -> None:
    spec = [{"name": "a", "kind": "int", "min": 0, "max": 999}, {"name": "b", "kind": "int", "min": 0, "max": 999}]
    drawn = variants.pool(spec)
    assert len(drawn) == variants.POOL_SIZE == 50
    assert len({variants.variant_key(v) for v in drawn}) == 50
    assert drawn == variants.pool(spec)
    assert drawn != [variants.variant_at(spec, i) for i in range(50)]  # drawn, not the first fifty


def test_a_students_variant_is_the_same_in_another_python_process() -> None:
    here = [variants.choose(SPEC, student_id=s, exercise_id=7) for s in range(1, 6)]
    code = ("from exercises import variants; import json; spec = " + repr(SPEC) +
            "; print(json.dumps([variants.choose(spec, student_id=s, exercise_id=7) for s in range(1, 6)]))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          env={"PYTHONHASHSEED": "123", "PATH": ""})
    assert json.loads(done.stdout) == here


def test_students_get_different_variants_where_the_pool_allows() -> None:
    chosen = [variants.variant_key(variants.choose(SPEC, student_id=s, exercise_id=3)) for s in range(1, 41)]
    assert len(set(chosen)) == 8  # forty students cover every variant of eight
    assert variants.choose(SPEC, student_id=1, exercise_id=3) == variants.choose(SPEC, student_id=1, exercise_id=3)


def test_a_fresh_variant_differs_and_a_student_sees_every_variant_before_a_repeat() -> None:
    seen = [variants.variant_key(variants.choose(SPEC, student_id=5, exercise_id=2, number=n)) for n in range(8)]
    assert len(set(seen)) == 8
    assert variants.choose(SPEC, student_id=5, exercise_id=2, number=8) == variants.choose(
        SPEC, student_id=5, exercise_id=2, number=0)


def test_without_parameters_there_is_one_variant_with_no_values() -> None:
    assert variants.pool([]) == [{}]
    assert variants.choose([], student_id=1, exercise_id=1) == {}
    assert variants.variant_key({}) == ""
    assert variants.render_program("const o = {{ x }};", {}).program == "const o = {{ x }};"


def test_it_renders_a_program_without_escaping_and_booleans_as_javascript() -> None:
    text = 'const s = "{{ word }}";\n{% if flag %}let n = {{ depth }};{% endif %}\nconst b = {{ flag }};'
    out = variants.render(text, {"word": "<a & b>", "flag": True, "depth": 4})
    assert out == 'const s = "<a & b>";\nlet n = 4;\nconst b = true;'
    assert variants.render("{% if flag %}x{% else %}y{% endif %} {{ flag }}", {"flag": False}) == "y false"


@pytest.mark.parametrize(("text", "message"), [
    ("let a = 1;\n{% if depth > %}\n{% endif %}", "Template error at line 2: "),
    ("let a = 1;\nlet b = {{ dpeth }};", 'Template error at line 2: "dpeth" is not a parameter (parameters: depth).'),
    ("{% if depth == 3 %}\n\n{{ other|add:1 }}{% endif %}", 'Template error at line 3: "other" is not a parameter'),
    ("{{ depth|add:missing }}", 'Template error at line 1: "missing" is not a parameter'),
    ("{% for i in depth %}{% endfor %}\n{% if x %}{% endif %}", 'Template error at line 2: "x" is not a parameter'),
    ("{{ depth|nosuchfilter }}", "Template error at line 1: Invalid filter: 'nosuchfilter'"),
    ("{% load humanize %}", "Template error at line 1: "),
])
def test_a_template_that_does_not_parse_or_uses_an_undefined_name_is_a_clear_problem(text: str, message: str) -> None:
    with pytest.raises(TemplateProblem) as info:
        variants.render(text, {"depth": 3})
    assert str(info.value).startswith(message), str(info.value)


def test_names_bound_by_for_and_with_are_not_undefined() -> None:
    text = "{% for i in items %}{{ i }}{{ forloop.counter }}{% endfor %}{% with d=depth %}{{ d }}{% endwith %}"
    assert variants.render(text, {"items": "ab", "depth": 2}) == "a1b22"


def test_render_variant_reports_the_problem_instead_of_raising() -> None:
    rendered = variants.render_variant("let n = {{ deep }};", SPEC, {"depth": 3, "victim": "a"})
    assert rendered.program == "" and rendered.problem.startswith('Template error at line 1: "deep" is not a parameter')
