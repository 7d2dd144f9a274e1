"""JavaScript strings may hold what PostgreSQL's jsonb cannot (NUL, half of a UTF-16 pair): an exercise whose
program makes such strings still saves, with the characters a terminal shows (U+2400 for NUL, U+FFFD for half a
pair), and text typed into the admin that holds a NUL is a form error, never a server error."""

import json
from typing import Any

import pytest
from test_admin import form_data

from exercises.models import Exercise, ExerciseVersion, Module

PROGRAM = r"""let nul = "a\0b";
let half = "\ud83d";
let whole = "\ud83d\ude00";
console.log(nul.length, half, whole);
checkpoint("A");
"""


@pytest.fixture
def module(course: Any) -> Module:
    return Module.objects.create(course=course, order=1, title="M")


@pytest.mark.django_db
def test_a_program_whose_strings_hold_nul_or_half_a_pair_saves_with_printable_text(admin_client: Any,
                                                                                    module: Module) -> None:
    data = form_data(module, PROGRAM, [{"kind": "output"}], published=True)
    response = admin_client.post("/admin/exercises/exercise/add/", data, follow=True)
    assert response.status_code == 200
    trace = ExerciseVersion.objects.get(exercise=Exercise.objects.get()).trace
    assert trace["output"] == ["3 \ufffd \U0001f600"]
    variables = trace["checkpoints"][0]["locals"][0]
    assert (variables["nul"], variables["half"], variables["whole"]) == ("a\u2400b", "\ufffd", "\U0001f600")


@pytest.mark.django_db
def test_a_question_setting_with_a_nul_character_is_a_form_error(admin_client: Any, module: Module) -> None:
    data = form_data(module, PROGRAM, [{"kind": "output"}], published=False)
    data["questions-0-config"] = json.dumps({"note": "a\u0000b"})
    response = admin_client.post("/admin/exercises/exercise/add/", data)
    assert response.status_code == 200
    assert "cannot be stored" in response.content.decode()
    assert not Exercise.objects.exists()
