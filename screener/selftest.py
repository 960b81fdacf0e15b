"""`screener --self-test`: is this installation sound? Checked on throwaway data only.

In a private temporary folder it loads every form and rule file (and runs the rule tests),
creates two encrypted databases (an office and a field laptop), takes a sample client's
intake, screens it, writes a packet PDF, exports a bundle from the laptop and imports it at
the office, checks the desktop libraries (Qt, the icon, the translations, the PDF preview,
printing), checks that nothing personal reached the disk unencrypted, and removes the
folder. The person's own data folder is never written, and only the content pack in force
there is read (the self-test checks it and screens with it).

The key derivation is the real one (about 0.3 s per sign-in), unless the environment asks
for the cheap test parameters (`SCREENER_KDF_FAST=1`).
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import pkgutil
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

import screener
from screener import paths, platform, services, version_text
from screener.clock import SystemClock
from screener.domain import ClientIdentity
from screener.services.screening import pack_folders
from screener.store.sqlite import scalar
from screener.sync import content

PASSWORD = "self-test-password-1"
#: Sample client's names: distinctive (so the plaintext scan cannot match by chance), with
#: the accents a Spanish name has.
FIRST_NAME = "Zulematést"
LAST_NAME = "Ibáñez-Quetzaltest"
#: Modules the walk leaves out: `__main__` runs the app; the screenshot scripts are a
#: developer's tool that the installed app does not have.
_NOT_IMPORTED = ("screener.__main__", "screener.ui.screenshots")


@dataclass(frozen=True)
class StepResult:
    """One step: passed or not (None: skipped after an earlier failure), time, what it found."""

    name: str
    ok: bool | None
    seconds: float
    detail: str


@dataclass(frozen=True)
class SelfTestReport:
    """Every step's result, in order."""

    steps: tuple[StepResult, ...]

    @property
    def ok(self) -> bool:
        """True when every step passed."""
        return all(s.ok for s in self.steps)


