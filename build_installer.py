#!/usr/bin/env python3
"""Build Screener's desktop application with PyInstaller, for the system it runs on, and check it.

    python build_installer.py              # dist/Screener/ : one folder, `screener` inside
    python build_installer.py --onefile    # dist/screener-VERSION-PLATFORM : one file
    python build_installer.py --archive    # also dist/Screener-VERSION-PLATFORM.tar.gz (.zip)
    python build_installer.py --target windows  # on Windows: also dist/Screener-VERSION-x64.msi
    python build_installer.py --target macos    # on macOS: also dist/Screener-VERSION-macos-ARCH.dmg
    python build_installer.py --target windows --dry-run   # anywhere: the WiX source (and,
                                                # with wixl, an MSI of placeholder programs)

Steps: stage a copy of the sources with `screener/_build_info.py` (version from
pyproject.toml, build date; never written into the source tree), run PyInstaller on
`freeze/screener.spec` (what is left out and why: `freeze/contents.py`), check what went in
(forms, rules, resources, migrations; no databases, keys, bundles or tests), print the size,
and run the frozen app's `--self-test` offscreen in a scratch home folder: the build fails
if the self-test fails or the app wrote anything of its own into that home. Then wrap it for
the target's IT (freeze/installers.py): an MSI on Windows, a signed .dmg on macOS.
PyInstaller does not cross-build: each target is built on its own system (CI does all three).
"""

from __future__ import annotations

import argparse
import os
import platform
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from datetime import UTC, datetime
from pathlib import Path

from freeze import installers

REPO = Path(__file__).resolve().parent
TARGETS = ("windows", "macos", "linux")
SPEC = REPO / "freeze" / "screener.spec"
#: The size the folder should stay under (a naive PyInstaller build is about 260 MB).
SIZE_GOAL_MB = 120.0
#: Files that must never be inside a build: personal data, keys, sync files, test data.
FORBIDDEN_SUFFIXES = (".db", ".sqlcipher", ".keys", ".screener-bundle", ".screener-enroll",
                      ".screener-device", ".device", "-wal", "-shm")
#: Files the app reads at run time, relative to the bundle's data folder.
REQUIRED_FILES = ("forms/intake.yaml", "forms/consent.yaml", "rules/housing.yaml",
                  "rules/tests", "resources/programs.yaml", "resources/documents.yaml",
                  "resources/i18n/screener_es.qm", "resources/icons/screener.svg",
                  "resources/fonts/DejaVuSans.ttf", "screener/store/migrations/0001_initial.sql",
                  "screener/services/__init__.pyi")
#: Names of what the app creates for a person (the data folder, QSettings file).
OWN_NAMES = ("Screener", "LACountyReentry", "screener.db", "screener-selftest-", "screener-demo-")


class BuildError(Exception):
    """A build step failed; the message says which and why."""


def read_version(pyproject: Path = REPO / "pyproject.toml") -> str:
    """The version in pyproject.toml's [project] table."""
    with pyproject.open("rb") as f:
        return str(tomllib.load(f)["project"]["version"])


