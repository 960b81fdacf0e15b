"""YAML alias bombs and Python tags against the three YAML readers (forms, rules, answers).

Criterion: every bomb refused with the reader's declared error (a form problem is a
diagnostic, as `screener forms check` prints it), each in under 1 s, the reading process
under 512 MB; Python tags (`!!python/object/apply:os.mkdir ...`) rejected and never run.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.reliability.harness import child_command, child_env

DECLARED = {"forms": {"diagnostic", "FormError"}, "rules": {"RuleErrors", "RuleError"},
            "answers": {"AnswerError"}}


@pytest.mark.parametrize("kind", ["forms", "rules", "answers"])
def test_yaml_bombs_and_python_tags_are_refused_small_and_fast(
        kind: str, tmp_path: Path, figures: Callable[[str], None]) -> None:
    done = subprocess.run(child_command("parse_bombs", kind, str(tmp_path)), capture_output=True,
                          text=True, env=child_env(), timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    results = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(results) >= 13
    problems = [f"{r['bomb']}: {r}" for r in results
                if r["error"] not in DECLARED[kind] or r["seconds"] >= 1.0 or r["pwned"]]
    peak = max(r["maxrss_mb"] for r in results)
    slowest = max(results, key=lambda r: r["seconds"])
    figures(f"{kind}: {len(results)} bombs and Python tags refused; slowest "
            f"{slowest['seconds'] * 1000:.0f} ms ({slowest['bomb']}); peak memory {peak} MB; "
            f"{len(problems)} problems")
    assert problems == []
    assert peak < 512
