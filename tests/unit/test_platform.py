"""The platform layer: every system's branch, run here on Linux by choosing the platform.

The Windows API calls themselves (`platform.Win32`) cannot run here: `RecordingWin32` stands
at that boundary and records what would be asked of Windows (docs/PLATFORMS.md).
"""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
import tempfile
from pathlib import Path, PureWindowsPath

import pytest

from screener import platform, selftest
from screener.platform import MacOS, Platform, Posix, Windows
from screener.store.atomic import atomic_write, fsync_dir

SID = "S-1-5-21-1004336348-1177238915-682003330-1001"


class RecordingWin32:
    """Answers like Windows would and records every call."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, object]] = []

    def user_sid(self) -> str:
        return SID

    def set_dacl(self, path: str, sddl: str) -> None:
        self.calls.append(("set_dacl", (path, sddl)))

    def add_error_mode(self, flags: int) -> None:
        self.calls.append(("add_error_mode", flags))

    def wer_set_flags(self, flags: int) -> None:
        self.calls.append(("wer_set_flags", flags))

    def wer_exclude(self, program: str) -> None:
        self.calls.append(("wer_exclude", program))

    def dacls(self) -> dict[str, str]:
        return {path: sddl for name, (path, sddl) in self._pairs() if name == "set_dacl"}

    def _pairs(self) -> list[tuple[str, tuple[str, str]]]:
        return [(n, a) for n, a in self.calls if isinstance(a, tuple)]


@pytest.fixture
def win32() -> RecordingWin32:
    return RecordingWin32()


@pytest.fixture
def on_windows(monkeypatch: pytest.MonkeyPatch, win32: RecordingWin32) -> RecordingWin32:
    """Screener believes it runs on Windows (the Windows calls are recorded)."""
    monkeypatch.setattr(platform, "_current", Windows(win32, program=r"C:\Screener\screener.exe"))
    return win32


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize(("name", "kind", "label"), [
    ("win32", Windows, "windows"), ("darwin", MacOS, "macos"), ("linux", Platform, "linux"),
    ("freebsd14", Posix, "posix"),
])
def test_for_platform_picks_each_systems_behaviour(name: str, kind: type, label: str) -> None:
    chosen = platform.for_platform(name)
    assert type(chosen) is kind
    assert chosen.name == label


def test_current_is_this_systems() -> None:
    assert type(platform.current()) is type(platform.for_platform(sys.platform))


def test_platform_questions_are_asked_only_in_the_platform_module() -> None:
    root = Path(platform.__file__).parent
    asking = re.compile(r"\bsys\.platform\b|\bos\.name\b")
    found = [str(p.relative_to(root)) for p in root.rglob("*.py")
             if asking.search(p.read_text(encoding="utf-8"))]
    assert found == ["platform.py"]


# --- the data folder -------------------------------------------------------------------------

def test_data_dir_windows_is_under_local_appdata() -> None:
    env = {"LOCALAPPDATA": r"C:\Users\ana\AppData\Local", "APPDATA": r"C:\Users\ana\AppData\Roaming"}
    got = Windows().data_dir("Screener", "LACountyReentry", env)
    assert PureWindowsPath(str(got)) == PureWindowsPath(
        r"C:\Users\ana\AppData\Local\LACountyReentry\Screener")


def test_data_dir_windows_without_local_appdata_uses_the_profile() -> None:
    got = Windows().data_dir("Screener", "LACountyReentry", {}, home=Path("/home/ana"))
    assert got == Path("/home/ana/AppData/Local/LACountyReentry/Screener")


def test_data_dir_macos_is_application_support() -> None:
    got = MacOS().data_dir("Screener", "LACountyReentry", {}, home=Path("/Users/ana"))
    assert got == Path("/Users/ana/Library/Application Support/Screener")


@pytest.mark.parametrize(("env", "expected"), [
    ({}, "/home/ana/.local/share/Screener"),
    ({"XDG_DATA_HOME": "/data/ana"}, "/data/ana/Screener"),
    ({"XDG_DATA_HOME": "relative/ignored"}, "/home/ana/.local/share/Screener"),
])
def test_data_dir_linux_follows_xdg(env: dict[str, str], expected: str) -> None:
    got = Platform().data_dir("Screener", "LACountyReentry", env, home=Path("/home/ana"))
    assert got == Path(expected)


# --- owner-only files and folders ------------------------------------------------------------

def test_owner_only_sddl_protects_a_file_and_a_folder() -> None:
    assert platform.owner_only_sddl(SID, folder=False) == f"D:P(A;;FA;;;{SID})"
    # a folder's one entry is inherited by everything created inside
    assert platform.owner_only_sddl(SID, folder=True) == f"D:P(A;OICI;FA;;;{SID})"


def test_owner_only_sddl_refuses_what_is_not_a_sid() -> None:
    with pytest.raises(ValueError, match="not a Windows security identifier"):
        platform.owner_only_sddl("ana)(A;;FA;;;WD", folder=False)


def test_windows_private_file_and_folder_get_an_owner_only_dacl(
        tmp_path: Path, win32: RecordingWin32) -> None:
    windows = Windows(win32)
    file = tmp_path / "screener.db.keys"
    file.write_bytes(b"k")
    windows.make_private(file)
    windows.make_private(tmp_path)
    assert win32.dacls() == {str(file): f"D:P(A;;FA;;;{SID})",
                             str(tmp_path): f"D:P(A;OICI;FA;;;{SID})"}


def test_windows_shared_mode_keeps_the_inherited_permissions(
        tmp_path: Path, win32: RecordingWin32) -> None:
    file = tmp_path / "office.screener-enroll"
    file.write_bytes(b"public key")
    Windows(win32).set_mode(file, 0o644)
    assert win32.calls == []


def test_posix_private_file_and_folder_get_owner_only_modes(tmp_path: Path) -> None:
    file = tmp_path / "f"
    file.write_bytes(b"x")
    os.chmod(file, 0o666)
    folder = tmp_path / "d"
    folder.mkdir(mode=0o777)
    for system in (Platform(), MacOS(), Posix()):
        system.make_private(file)
        system.make_private(folder)
        assert (mode(file), mode(folder)) == (0o600, 0o700)
        os.chmod(file, 0o666)
        os.chmod(folder, 0o777)


def test_private_folder_restricts_only_a_folder_it_creates(tmp_path: Path) -> None:
    chosen = tmp_path / "shared"
    chosen.mkdir(mode=0o755)
    os.chmod(chosen, 0o755)
    Platform().private_folder(chosen)
    assert mode(chosen) == 0o755  # the person's own folder: left as it is
    new = tmp_path / "a" / "Screener"
    assert Platform().private_folder(new) == new
    assert mode(new) == 0o700


def test_windows_private_folder_sets_a_dacl_on_the_new_folder_only(
        tmp_path: Path, win32: RecordingWin32) -> None:
    Windows(win32).private_folder(tmp_path)
    assert win32.calls == []
    Windows(win32).private_folder(tmp_path / "LACountyReentry" / "Screener")
    assert list(win32.dacls()) == [str(tmp_path / "LACountyReentry" / "Screener")]


def test_private_temp_dir_is_new_and_private(tmp_path: Path, win32: RecordingWin32) -> None:
    folder = Platform().private_temp_dir("screener-x-", tmp_path)
    assert folder.parent == tmp_path and folder.name.startswith("screener-x-")
    assert mode(folder) == 0o700
    other = Windows(win32).private_temp_dir("screener-x-", tmp_path)
    assert win32.dacls() == {str(other): f"D:P(A;OICI;FA;;;{SID})"}


def test_atomic_write_on_windows_protects_the_file_before_it_appears(
        tmp_path: Path, on_windows: RecordingWin32) -> None:
    target = tmp_path / "screener.db.keys"
    atomic_write(target, b"wrapped keys")
    [(written, sddl)] = on_windows.dacls().items()
    # the DACL went on the temporary file, which then became the keys file
    assert Path(written).parent == tmp_path and Path(written).name.startswith(".screener.db.keys.")
    assert sddl == f"D:P(A;;FA;;;{SID})"
    assert target.read_bytes() == b"wrapped keys"


def test_fsync_dir_is_skipped_only_where_folders_cannot_be_opened(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert Platform.can_fsync_folders and not Windows.can_fsync_folders
    missing = tmp_path / "gone"
    with pytest.raises(FileNotFoundError):
        fsync_dir(missing)  # Linux: really opened
    monkeypatch.setattr(platform, "_current", Windows(RecordingWin32()))
    fsync_dir(missing)  # Windows: nothing to open


# --- crash dumps -----------------------------------------------------------------------------

def test_windows_turns_off_error_reporting_dumps(win32: RecordingWin32) -> None:
    Windows(win32, program=r"C:\Program Files\Screener\screenerw.exe").disable_crash_dumps()
    assert win32.calls == [
        ("add_error_mode", platform.SEM_FAILCRITICALERRORS | platform.SEM_NOGPFAULTERRORBOX
         | platform.SEM_NOOPENFILEERRORBOX),
        ("wer_set_flags", platform.WER_FAULT_REPORTING_FLAG_NOHEAP),
        ("wer_exclude", "screenerw.exe"),
    ]


def test_windows_starts_when_its_profile_refuses_the_exclusion(win32: RecordingWin32) -> None:
    class Refusing(RecordingWin32):
        def wer_exclude(self, program: str) -> None:
            raise PermissionError("registry locked by policy")

    refusing = Refusing()
    Windows(refusing).disable_crash_dumps()
    assert [name for name, _ in refusing.calls] == ["add_error_mode", "wer_set_flags"]


_CHILD = """
import ctypes, ctypes.util, resource, sys
from screener import platform
getattr(platform, sys.argv[1])().disable_crash_dumps()
dumpable = ctypes.CDLL(ctypes.util.find_library("c")).prctl(3, 0, 0, 0, 0)  # PR_GET_DUMPABLE
print(resource.getrlimit(resource.RLIMIT_CORE), dumpable)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="asks Linux's prctl")
@pytest.mark.parametrize(("kind", "dumpable"), [("Platform", "0"), ("MacOS", "1"), ("Posix", "1")])
def test_posix_systems_allow_no_core_file(kind: str, dumpable: str) -> None:
    """In a child: the hard limit cannot be raised again. Only Linux has prctl."""
    out = subprocess.run([sys.executable, "-c", _CHILD, kind], capture_output=True, text=True,
                         check=True).stdout.split()
    assert out == ["(0,", "0)", dumpable]