def build_date() -> str:
    """Today (UTC), or the day of SOURCE_DATE_EPOCH for a reproducible build."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)
    return moment.date().isoformat()


def host_target() -> str:
    """The target this machine builds for."""
    if sys.platform.startswith("win"):
        return "windows"
    return "macos" if sys.platform == "darwin" else "linux"


def platform_tag() -> str:
    """e.g. linux-x86_64, win32-amd64, darwin-arm64."""
    return f"{sys.platform}-{platform.machine().lower() or 'unknown'}"


def stage_sources(stage: Path, version: str, date: str) -> Path:
    """Copy screener/, forms/, rules/, resources/ into `stage` and stamp the version there."""
    if stage.exists():
        shutil.rmtree(stage)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "_build_info.py")
    for name in ("screener", "forms", "rules", "resources"):
        shutil.copytree(REPO / name, stage / name, ignore=ignore)
    shutil.copyfile(REPO / "freeze" / "entry.py", stage / "entry.py")
    (stage / "screener" / "_build_info.py").write_text(
        '"""Written by build_installer.py into the frozen build only."""\n\n'
        f"VERSION = {version!r}\nBUILD_DATE = {date!r}\n", encoding="utf-8")
    return stage


def run_pyinstaller(stage: Path, dist: Path, work: Path, onefile: str | None,
                    clean: bool) -> float:
    """Run PyInstaller on the spec; returns seconds. Its log goes to WORK/pyinstaller.log."""
    command = [sys.executable, "-m", "PyInstaller", str(SPEC), "--noconfirm",
               "--distpath", str(dist), "--workpath", str(work / "pyinstaller"),
               "--log-level", "WARN", *(["--clean"] if clean else []),
               "--", "--stage", str(stage), *(["--onefile", "--name", onefile] if onefile else [])]
    log = work / "pyinstaller.log"
    # Neither the working folder nor PYTHONPATH may put the repository's screener/ ahead of
    # the staged copy (the one with _build_info.py).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    start = time.perf_counter()
    with log.open("w", encoding="utf-8") as out:
        done = subprocess.run(command, stdout=out, stderr=subprocess.STDOUT, cwd=work, env=env,
                              check=False)
    if done.returncode != 0:
        tail = "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-30:])
        raise BuildError(f"PyInstaller failed (exit {done.returncode}); end of {log}:\n{tail}")
    return time.perf_counter() - start


def size_of(path: Path) -> tuple[int, int]:
    """(bytes, files) of a file or folder; symbolic links count as links, not their targets."""
    if path.is_file():
        return path.stat().st_size, 1
    total = files = 0
    for root, _dirs, names in os.walk(path):
        for name in names:
            total += os.lstat(os.path.join(root, name)).st_size
            files += 1
    return total, files


def bundle_names(program: Path, app_root: Path | None) -> list[str]:
    """Every path inside the build, relative to its data folder (for a one-file build, the
    names in its archive)."""
    if app_root is not None:
        return [p.relative_to(app_root).as_posix() for p in app_root.rglob("*")]
    from PyInstaller.archive.readers import CArchiveReader

    return sorted(str(name).replace("\\", "/") for name in CArchiveReader(str(program)).toc)


def check_contents(names: list[str]) -> list[str]:
    """Problems with what went into the build (empty: fine)."""
    present = set(names)
    problems = [f"missing {required}" for required in REQUIRED_FILES
                if required not in present and not any(n.startswith(required + "/") for n in names)]
    for name in names:
        parts = name.split("/")
        if name.endswith(FORBIDDEN_SUFFIXES):
            problems.append(f"must not ship {name}")
        if parts[0] == "tests" or "fixtures" in parts:
            problems.append(f"test files in the build: {name}")
    return problems


def check_version(program: Path, expected: str) -> str:
    """The built program's `--version`; BuildError unless it is `expected` (proof that the
    staged, stamped sources were frozen, not a checkout found on the path)."""
    home = Path(tempfile.mkdtemp(prefix="screener-build-home-"))
    try:
        done = subprocess.run([str(program), "--version"], env=scratch_env(home),
                              capture_output=True, text=True, timeout=120, check=False)
    finally:
        shutil.rmtree(home, ignore_errors=True)
    found = done.stdout.strip()
    if done.returncode != 0 or found != expected:
        raise BuildError(f"the built program says {found or done.stderr.strip()!r}, "
                         f"expected {expected!r}")
    return found


def scratch_env(home: Path) -> dict[str, str]:
    """An environment whose home, data, config, cache and temp folders are all in `home`."""
    keep = ("PATH", "LANG", "LC_ALL", "SYSTEMROOT", "WINDIR", "SCREENER_KDF_FAST")
    env = {k: v for k, v in os.environ.items() if k in keep}
    tmp = home / "tmp"
    tmp.mkdir(parents=True, exist_ok=True)
    env.update(HOME=str(home), USERPROFILE=str(home), APPDATA=str(home / "AppData"),
               LOCALAPPDATA=str(home / "AppData" / "Local"),
               XDG_DATA_HOME=str(home / ".local" / "share"), XDG_CONFIG_HOME=str(home / ".config"),
               XDG_CACHE_HOME=str(home / ".cache"), TMPDIR=str(tmp), TEMP=str(tmp), TMP=str(tmp),
               QT_QPA_PLATFORM="offscreen")
    return env


def own_files_in(home: Path) -> list[str]:
    """What the app left in a scratch home: anything named like Screener's own files."""
    return sorted(str(p.relative_to(home)) for p in home.rglob("*")
                  if any(name in p.name for name in OWN_NAMES))


