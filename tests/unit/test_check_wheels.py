"""tools/check_wheels.py without the network: the target machines and the marker fix-up
(pip evaluates markers for the machine it runs on, not for --platform)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))
import check_wheels


def _report(*packages: tuple[str, str, list[str]]) -> dict[str, object]:
    return {"install": [{"metadata": {"name": n, "version": v, "requires_dist": r}}
                        for n, v, r in packages]}


PYINSTALLER = ("pyinstaller", "6.22.3", [
    "altgraph", "packaging>=22.0",
    'pefile!=2024.8.26,>=2022.5.30; sys_platform == "win32"',
    'pywin32-ctypes>=0.2.1; sys_platform == "win32"',
    'macholib>=1.8; sys_platform == "darwin"',
    'argcomplete; extra == "completion"'])


def test_requirements_are_the_runtime_and_build_dependencies() -> None:
    reqs = check_wheels.requirements()
    assert any(r.startswith("sqlcipher3>=") for r in reqs)
    assert not any(r.startswith("sqlcipher3-binary") for r in reqs)
    assert any(r.startswith("pyinstaller") for r in reqs)
    assert not any(r.startswith("pytest") for r in reqs)  # test tools are not shipped


def test_windows_only_dependencies_pip_left_out_are_found() -> None:
    report = _report(PYINSTALLER, ("altgraph", "0.17.5", []), ("packaging", "26.4", []))
    env = check_wheels.marker_environment("win_amd64", "3.11")
    assert check_wheels.missed(report, env) == ["pefile!=2024.8.26,>=2022.5.30",
                                                "pywin32-ctypes>=0.2.1"]
    mac = check_wheels.marker_environment("macosx_13_0_arm64", "3.12")
    assert check_wheels.missed(report, mac) == ["macholib>=1.8"]
    linux = check_wheels.marker_environment("manylinux_2_28_x86_64", "3.11")
    assert check_wheels.missed(report, linux) == []


def test_a_resolved_version_outside_the_range_counts_as_missing() -> None:
    report = _report(PYINSTALLER, ("altgraph", "0.17.5", []), ("packaging", "21.0", []))
    linux = check_wheels.marker_environment("manylinux_2_28_x86_64", "3.11")
    assert check_wheels.missed(report, linux) == ["packaging>=22.0"]


def test_linux_target_takes_every_older_manylinux_wheel() -> None:
    tags = check_wheels.TARGETS["manylinux_2_28_x86_64"].tags
    assert tags[0] == "manylinux_2_28_x86_64"
    assert {"manylinux_2_17_x86_64", "manylinux2014_x86_64", "manylinux1_x86_64"} <= set(tags)
    assert "manylinux_2_34_x86_64" not in tags