@dataclass
class _Run:
    """What the steps share: the folder, the clock, the open sessions, what they made."""

    folder: Path
    desktop: bool
    clock: SystemClock = field(default_factory=SystemClock)
    sessions: dict[str, services.Session] = field(default_factory=dict)
    client_id: str = ""
    programs: tuple[str, ...] = ()
    packet: Path | None = None
    packet_pages: int = 0
    #: The content pack in force for the person's database (None: the built-in set); the
    #: self-test checks it and screens with it. Read before any throwaway database is opened.
    pack: content.InstalledPack | None = field(
        default_factory=lambda: content.in_force(paths.content_dir()))

    def _folders(self) -> tuple[Path, Path, Path]:
        if self.pack is not None:
            return pack_folders(self.pack.folder)
        return paths.forms_dir(), paths.rules_dir(), paths.resources_dir()

    def step_forms(self) -> str:
        from screener.forms import check_files

        forms = self._folders()[0]
        errors = [d for d in check_files(None, forms) if d.is_error]
        if errors:
            raise AssertionError(f"{len(errors)} error(s), first: {errors[0]}")
        files = sorted(forms.rglob("*.yaml"))
        where = f"content pack {self.pack.label}" if self.pack else "built in"
        return f"{len(files)} form files ({where})"

    def step_rules(self) -> str:
        forms, rules, resources = self._folders()
        check = services.check_rules(rules, forms, resources)
        if not check.ok:
            raise AssertionError(f"{len(check.errors)} error(s), first: {check.errors[0]}")
        report = services.run_rule_tests(services.rule_test_files(rules),
                                         setup=services.load_setup(forms, rules, resources))
        broken = [f.file for f in report.files if f.error]
        if report.failed or broken or not report.passed:
            raise AssertionError(f"rule tests: {report.failed} failed, files in error: {broken}")
        return f"{len(check.files)} rule files, {check.programs} programs, {report.passed} rule tests"

    def step_modules(self) -> str:
        names = _walk("screener", skip=("screener.ui",))
        return f"{len(names)} modules"

    def step_database(self) -> str:
        for name in ("office", "field"):
            path = self.folder / f"{name}.db"
            services.create_database(path, "admin", PASSWORD, self.clock)
            if self.pack is not None:  # the throwaway laptop screens with the pack in force
                pack = content.read_pack((self.pack.folder / content.PACK_FILE).read_bytes(),
                                         self.pack.label)
                content.install(paths.content_dir(path), pack, self.pack.label, lambda _: None)
            self.sessions[name] = services.open_session(path, "admin", PASSWORD, self.clock)
        conn = self.sessions["field"].repos.db.conn
        cipher, schema = scalar(conn, "PRAGMA cipher_version"), scalar(conn, "PRAGMA user_version")
        if not str(cipher).startswith("4."):
            raise AssertionError(f"SQLCipher {cipher}; Screener needs SQLCipher 4")
        return f"SQLCipher {cipher}, schema {schema}, {_kdf_name()} key derivation"

    def step_intake(self) -> str:
        from screener.demo.people import PersonFactory

        session = self.sessions["field"]
        person = PersonFactory(2026, self.clock.today()).person()
        answers = {**person.answers, "first_name": FIRST_NAME, "last_name": LAST_NAME}
        answers.pop("preferred_name", None)
        identity = ClientIdentity(FIRST_NAME, LAST_NAME, dob=person.identity.dob,
                                  preferred_language="en")
        client = services.create_client(session, identity)
        intake = services.start_intake(session, client.id, "intake", 1)
        for field_id, value in answers.items():
            services.save_answer(session, intake.id, field_id, value)
        services.complete_intake(session, intake.id)
        self.client_id = client.id
        return f"{len(answers)} answers, completed"

    def step_screening(self) -> str:
        screening = services.client_screening(self.sessions["field"], self.client_id)
        if screening is None or not screening.determinations:
            raise AssertionError("the completed intake has no determinations")
        outcomes = [d.outcome.value for d in screening.determinations]
        # A packet goes to one provider and cannot name health programs without consent.
        choices = [c for c in services.packet_choices(self.sessions["field"], self.client_id)
                   if c.consent_needed is None]
        ready = [c for c in choices if c.referable] or choices
        self.programs = tuple(c.program_id for c in ready
                              if c.provider == ready[0].provider)[:3]
        return ", ".join(f"{outcomes.count(o)} {o.replace('_', ' ')}"
                         for o in ("eligible", "not_eligible", "needs_information"))

    def step_packet(self) -> str:
        self.packet = self.folder / "packet.pdf"
        result = services.save_packet(self.sessions["field"], self.client_id, self.programs,
                                      self.packet)
        data = self.packet.read_bytes()
        if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-1024:]:
            raise AssertionError("the packet is not a complete PDF")
        self.packet_pages = result.page_count
        return f"{result.page_count} pages, {len(data) // 1024} KB, {len(self.programs)} programs"

    def step_bundle(self) -> str:
        office, laptop = self.sessions["office"], self.sessions["field"]
        enroll, device = self.folder / "office.screener-enroll", self.folder / "laptop.device"
        services.init_office(office, "Self-test office", enroll)
        services.join_office(laptop, enroll, "Self-test laptop", device)
        services.enroll_device(office, device)
        bundle = self.folder / "selftest.screener-bundle"
        exported = services.export_bundle(laptop, bundle)
        imported = services.import_bundle(office, bundle)
        if services.get_client(office, self.client_id).last_name != LAST_NAME:
            raise AssertionError("the office does not have the laptop's client after import")
        added = sum(n for _, n in imported.added)
        if added != exported.records:
            raise AssertionError(f"exported {exported.records} records, imported {added}")
        return f"{exported.records} records, {bundle.stat().st_size // 1024} KB"

    def step_desktop(self) -> str:
        from screener.ui.selfcheck import check_desktop

        assert self.packet is not None, "no packet to preview"
        checked = check_desktop(self.packet, self.packet_pages, self.folder)
        return f"{checked}, {len(_walk('screener.ui'))} UI modules"

    def step_plaintext(self) -> str:
        """Nothing personal outside the encrypted files (the PDF is the one file saved on purpose)."""
        needles = [s.encode("utf-8") for s in (FIRST_NAME, LAST_NAME)]
        scanned = [p for p in self.folder.rglob("*") if p.is_file() and p != self.packet]
        extracted = _onefile_extraction_folder()
        if extracted is not None:
            scanned += [p for p in extracted.rglob("*") if p.is_file()]
        leaks = [str(p) for p in scanned if any(n in p.read_bytes() for n in needles)]
        if leaks:
            raise AssertionError(f"plaintext personal data in: {', '.join(leaks)}")
        where = " and the one-file extraction folder" if extracted else ""
        return f"{len(scanned)} files scanned{where}"

    def close(self) -> None:
        for session in self.sessions.values():
            session.close()
        self.sessions.clear()


def _kdf_name() -> str:
    return "fast (SCREENER_KDF_FAST)" if os.environ.get("SCREENER_KDF_FAST") == "1" else "real"


def _walk(package: str, skip: tuple[str, ...] = ()) -> list[str]:
    """Import every module of `package` (a frozen build must hold all of them)."""
    root = importlib.import_module(package)
    names = [package]
    for info in pkgutil.walk_packages(root.__path__, package + "."):
        if info.name.startswith(_NOT_IMPORTED + skip):
            continue
        importlib.import_module(info.name)
        names.append(info.name)
    return names


