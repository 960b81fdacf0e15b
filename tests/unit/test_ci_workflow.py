"""The hosted CI workflow (.github/workflows/): valid for GitHub Actions (its JSON schema, as
check-jsonschema ships it) and covering what the county runs: Windows, macOS and Linux."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]
WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))


def test_workflows_follow_githubs_schema() -> None:
    assert WORKFLOWS
    done = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows",
         *map(str, WORKFLOWS)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_ci_tests_and_builds_on_windows_macos_and_linux() -> None:
    ci = yaml.safe_load((REPO / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8"))
    test = ci["jobs"]["test"]
    assert set(test["strategy"]["matrix"]["os"]) == {"windows-latest", "macos-latest",
                                                     "ubuntu-latest"}
    runs = "\n".join(step.get("run", "") for step in test["steps"])
    for target in ("windows", "macos", "linux"):
        assert f"build_installer.py --target {target}" in runs
    assert "msiexec.exe" in runs and "/qn" in runs and "--self-test" in runs
    # every script the workflow calls is in the repository
    for script in ("bin/test", "bin/test.cmd", "tools/check_wheels.py", "build_installer.py"):
        assert (REPO / script).is_file(), script
    assert "tools/check_wheels.py" in ci["jobs"]["wheels"]["steps"][-1]["run"]
