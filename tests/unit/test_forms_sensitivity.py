"""`sensitivity:` in forms (DESIGN §4.1): what consent filtering in packets works from."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from screener import paths
from screener.cli import main
from screener.forms import FormCatalog, check_files


@pytest.fixture(scope="module")
def forms() -> FormCatalog:
    return FormCatalog.load()


def test_shipped_fields_carry_their_kind(forms: FormCatalog) -> None:
    assert forms.field_kinds("smi_diagnosis") == {"mental_health"}
    assert forms.field_kinds("primary_substance") == {"substance_use"}
    assert forms.field_kinds("release_date") == frozenset()
    assert forms.question("release_date").sensitivity == "none"


@pytest.mark.parametrize(("instrument", "kind"), [
    ("phq9", "mental_health"), ("gad7", "mental_health"), ("pcptsd5", "mental_health"),
    ("auditc", "substance_use"), ("dast10", "substance_use"),
])
def test_instruments_give_their_kind_to_items_and_scores(
    forms: FormCatalog, instrument: str, kind: str
) -> None:
    assert forms.instrument_kind(instrument) == kind
    item = next(q for f in forms.forms.values() for q in f.questions()
                if q.instrument_id == instrument)
    assert forms.field_kinds(item.id) == {kind}
    assert forms.kinds_read((), (instrument,)) == {kind}


def _copy_forms(tmp_path: Path) -> Path:
    root = tmp_path / "forms"
    shutil.copytree(paths.forms_dir(), root)
    return root


def test_a_computed_value_inherits_the_kind_of_what_it_reads(tmp_path: Path) -> None:
    root = _copy_forms(tmp_path)
    intake = root / "intake.yaml"
    text = intake.read_text("utf-8")
    anchor = "      - id: sud_treatment_interest\n"
    computed = ("      - id: wants_help_with_use\n        type: computed\n"
                "        label: {en: Wants help, es: Quiere ayuda}\n"
                "        compute: \"sud_treatment_interest == true\"\n")
    intake.write_text(text.replace(anchor, computed + anchor), "utf-8")
    assert FormCatalog.load(root).field_kinds("wants_help_with_use") == {"substance_use"}


def test_a_bad_sensitivity_is_located(tmp_path: Path) -> None:
    root = _copy_forms(tmp_path)
    intake = root / "intake.yaml"
    text = intake.read_text("utf-8")
    intake.write_text(text.replace("sensitivity: mental_health", "sensitivity: private", 1),
                      "utf-8")
    [problem] = [d for d in check_files(None, root) if d.is_error]
    assert "bad sensitivity of 'mental_health_diagnosis' 'private'" in problem.message
    assert problem.file.endswith("intake.yaml") and problem.line


def test_forms_check_refuses_a_field_a_sensitive_program_reads_without_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _copy_forms(tmp_path)
    intake = root / "intake.yaml"
    text = intake.read_text("utf-8")
    line = "      - id: prior_program_failures\n        sensitivity: none\n"
    assert line in text
    intake.write_text(text.replace(line, "      - id: prior_program_failures\n"), "utf-8")
    assert main(["forms", "check", "--forms-dir", str(root)]) == 2
    out = capsys.readouterr().out
    assert re.search(r"field 'prior_program_failures' is read by the rules of 'step_down_\w+'", out)
    assert "add mental_health, substance_use or none" in out