def _onefile_extraction_folder() -> Path | None:
    """Where a one-file build unpacked itself (a temporary folder), else None."""
    meipass = getattr(sys, "_MEIPASS", None)
    if not meipass:
        return None
    folder = Path(meipass).resolve()
    # PyInstaller names the extraction folder _MEIxxxxxx; a one-folder build's is `_internal`
    return folder if folder.name.startswith("_MEI") else None


@contextmanager
def _private_temp(folder: Path) -> Iterator[None]:
    """Route this process's temporary files into `folder`, so the plaintext scan sees them."""
    names = platform.current().temp_env_vars  # TMPDIR; on Windows also TMP and TEMP
    saved_env, saved_dir = {n: os.environ.get(n) for n in names}, tempfile.tempdir
    platform.current().private_folder(folder)
    tempfile.tempdir = str(folder)
    os.environ.update(dict.fromkeys(names, str(folder)))
    try:
        yield
    finally:
        tempfile.tempdir = saved_dir
        for name, value in saved_env.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _desktop_available() -> bool:
    return importlib.util.find_spec("PySide6") is not None


def self_test(
    parent: Path | None = None,
    desktop: bool | None = None,
    on_step: Callable[[StepResult], None] | None = None,
) -> SelfTestReport:
    """Run every step in a new private folder under `parent` (default: the system's temporary
    folder) and remove it. After a failure the remaining steps are skipped; clean-up always
    runs. `desktop` (default: when PySide6 is installed) adds the Qt checks."""
    folder = platform.current().private_temp_dir("screener-selftest-", parent)
    run = _Run(folder, desktop=_desktop_available() if desktop is None else desktop)
    steps: list[tuple[str, Callable[[], str]]] = [
        ("forms", run.step_forms),
        ("rules and rule tests", run.step_rules),
        ("program modules", run.step_modules),
        ("encrypted databases", run.step_database),
        ("sample intake", run.step_intake),
        ("screening", run.step_screening),
        ("packet PDF", run.step_packet),
        ("bundle export and import", run.step_bundle),
    ]
    if run.desktop:
        steps.append(("desktop libraries", run.step_desktop))
    steps.append(("no plaintext on disk", run.step_plaintext))
    results: list[StepResult] = []

    def record(result: StepResult) -> None:
        results.append(result)
        if on_step is not None:
            on_step(result)

    try:
        with _private_temp(folder / "tmp"):
            failed = False
            for name, step in steps:
                if failed:
                    record(StepResult(name, None, 0.0, "skipped"))
                    continue
                result = _timed(name, step)
                failed = not result.ok
                record(result)
    finally:
        record(_timed("clean up", lambda: _clean_up(run)))
    return SelfTestReport(tuple(results))


def _timed(name: str, step: Callable[[], str]) -> StepResult:
    start = time.perf_counter()
    try:
        detail = step()
    except Exception as exc:  # noqa: BLE001 - a self-test reports every failure and goes on
        return StepResult(name, False, time.perf_counter() - start, _describe(exc))
    return StepResult(name, True, time.perf_counter() - start, detail)


def _describe(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0] if text else ''}".rstrip(": ")


def _clean_up(run: _Run) -> str:
    run.close()
    shutil.rmtree(run.folder)
    if run.folder.exists():
        raise AssertionError(f"{run.folder} is still there")
    return "temporary folder removed"


def _marks(stream: TextIO) -> tuple[str, str, str]:
    """✓ ✗ – where the console can show them (a Windows code page may not)."""
    try:
        "✓✗–".encode(getattr(stream, "encoding", None) or "utf-8")  # None: an in-memory text
    except (UnicodeEncodeError, LookupError):
        return "ok", "FAIL", "-"
    return "✓", "✗", "–"


def run_self_test(out: TextIO | None = None, desktop: bool | None = None) -> int:
    """Print each step with ✓/✗ and its time as it finishes; 0 if all passed, else 1."""
    stream = out or sys.stdout
    passed, failed, skipped = _marks(stream)
    frozen = "frozen build" if getattr(sys, "frozen", False) else "from source"
    where = Path(screener.__file__).parent
    print(f"{version_text()} self-test ({frozen}, {platform.current().name}, {where})",
          file=stream, flush=True)

    def show(r: StepResult) -> None:
        mark = passed if r.ok else (skipped if r.ok is None else failed)
        print(f"  {mark} {r.name:<26} {r.seconds:6.2f} s  {r.detail}", file=stream, flush=True)

    start = time.perf_counter()
    report = self_test(desktop=desktop, on_step=show)
    total = time.perf_counter() - start
    bad = [s.name for s in report.steps if not s.ok]
    if bad:
        print(f"Self-test FAILED ({', '.join(bad)}) in {total:.1f} s.", file=stream, flush=True)
        return 1
    print(f"Self-test passed: {len(report.steps)} steps in {total:.1f} s.", file=stream, flush=True)
    return 0
