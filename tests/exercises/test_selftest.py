"""The authoring self-test with the real engine: it traces the pool of variants in one child process and refuses to
publish a template with a failing variant, with a report saying which variant fails and why."""

import subprocess
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from exercises import program, selftest, services
from exercises.errors import ApplicationError
from exercises.models import Exercise, Module, SelfTest
from exercises.selftest import QuestionInput

GOOD = """\
function countDown(n) {
  if (n === 0) {
    checkpoint("A");
    return 0;
  }
  const box = { n };
  return 1 + countDown(n - 1);
}
const {{ name }} = countDown({{ depth }});
console.log({{ name }});
"""
GOOD_SPEC = [{"name": "depth", "kind": "int", "min": 1, "max": 5},
             {"name": "name", "kind": "choice", "choices": ["total", "result"]}]
QUESTIONS = [
    QuestionInput(order=1, kind="stack", checkpoint="A", prompt="Which frames are on the stack with depth {{ depth }}?"),
    QuestionInput(order=2, kind="locals", checkpoint="A", config={"frame": 1, "variables": ["n", "box"]}),
    QuestionInput(order=3, kind="reachable", checkpoint="A"),
    QuestionInput(order=4, kind="output"),
]


@pytest.fixture
def count_children(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """Every child process the platform starts, by command."""
    started: list[list[str]] = []
    real = subprocess.run

    def run(command: list[str], *args: Any, **kwargs: Any) -> Any:
        started.append(command)
        return real(command, *args, **kwargs)

    monkeypatch.setattr(program.subprocess, "run", run)
    program._batch_cache.clear()
    return started


def test_a_good_template_passes_over_all_its_variants(count_children: list[list[str]]) -> None:
    report = selftest.run_selftest(template=GOOD, parameters=GOOD_SPEC, questions=QUESTIONS)
    assert report.ok, report.problems()
    assert (report.variants_total, len(report.results)) == (10, 10)
    assert report.summary() == "Self-test passed: 10 variants traced, every question has a valid key."
    assert len(count_children) == 1 and count_children[0][-1] == "exercises.engine_batch"


def test_fifty_variants_of_many_are_traced_in_one_child_process(count_children: list[list[str]]) -> None:
    spec = [{"name": "depth", "kind": "int", "min": 1, "max": 40}, GOOD_SPEC[1]]
    report = selftest.run_selftest(template=GOOD, parameters=spec, questions=QUESTIONS)
    assert report.ok, report.problems()
    assert (report.variants_total, len(report.results)) == (80, 50)
    assert len(count_children) == 1
    assert report.summary() == "Self-test passed: 50 variants (of 80) traced, every question has a valid key."


def test_it_refuses_a_template_that_does_not_parse() -> None:
    report = selftest.run_selftest(template=GOOD.replace("{{ depth }}", "{% if depth %}{{ depth }}"),
                                   parameters=GOOD_SPEC, questions=QUESTIONS)
    assert not report.ok and len(report.failed) == 10
    assert report.failed[0].problems == ["Template error at line 9: Unclosed tag on line 9: 'if'. Looking for one of: "
                                         "elif, else, endif."]


def test_it_refuses_a_variant_whose_program_does_not_parse() -> None:
    template = GOOD.replace("const {{ name }}", "const {% if name == 'total' %}{{ name }}{% endif %}")
    report = selftest.run_selftest(template=template, parameters=GOOD_SPEC, questions=QUESTIONS)
    assert {r.params["name"] for r in report.failed} == {"result"}
    assert report.failed[0].problems[0].startswith("SyntaxError at line 9, column ")


def test_it_refuses_a_spec_that_is_not_valid() -> None:
    report = selftest.run_selftest(template=GOOD, parameters=[{"name": "depth", "kind": "int", "min": 3, "max": 1}],
                                   questions=QUESTIONS)
    assert report.problems() == ['The parameters are not valid: Parameter "depth": min (3) must not be greater than max (1).']


def test_it_refuses_a_variant_that_loops_and_names_its_values() -> None:
    template = 'let i = 0;\nwhile (i !== {{ stop }}) { i += 2; }\ncheckpoint("A");\nconsole.log(i);\n'
    spec = [{"name": "stop", "kind": "choice", "choices": [4, 5]}]
    report = selftest.run_selftest(template=template, parameters=spec, questions=[QuestionInput(order=1, kind="output")])
    assert [r.params for r in report.failed] == [{"stop": 5}]
    assert report.failed[0].problems[0].startswith("The program exceeded an engine limit (at line 2): ")
    assert report.problems()[0].startswith("stop=5: The program exceeded an engine limit")


def test_it_refuses_a_variant_that_overflows_before_its_checkpoint() -> None:
    template = ('function down(n) {\n  if (n === 0) { checkpoint("A"); return 0; }\n  return 1 + down(n - 1);\n}\n'
                "down({{ depth }});\n")
    spec = [{"name": "depth", "kind": "choice", "choices": [10, 100000]}]
    report = selftest.run_selftest(template=template, parameters=spec,
                                   questions=[QuestionInput(order=1, kind="stack", checkpoint="A")])
    assert [r.params for r in report.failed] == [{"depth": 100000}]
    assert report.failed[0].problems == [
        'Question 1 (Call stack): The program never reaches checkpoint("A"): it stopped first with RangeError: '
        "Maximum call stack size exceeded (line 3)."
    ]


def test_it_refuses_a_checkpoint_some_variants_never_reach() -> None:
    template = 'const o = {};\n{% if where == "inside" %}checkpoint("A");{% endif %}\nconsole.log("done");\n'
    spec = [{"name": "where", "kind": "choice", "choices": ["inside", "nowhere"]}]
    report = selftest.run_selftest(template=template, parameters=spec,
                                   questions=[QuestionInput(order=1, kind="reachable", checkpoint="A")])
    assert [(r.params, r.problems) for r in report.failed] == [
        ({"where": "nowhere"}, ['Question 1 (Reachable objects): The program never reaches checkpoint("A").'])]


@pytest.mark.parametrize(("template", "question", "problem"), [
    ('{% if make %}const o = { a: 1 };{% endif %}\ncheckpoint("A");\nconsole.log("x");\n',
     QuestionInput(order=1, kind="reachable", checkpoint="A"),
     'Question 1 (Reachable objects): nothing to choose: no object exists at checkpoint("A").'),
    ('{% if make %}console.log("hi");{% endif %}\ncheckpoint("A");\n', QuestionInput(order=1, kind="output"),
     "Question 1 (Printed output): the program prints nothing, so there is no output to predict."),
    ('function f() {\n  {% if make %}let kept = 1;{% endif %}\n  checkpoint("A");\n}\nf();\n',
     QuestionInput(order=1, kind="locals", checkpoint="A", config={"frame": 0, "variables": ["kept"]}),
     'Question 1 (Local variables): Frame 0 (f) at checkpoint("A") has no local named kept.'),
    ('function f() {\n  checkpoint("A");\n}\n{% if make %}f();{% else %}checkpoint("A");{% endif %}\n',
     QuestionInput(order=1, kind="locals", checkpoint="A", config={"frame": 1, "variables": ["f"]}),
     'Question 1 (Local variables): At checkpoint("A") the stack has 1 frame(s); frame 1 does not exist.'),
])
def test_it_refuses_a_variant_that_makes_a_question_degenerate(template: str, question: QuestionInput,
                                                              problem: str) -> None:
    spec = [{"name": "make", "kind": "choice", "choices": [True, False]}]
    report = selftest.run_selftest(template=template, parameters=spec, questions=[question])
    assert [(r.params, r.problems) for r in report.failed] == [({"make": False}, [problem])]


def test_it_refuses_a_prompt_that_uses_an_unknown_parameter() -> None:
    question = QuestionInput(order=2, kind="output", prompt="Depth {{ dpeth }}?")
    report = selftest.run_selftest(template=GOOD, parameters=GOOD_SPEC, questions=[question])
    assert report.failed[0].problems == [
        'Question 2 (Printed output), prompt: Template error at line 1: "dpeth" is not a parameter (parameters: depth, name).']


# --- stored, enforced at publishing, shown in the admin, and the command ----------------------------------------


@pytest.fixture
def module(course: Any) -> Module:
    return Module.objects.create(course=course, order=1, title="M")


def parameterized(module: Module, template: str, spec: list[dict[str, Any]], questions: list[dict[str, Any]]) -> Exercise:
    exercise = Exercise.objects.create(module=module, title="Variants", program=template, parameters=spec)
    for order, q in enumerate(questions, start=1):
        exercise.questions.create(order=order, prompt=q.pop("prompt", "?"), **q)
    return exercise


@pytest.mark.django_db
def test_publishing_a_broken_template_is_refused_with_the_report(module: Module) -> None:
    template = 'const o = {};\n{% if where == "inside" %}checkpoint("A");{% endif %}\n'
    spec = [{"name": "where", "kind": "choice", "choices": ["inside", "nowhere"]}]
    exercise = parameterized(module, template, spec, [{"kind": "reachable", "checkpoint": "A"}])
    with pytest.raises(ApplicationError) as info:
        services.exercise_publish(exercise=exercise)
    assert "Self-test failed: 1 of 2 variants fail." in info.value.message
    assert 'where="nowhere": Question 1 (Reachable objects): The program never reaches checkpoint("A").' in info.value.details
    assert not Exercise.objects.get(pk=exercise.pk).published


@pytest.mark.django_db
def test_publishing_a_good_template_stores_a_passing_report(module: Module) -> None:
    exercise = parameterized(module, GOOD, GOOD_SPEC, [{"kind": "stack", "checkpoint": "A"}, {"kind": "output"}])
    services.exercise_publish(exercise=exercise)
    stored = SelfTest.objects.get(exercise=exercise)
    assert stored.ok and stored.report["tested"] == 10 and stored.report["failed"] == 0
    assert {tuple(sorted(r["params"])) for r in stored.report["results"]} == {("depth", "name")}


def admin_form(module: Module, template: str, rows: list[dict[str, str]], questions: list[dict[str, Any]], *,
               published: bool) -> dict[str, Any]:
    import json

    data: dict[str, Any] = {
        "module": module.pk, "order": 1, "title": "Authored", "instructions": "", "program": template,
        "parameters-rows": len(rows), "allow_new_variant": "on",
        "questions-TOTAL_FORMS": len(questions), "questions-INITIAL_FORMS": 0,
        "questions-MIN_NUM_FORMS": 0, "questions-MAX_NUM_FORMS": 1000, "_continue": "1",
    }
    for i, row in enumerate(rows):
        data.update({f"parameters-{i}-{k}": row.get(k, "") for k in ("name", "kind", "min", "max", "choices")})
    if published:
        data["published"] = "on"
    for i, q in enumerate(questions):
        data.update({f"questions-{i}-order": i + 1, f"questions-{i}-kind": q["kind"],
                     f"questions-{i}-checkpoint": q.get("checkpoint", ""), f"questions-{i}-prompt": "Q?",
                     f"questions-{i}-points": 1, f"questions-{i}-config": json.dumps(q.get("config", {}))})
    return data


LOOPY = 'let i = 0;\nwhile (i !== {{ stop }}) { i += 2; }\ncheckpoint("A");\nconsole.log(i);\n'
LOOPY_ROWS = [{"name": "stop", "kind": "choice", "choices": "2, 4, 5"}]


@pytest.mark.django_db
def test_the_admin_refuses_to_publish_with_the_failing_variants(admin_client: Any, module: Module) -> None:
    data = admin_form(module, LOOPY, LOOPY_ROWS, [{"kind": "output"}], published=True)
    html = admin_client.post("/admin/exercises/exercise/add/", data).content.decode()
    assert "The self-test refuses to publish this exercise" in html
    assert "Self-test failed: 1 of 3 variants fail." in html
    assert "stop=5: The program exceeded an engine limit (at line 2)" in html
    assert not Exercise.objects.exists()


@pytest.mark.django_db
def test_the_admin_shows_the_report_of_a_draft(admin_client: Any, module: Module) -> None:
    data = admin_form(module, LOOPY, LOOPY_ROWS, [{"kind": "output"}], published=False)
    html = admin_client.post("/admin/exercises/exercise/add/", data, follow=True).content.decode()
    exercise = Exercise.objects.get()
    assert exercise.parameters == [{"name": "stop", "kind": "choice", "choices": [2, 4, 5]}]
    assert exercise.allow_new_variant
    assert "Self-test failed: 1 of 3 variants fail." in html
    failing = html.split('<table class="selftest-report">')[1].split("</table>")[0]
    assert '<tr class="selftest-fail"><td>3</td><td>stop=5</td><td>The program exceeded an engine limit' in failing
    assert "stop=2" not in failing
    assert "All 3 variants traced" in html


@pytest.mark.django_db
def test_the_admin_publishes_a_good_template_and_shows_its_passing_report(admin_client: Any, module: Module) -> None:
    rows = [{"name": "depth", "kind": "int", "min": "1", "max": "5"},
            {"name": "name", "kind": "choice", "choices": "total, result"}]
    data = admin_form(module, GOOD, rows, [{"kind": "stack", "checkpoint": "A"}], published=True)
    html = admin_client.post("/admin/exercises/exercise/add/", data, follow=True).content.decode()
    exercise = Exercise.objects.get()
    assert exercise.published and exercise.parameters == GOOD_SPEC
    assert "Self-test passed: 10 variants traced, every question has a valid key." in html
    change = admin_client.get(f"/admin/exercises/exercise/{exercise.pk}/change/").content.decode()
    assert 'name="parameters-1-choices" value="total, result"' in change
    assert "Version 1 (shown: the variant depth=1, name=&quot;total&quot;): the program runs to its end." in change


@pytest.mark.django_db
def test_the_admin_parameter_rows_say_what_is_wrong(admin_client: Any, module: Module) -> None:
    rows = [{"name": "depth", "kind": "int", "min": "5", "max": "x"}, {"name": "v", "kind": "choice", "choices": ""}]
    data = admin_form(module, GOOD, rows, [{"kind": "output"}], published=False)
    html = admin_client.post("/admin/exercises/exercise/add/", data).content.decode()
    assert "Row 1 (&quot;depth&quot;): max must be a whole number, not &#x27;x&#x27;." in html
    assert "Parameter &quot;v&quot;: choices must be a non-empty list." in html
    assert not Exercise.objects.exists()


@pytest.mark.django_db
def test_the_command_prints_the_report_and_fails_on_a_failing_exercise(module: Module) -> None:
    parameterized(module, GOOD, GOOD_SPEC, [{"kind": "output"}])
    bad = parameterized(module, LOOPY, [{"name": "stop", "kind": "choice", "choices": [2, 5]}], [{"kind": "output"}])
    Exercise.objects.filter(pk=bad.pk).update(slug="loopy")
    out = StringIO()
    with pytest.raises(CommandError, match="1 exercise"):
        call_command("selftest_exercises", "--course", module.course.slug, stdout=out)
    text = out.getvalue()
    assert "ok   memory-101 / m / variants: Self-test passed: 10 variants traced" in text
    assert "FAIL memory-101 / m / loopy: Self-test failed: 1 of 2 variants fail." in text
    assert "stop=5: The program exceeded an engine limit (at line 2)" in text
    assert "1 of 2 exercise(s) pass the self-test" in text


@pytest.mark.django_db
def test_the_command_names_an_unknown_course(db: Any) -> None:
    with pytest.raises(CommandError, match='There is no course "nope".'):
        call_command("selftest_exercises", "--course", "nope")


@pytest.mark.django_db
def test_saving_again_unchanged_reuses_the_stored_report_but_the_command_runs_it_afresh(
        module: Module, count_children: list[list[str]]) -> None:
    exercise = parameterized(module, GOOD, GOOD_SPEC, [{"kind": "output"}])
    services.exercise_publish(exercise=exercise)
    program._batch_cache.clear()
    services.exercise_sync(exercise=exercise)
    batches = [c for c in count_children if c[-1] == "exercises.engine_batch"]
    assert len(batches) == 1
    exercise.questions.create(order=2, kind="stack", checkpoint="A", prompt="?")
    services.exercise_sync(exercise=exercise)  # a new question: the variants are checked again
    assert len([c for c in count_children if c[-1] == "exercises.engine_batch"]) == 2
    program._batch_cache.clear()
    call_command("selftest_exercises", stdout=StringIO())
    assert len([c for c in count_children if c[-1] == "exercises.engine_batch"]) == 3


def test_prewarming_traces_many_exercises_in_one_child_and_their_selftests_start_none(
        count_children: list[list[str]]) -> None:
    loopy = [{"name": "stop", "kind": "choice", "choices": [2, 4]}]
    assert selftest.prewarm([(GOOD, GOOD_SPEC), (LOOPY, loopy), ("console.log(1);", [])]) == 12
    assert len(count_children) == 1
    assert selftest.run_selftest(template=GOOD, parameters=GOOD_SPEC, questions=QUESTIONS).ok
    assert selftest.run_selftest(template=LOOPY, parameters=loopy, questions=[QuestionInput(order=1, kind="output")]).ok
    assert len(count_children) == 1