def run_self_test(program: Path) -> tuple[bool, str]:
    """Run `program --self-test` offscreen in a scratch home; (passed, its output)."""
    home = Path(tempfile.mkdtemp(prefix="screener-build-home-"))
    try:
        done = subprocess.run([str(program), "--self-test"], env=scratch_env(home),
                              capture_output=True, text=True, encoding="utf-8",
                              errors="replace", timeout=300, check=False)
        output = (done.stdout + done.stderr).rstrip()
        left = own_files_in(home)
        if left:
            output += f"\nThe self-test left files of its own in the home folder: {left}"
        return done.returncode == 0 and not left, output
    finally:
        shutil.rmtree(home, ignore_errors=True)


def make_archive(folder: Path, base: Path) -> Path:
    """A .zip (Windows) or .tar.gz of the application folder, for copying to laptops."""
    fmt = "zip" if sys.platform.startswith("win") else "gztar"
    return Path(shutil.make_archive(str(base), fmt, root_dir=folder.parent, base_dir=folder.name))


def _line(label: str, text: str) -> None:
    print(f"  {label:<22} {text}", flush=True)


def build(args: argparse.Namespace) -> Path:
    """Every step; returns the built program. Raises BuildError."""
    try:
        import PyInstaller
    except ImportError:
        raise BuildError("PyInstaller is not installed: pip install -e '.[build]'") from None
    start = time.perf_counter()
    version, date, tag = read_version(), build_date(), platform_tag()
    dist, work = Path(args.dist).resolve(), Path(args.work).resolve()
    work.mkdir(parents=True, exist_ok=True)
    print(f"Screener {version}, built {date}, for {tag}", flush=True)
    stage = stage_sources(work / "stage", version, date)
    _line("staged sources", str(stage))
    onefile = f"screener-{version}-{tag}" if args.onefile else None
    seconds = run_pyinstaller(stage, dist, work, onefile, args.clean)
    _line(f"PyInstaller {PyInstaller.__version__}", f"{seconds:.0f} s (log: {work / 'pyinstaller.log'})")
    dropped = (work / "dropped.txt").read_text(encoding="utf-8").split()
    _line("left out", f"{len(dropped)} Qt plugins, libraries and translations ({work / 'dropped.txt'})")

    exe = ".exe" if sys.platform.startswith("win") else ""
    if onefile:
        program, app_root, built = dist / f"{onefile}{exe}", None, dist / f"{onefile}{exe}"
    else:
        built = dist / "Screener"
        program, app_root = built / f"screener{exe}", built / "_internal"
    stamped = check_version(program, f"Screener {version} (built {date})")
    _line("version", stamped)
    problems = check_contents(bundle_names(program, app_root))
    if problems:
        raise BuildError("the build's contents are wrong:\n  " + "\n  ".join(problems[:20]))
    _line("contents", "forms, rules, resources, migrations; no databases, keys or test files")

    size, files = size_of(built)
    megabytes = size / 1e6
    over = "" if megabytes <= SIZE_GOAL_MB else f"  (over the {SIZE_GOAL_MB:.0f} MB goal)"
    _line("size", f"{megabytes:.1f} MB in {files} files: {built}{over}")
    if args.max_mb is not None and megabytes > args.max_mb:
        raise BuildError(f"{built} is {megabytes:.1f} MB, more than --max-mb {args.max_mb}")

    if not args.skip_self_test:
        passed, output = run_self_test(program)
        _line("self-test (offscreen)", "")
        print("\n".join("    " + line for line in output.splitlines()), flush=True)
        if not passed:
            raise BuildError("the frozen app's self-test failed (output above)")
    if args.archive and app_root is not None:
        archive = make_archive(built, dist / f"Screener-{version}-{tag}")
        _line("archive", f"{archive} ({archive.stat().st_size / 1e6:.1f} MB)")
    if app_root is not None:
        wrap(args.target, built, version, skip_self_test=args.skip_self_test)
    print(f"Built {built} in {time.perf_counter() - start:.0f} s.", flush=True)
    return program