# --- display, temporary files, fonts, printing -----------------------------------------------

@pytest.mark.parametrize(("env", "offscreen"), [
    ({}, True), ({"DISPLAY": ":0"}, False), ({"WAYLAND_DISPLAY": "wayland-0"}, False),
    ({"QT_QPA_PLATFORM": "xcb"}, False),
])
def test_linux_draws_offscreen_without_a_display(env: dict[str, str], offscreen: bool) -> None:
    assert Platform().needs_offscreen(env) is offscreen
    assert Posix().needs_offscreen(env) is offscreen


def test_windows_and_macos_always_have_a_display() -> None:
    assert not Windows().needs_offscreen({}) and not MacOS().needs_offscreen({})


def test_each_system_names_its_temp_variables_fonts_and_print_path() -> None:
    assert Windows.temp_env_vars == ("TMP", "TEMP", "TMPDIR")
    assert Platform.temp_env_vars == MacOS.temp_env_vars == ("TMPDIR",)
    assert "Segoe Script" in Windows.signature_fonts
    assert "Snell Roundhand" in MacOS.signature_fonts
    assert "URW Chancery L" in Platform.signature_fonts
    assert (Platform.print_plugin, Windows.print_plugin, MacOS.print_plugin) == (
        "cupsprintersupport", "windowsprintersupport", "cocoaprintersupport")
    assert Windows.print_spool.endswith(r"spool\PRINTERS")


def test_self_test_routes_every_windows_temp_variable_into_its_folder(
        tmp_path: Path, on_windows: RecordingWin32, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TMP", r"C:\Temp")
    monkeypatch.delenv("TEMP", raising=False)
    saved_tempdir = tempfile.tempdir
    folder = tmp_path / "tmp"
    with selftest._private_temp(folder):
        assert {n: os.environ[n] for n in ("TMP", "TEMP", "TMPDIR")} == dict.fromkeys(
            ("TMP", "TEMP", "TMPDIR"), str(folder))
        assert tempfile.gettempdir() == str(folder)
    assert os.environ["TMP"] == r"C:\Temp" and "TEMP" not in os.environ
    assert tempfile.tempdir == saved_tempdir
    assert on_windows.dacls() == {str(folder): f"D:P(A;OICI;FA;;;{SID})"}


def test_the_windows_api_layer_is_only_built_when_needed() -> None:
    windows = Windows()  # no Windows API touched: paths and names work anywhere
    assert windows.data_dir("S", "A", {"LOCALAPPDATA": "/x"}) == Path("/x/A/S")
    if not hasattr(__import__("ctypes"), "WinDLL"):
        with pytest.raises(AttributeError):
            windows.make_private(Path(__file__))
