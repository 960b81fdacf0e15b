"""Can Screener be installed on every system the county has? Resolve its runtime and build
dependencies (pyproject.toml: `dependencies` and the `build` extra) to wheels for Windows,
macOS (Intel and Apple silicon) and Linux, for each supported Python, with pip's own resolver:

    python tools/check_wheels.py            # all, about a minute (needs PyPI)
    python tools/check_wheels.py --platform win_amd64 --python 3.12

Nothing is installed or downloaded (`pip install --dry-run --report`). A dependency that only
ships Linux wheels (as `sqlcipher3-binary` did) fails here, naming the platform and the package.

pip evaluates environment markers (`; sys_platform == "win32"`) for the machine it runs on,
not for `--platform`: a dependency that only Windows pulls in would be missed. So the
requirements each resolved package declares are evaluated again for the target system, and
any it needs that pip left out are added and resolved again, until nothing is missing.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import tomllib
from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from packaging.markers import InvalidMarker
from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name

REPO = Path(__file__).resolve().parent.parent
PYTHONS = ("3.11", "3.12")


@dataclass(frozen=True)
class Target:
    """The oldest machine of a kind Screener supports: the wheel platform tags it accepts
    (pip expands a macOS tag to the older macOS versions itself, not a manylinux one) and
    the marker environment of such a machine."""

    tags: tuple[str, ...]
    markers: dict[str, str]


def _manylinux(glibc_minor: int, arch: str) -> tuple[str, ...]:
    """Every manylinux tag a machine with glibc 2.`glibc_minor` accepts (PEP 600/599)."""
    legacy = {17: "manylinux2014", 12: "manylinux2010", 5: "manylinux1"}
    tags: list[str] = []
    for minor in range(glibc_minor, 4, -1):
        tags.append(f"manylinux_2_{minor}_{arch}")
        if minor in legacy:
            tags.append(f"{legacy[minor]}_{arch}")
    return tuple(tags)


_WINDOWS = {"sys_platform": "win32", "platform_system": "Windows", "os_name": "nt"}
_MACOS = {"sys_platform": "darwin", "platform_system": "Darwin", "os_name": "posix"}
#: Windows 10/11 (64-bit); macOS 13 on Apple silicon and on Intel (PySide6 6.10 and 6.11 ship
#: macOS 13 wheels; sqlcipher3 0.6.4's are macosx_11_0_arm64 and macosx_10_9_x86_64, which
#: those machines take); Linux with glibc 2.28 or newer (RHEL 8, Debian 10, Ubuntu 20.04).
TARGETS: dict[str, Target] = {
    "win_amd64": Target(("win_amd64",), {**_WINDOWS, "platform_machine": "AMD64"}),
    "macosx_13_0_arm64": Target(("macosx_13_0_arm64",), {**_MACOS, "platform_machine": "arm64"}),
    "macosx_13_0_x86_64": Target(("macosx_13_0_x86_64",),
                                 {**_MACOS, "platform_machine": "x86_64"}),
    "manylinux_2_28_x86_64": Target(_manylinux(28, "x86_64"), {
        "sys_platform": "linux", "platform_system": "Linux", "os_name": "posix",
        "platform_machine": "x86_64"}),
}
_ROUNDS = 4


@dataclass(frozen=True)
class Result:
    platform: str
    python: str
    wheels: tuple[str, ...]  # file names
    error: str | None


def requirements(pyproject: Path = REPO / "pyproject.toml") -> list[str]:
    """The runtime dependencies and the `build` extra (what the installer freezes)."""
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    return [*project["dependencies"], *project.get("optional-dependencies", {}).get("build", [])]


def marker_environment(target: str, python: str) -> dict[str, str]:
    return {**TARGETS[target].markers, "python_version": python, "python_full_version": f"{python}.0",
            "implementation_name": "cpython", "platform_python_implementation": "CPython",
            "platform_release": "", "platform_version": "", "extra": ""}


def missed(report: Mapping[str, object], env: Mapping[str, str]) -> list[str]:
    """Requirements the resolved packages declare for the target system that are not met."""
    installed = report.get("install", [])
    assert isinstance(installed, list)
    versions = {canonicalize_name(i["metadata"]["name"]): i["metadata"]["version"]
                for i in installed}
    wanted: list[str] = []
    for item in installed:
        extras = ["", *item.get("requested_extras", [])]
        for text in item["metadata"].get("requires_dist", []):
            try:
                req = Requirement(text)
            except InvalidRequirement:
                continue
            try:
                needed = req.marker is None or any(
                    req.marker.evaluate({**env, "extra": e}) for e in extras)
            except InvalidMarker:
                needed = False
            have = versions.get(canonicalize_name(req.name))
            if needed and (have is None or not req.specifier.contains(have, prereleases=True)):
                wanted.append(f"{req.name}{req.specifier}")
    return wanted


def resolve(platform: str, python: str, reqs: Iterable[str]) -> Result:
    """Resolve `reqs` to wheels for one target and Python with pip (nothing installed)."""
    reqs = list(reqs)
    env = marker_environment(platform, python)
    tags = [arg for tag in TARGETS[platform].tags for arg in ("--platform", tag)]
    for _ in range(_ROUNDS):
        with tempfile.TemporaryDirectory(prefix="screener-wheels-") as target:
            run = subprocess.run(
                [sys.executable, "-m", "pip", "install", "--dry-run", "--ignore-installed",
                 "--quiet", "--no-color", "--disable-pip-version-check",
                 "--only-binary=:all:", *tags, "--python-version", python,
                 "--implementation", "cp", "--target", target, "--report", "-", *reqs],
                capture_output=True, text=True, check=False)
        if run.returncode != 0:
            return Result(platform, python, (), _explain(run.stderr))
        report = json.loads(run.stdout)
        extra = [r for r in missed(report, env) if r not in reqs]
        if not extra:
            wheels = tuple(i["download_info"]["url"].rsplit("/", 1)[-1]
                           for i in report["install"])
            return Result(platform, python, wheels, None)
        reqs += extra
    return Result(platform, python, (), f"still missing after {_ROUNDS} rounds: {extra}")


def _explain(stderr: str) -> str:
    lines = [ln.strip() for ln in stderr.splitlines()
             if ln.startswith("ERROR") or "No matching distribution" in ln]
    text = " ".join(lines) or stderr.strip()[-400:]
    if any(s in stderr for s in ("NewConnectionError", "Name or service not known",
                                 "Temporary failure in name resolution", "ConnectTimeout")):
        return f"PyPI could not be reached (this check needs the network): {text}"
    return text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--platform", action="append", choices=sorted(TARGETS))
    parser.add_argument("--python", action="append", choices=PYTHONS)
    opts = parser.parse_args(argv)
    combos = [(p, v) for p in opts.platform or TARGETS for v in opts.python or PYTHONS]
    reqs = requirements()
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda c: resolve(c[0], c[1], reqs), combos))
    for r in results:
        if r.error is None:
            sqlcipher = next((w for w in r.wheels if w.lower().startswith("sqlcipher3-")), "?")
            print(f"  ok    {r.platform:<24} Python {r.python}  {len(r.wheels)} wheels "
                  f"({sqlcipher})")
        else:
            print(f"  FAIL  {r.platform:<24} Python {r.python}  {r.error}")
    failed = [r for r in results if r.error is not None]
    if failed:
        print(f"{len(failed)} of {len(results)} platforms cannot install Screener from wheels: "
              "a dependency has no wheel for them (see above). Pick a version or package "
              "that publishes wheels for every platform (docs/PLATFORMS.md).")
        return 1
    print(f"Screener's dependencies resolve to wheels on all {len(results)} platforms.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