def wrap(target: str, built: Path, version: str, skip_self_test: bool) -> None:
    """The installer IT deploys: an MSI (Windows), a .dmg (macOS); Linux has its archive."""
    try:
        if target == "windows":
            msi = installers.package_windows(built, version)
            _line("installer", f"{msi} ({msi.stat().st_size / 1e6:.1f} MB; WiX source "
                               f"{msi.parent / 'Screener.wxs'})")
        elif target == "macos":
            bundle = built.parent / "Screener.app"
            if not skip_self_test:
                passed, output = run_self_test(bundle / "Contents" / "MacOS" / "screener")
                _line("self-test (.app)", "passed" if passed else "FAILED")
                if not passed:
                    raise BuildError(f"the .app's self-test failed:\n{output}")
            dmg = installers.package_macos(bundle, version, platform.machine().lower())
            _line("installer", f"{dmg} ({dmg.stat().st_size / 1e6:.1f} MB)")
    except (OSError, ValueError) as exc:
        raise BuildError(f"wrapping the app for {target} failed: {exc}") from None


def dry_run(target: str, work: Path) -> None:
    """On another system: write what the target's installer is made from, and check it as
    far as this machine can (wixl compiles the WiX source into an MSI of placeholders)."""
    version, date = read_version(), build_date()
    work = work / f"dry-run-{target}"
    print(f"Screener {version}: dry run of the {target} installer in {work}", flush=True)
    stage = stage_sources(work / "stage", version, date)

    def show(command: list[str], cwd: Path) -> None:
        _line("would run", f"(in {cwd}) {shlex.join(command)}")

    try:
        if target == "windows":
            app = installers.stand_in_windows_app(stage, work / "Screener")
            wixl = {"wixl"} if shutil.which("wixl") else set()
            msi = installers.package_windows(
                app, version, run=installers.run_command if wixl else show,
                tools=wixl or {"candle", "light"})
            _line("WiX source", str(work / "Screener.wxs"))
            _line("MSI (placeholders)", f"{msi} ({msi.stat().st_size / 1e3:.0f} kB)"
                  if msi.exists() else "not compiled (no wixl here: apt install wixl)")
        elif target == "macos":
            env = {"SCREENER_MACOS_IDENTITY": "Developer ID Application: COUNTY (TEAMID)",
                   "SCREENER_NOTARY_PROFILE": "screener-notary", **os.environ}
            installers.package_macos(work / "Screener.app", version, "arm64", run=show, env=env)
        else:
            raise BuildError("a Linux build needs no installer: --archive packs the folder")
    except (OSError, ValueError) as exc:
        raise BuildError(f"the {target} dry run failed: {exc}") from None


def main(argv: list[str] | None = None) -> int:
    """The command line; exit 0 when the build and its self-test passed, 1 otherwise."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--onefile", action="store_true", help="one executable file instead of a folder")
    parser.add_argument("--dist", type=Path, default=REPO / "dist", help="output folder (default: dist)")
    parser.add_argument("--work", type=Path, default=REPO / "build" / "installer",
                        help="scratch folder (default: build/installer)")
    parser.add_argument("--clean", action="store_true", help="empty PyInstaller's cache first")
    parser.add_argument("--archive", action="store_true", help="also pack the folder (.tar.gz / .zip)")
    parser.add_argument("--max-mb", type=float, default=None, help="fail if the build is larger")
    parser.add_argument("--skip-self-test", action="store_true",
                        help="do not run the frozen self-test (not for builds you hand out)")
    parser.add_argument("--target", choices=TARGETS, default=host_target(),
                        help="the system to build for (default: this one; each builds on its own)")
    parser.add_argument("--dry-run", action="store_true",
                        help="only write and check the target's installer input files")
    args = parser.parse_args(argv)
    try:
        if args.dry_run:
            dry_run(args.target, Path(args.work).resolve())
            return 0
        if args.target != host_target():
            raise BuildError(f"build for {args.target} on {args.target}: PyInstaller cannot "
                             f"cross-build from {host_target()} (--dry-run writes the "
                             "installer's input files here)")
        build(args)
    except BuildError as exc:
        print(f"build_installer: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
