"""What differs between Windows, macOS and Linux, in one place.

The rest of Screener never asks which system it runs on: it calls `current()` and uses what
it gets (KeePassXC's `src/gui/osutils/`: OSUtilsBase with winutils, macutils and nixutils
behind it, chosen once). `for_platform("win32")` builds the object of another system, so the
tests run every branch on Linux. The Windows calls themselves (a DACL, Windows Error
Reporting) go through `Win32`, a thin ctypes layer: the only part that runs on Windows alone
(docs/PLATFORMS.md lists what is verified on the first Windows run, and how).
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path, PureWindowsPath
from typing import Any, Protocol

#: POSIX modes of what only the owner may read or write.
PRIVATE_FILE_MODE = 0o600
PRIVATE_FOLDER_MODE = 0o700

_PR_SET_DUMPABLE = 4
# SetErrorMode: no "program stopped working" box, no critical-error or missing-file boxes
SEM_FAILCRITICALERRORS = 0x0001
SEM_NOGPFAULTERRORBOX = 0x0002
SEM_NOOPENFILEERRORBOX = 0x8000
WINDOWS_ERROR_MODE = SEM_FAILCRITICALERRORS | SEM_NOGPFAULTERRORBOX | SEM_NOOPENFILEERRORBOX
#: WerSetFlags: a report Windows still makes (an administrator's LocalDumps) leaves out the heap,
#: where decrypted records live.
WER_FAULT_REPORTING_FLAG_NOHEAP = 0x1


def owner_only_sddl(user_sid: str, folder: bool) -> str:
    """The security descriptor (SDDL) of a file or folder only `user_sid` may open.

    `D:P` is a protected DACL: nothing inherited from the parent folder (which on Windows
    lets Administrators, SYSTEM and often Users in). One ACE grants the user full access;
    on a folder it is inherited by every file and folder created inside (`OICI`).
    """
    if not user_sid.startswith("S-1-"):
        raise ValueError(f"not a Windows security identifier: {user_sid!r}")
    inherit = "OICI" if folder else ""
    return f"D:P(A;{inherit};FA;;;{user_sid})"


class Platform:
    """The Linux (and other POSIX) behaviour; `Windows` and `MacOS` override what differs."""

    #: How Screener names this system to people ("linux", "windows", "macos").
    name = "linux"
    #: Environment variables naming the temporary folder (Python, Qt and child processes).
    temp_env_vars: tuple[str, ...] = ("TMPDIR",)
    #: Whether a folder can be fsynced (makes a rename durable).
    can_fsync_folders = True
    #: Handwriting-like fonts for a typed signature, the first one installed wins.
    signature_fonts: tuple[str, ...] = ("URW Chancery L", "Z003", "Comic Sans MS")
    #: Where the system queues print jobs: the printed pages wait there, unencrypted, until
    #: the printer took them (docs/PLATFORMS.md).
    print_spool = "/var/spool/cups"
    #: Qt's print support plugin on this system (the frozen app must carry it).
    print_plugin = "cupsprintersupport"

    def data_dir(self, app: str, author: str, env: Mapping[str, str] | None = None,
                 home: Path | None = None) -> Path:
        """The per-user folder for the database (`$XDG_DATA_HOME` or ~/.local/share)."""
        env = os.environ if env is None else env
        base = env.get("XDG_DATA_HOME", "").strip()
        if base and os.path.isabs(base):
            return Path(base) / app
        return (home or Path.home()) / ".local" / "share" / app

    def set_mode(self, path: Path, mode: int) -> None:
        """Give `path` the POSIX permissions `mode` (or their nearest equivalent)."""
        os.chmod(path, mode)

    def make_private(self, path: Path) -> None:
        """Only the current user may read or change `path` (a file or a folder)."""
        self.set_mode(path, PRIVATE_FOLDER_MODE if path.is_dir() else PRIVATE_FILE_MODE)

    def private_folder(self, path: Path) -> Path:
        """Create `path` (and its parents) if missing; a folder created here is private.
        An existing folder is left as it is: it may be one the person chose and shares."""
        try:
            path.mkdir(parents=True)
        except FileExistsError:
            return path
        self.make_private(path)
        return path

    def private_temp_dir(self, prefix: str, parent: Path | None = None) -> Path:
        """A new temporary folder only the current user may open."""
        folder = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
        self.make_private(folder)
        return folder

    def disable_crash_dumps(self) -> None:
        """No core file may hold decrypted records: RLIMIT_CORE 0 (and, on Linux, the
        process is marked not dumpable, which also keeps other processes of the same user
        from reading its memory through /proc or ptrace)."""
        import resource

        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        self._not_dumpable()

    def _not_dumpable(self) -> None:
        libc_name = ctypes.util.find_library("c")
        if libc_name:
            ctypes.CDLL(libc_name, use_errno=True).prctl(_PR_SET_DUMPABLE, 0, 0, 0, 0)

    def needs_offscreen(self, env: Mapping[str, str] | None = None) -> bool:
        """True when Qt has no display to talk to (a console, CI) and must draw offscreen:
        Qt aborts the process when the platform it wants is unavailable."""
        env = os.environ if env is None else env
        if env.get("QT_QPA_PLATFORM"):
            return False
        return not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"))


class Posix(Platform):
    """A Unix other than Linux and macOS (a BSD): Linux's ways without prctl."""

    name = "posix"

    def _not_dumpable(self) -> None:
        pass


class MacOS(Platform):
    name = "macos"
    signature_fonts = ("Snell Roundhand", "Apple Chancery", "Bradley Hand", "Noteworthy")
    print_spool = "/private/var/spool/cups"
    print_plugin = "cocoaprintersupport"

    def data_dir(self, app: str, author: str, env: Mapping[str, str] | None = None,
                 home: Path | None = None) -> Path:
        """~/Library/Application Support/APP."""
        return (home or Path.home()) / "Library" / "Application Support" / app

    def _not_dumpable(self) -> None:
        pass  # RLIMIT_CORE 0 is all macOS has; it keeps /cores empty

    def needs_offscreen(self, env: Mapping[str, str] | None = None) -> bool:
        return False  # the Cocoa platform is always there


class Win32Calls(Protocol):
    """The Windows calls `Windows` makes; `Win32` is the real one."""

    def user_sid(self) -> str: ...
    def set_dacl(self, path: str, sddl: str) -> None: ...
    def add_error_mode(self, flags: int) -> None: ...
    def wer_set_flags(self, flags: int) -> None: ...
    def wer_exclude(self, program: str) -> None: ...


class Windows(Platform):
    name = "windows"
    temp_env_vars = ("TMP", "TEMP", "TMPDIR")
    can_fsync_folders = False  # folders cannot be opened; NTFS journals renames itself
    signature_fonts = ("Segoe Script", "Lucida Handwriting", "Ink Free", "Comic Sans MS")
    print_spool = r"C:\Windows\System32\spool\PRINTERS"
    print_plugin = "windowsprintersupport"

    def __init__(self, win32: Win32Calls | None = None, program: str | None = None) -> None:
        self._win32 = win32
        self._program = program

    @property
    def win32(self) -> Win32Calls:
        if self._win32 is None:
            self._win32 = Win32()
        return self._win32

    def data_dir(self, app: str, author: str, env: Mapping[str, str] | None = None,
                 home: Path | None = None) -> Path:
        r"""%LOCALAPPDATA%\AUTHOR\APP: local, not roaming (the database must not follow the
        person to other computers through a roaming profile)."""
        env = os.environ if env is None else env
        base = env.get("LOCALAPPDATA", "").strip()
        root = Path(base) if base else (home or Path.home()) / "AppData" / "Local"
        return root / author / app

    def set_mode(self, path: Path, mode: int) -> None:
        """Owner-only modes (no group or other bits) become a DACL for the current user only;
        any other mode keeps the folder's inherited permissions (Windows has no mode bits:
        `os.chmod` only sets the read-only flag)."""
        if mode & 0o077 == 0:
            self.win32.set_dacl(str(path), owner_only_sddl(self.win32.user_sid(),
                                                            folder=path.is_dir()))

    def disable_crash_dumps(self) -> None:
        """No crash dialog and no Windows Error Reporting dump of this program; a dump an
        administrator configured anyway (LocalDumps) holds no heap."""
        self.win32.add_error_mode(WINDOWS_ERROR_MODE)
        self.win32.wer_set_flags(WER_FAULT_REPORTING_FLAG_NOHEAP)
        # a per-user registry entry: a locked-down profile may refuse it, and the two settings
        # above already keep the heap out of any dump, so Screener still starts
        with contextlib.suppress(OSError):
            self.win32.wer_exclude(PureWindowsPath(self._program or sys.executable).name)

    def needs_offscreen(self, env: Mapping[str, str] | None = None) -> bool:
        return False  # the Windows platform is always there


class Win32:
    """Thin ctypes wrappers over the Windows API, one call each; they raise OSError."""

    def __init__(self) -> None:
        from ctypes import wintypes as w

        win_dll: Any = getattr(ctypes, "WinDLL")  # noqa: B009 - absent where not Windows
        self._w = w
        self._kernel32 = win_dll("kernel32", use_last_error=True)
        self._advapi32 = win_dll("advapi32", use_last_error=True)
        self._wer = win_dll("wer", use_last_error=True)
        k, a = self._kernel32, self._advapi32
        k.GetCurrentProcess.restype = w.HANDLE
        k.CloseHandle.argtypes = [w.HANDLE]
        k.LocalFree.argtypes = [ctypes.c_void_p]
        k.LocalFree.restype = ctypes.c_void_p
        k.GetErrorMode.restype = w.UINT
        k.SetErrorMode.argtypes = [w.UINT]
        k.SetErrorMode.restype = w.UINT
        k.WerSetFlags.argtypes = [w.DWORD]
        k.WerSetFlags.restype = ctypes.c_long
        self._wer.WerAddExcludedApplication.argtypes = [w.LPCWSTR, w.BOOL]
        self._wer.WerAddExcludedApplication.restype = ctypes.c_long
        a.OpenProcessToken.argtypes = [w.HANDLE, w.DWORD, ctypes.POINTER(w.HANDLE)]
        a.GetTokenInformation.argtypes = [w.HANDLE, ctypes.c_int, ctypes.c_void_p, w.DWORD,
                                          ctypes.POINTER(w.DWORD)]
        a.ConvertSidToStringSidW.argtypes = [ctypes.c_void_p, ctypes.POINTER(w.LPWSTR)]
        a.ConvertStringSecurityDescriptorToSecurityDescriptorW.argtypes = [
            w.LPCWSTR, w.DWORD, ctypes.POINTER(ctypes.c_void_p), ctypes.c_void_p]
        a.GetSecurityDescriptorDacl.argtypes = [
            ctypes.c_void_p, ctypes.POINTER(w.BOOL), ctypes.POINTER(ctypes.c_void_p),
            ctypes.POINTER(w.BOOL)]
        a.SetNamedSecurityInfoW.argtypes = [w.LPWSTR, ctypes.c_int, w.DWORD, ctypes.c_void_p,
                                            ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p]
        a.SetNamedSecurityInfoW.restype = w.DWORD

    @staticmethod
    def _error(code: int) -> OSError:
        win_error: Any = getattr(ctypes, "WinError")  # noqa: B009 - absent where not Windows
        return win_error(code)  # type: ignore[no-any-return]

    def _fail(self, ok: object) -> None:
        if not ok:
            raise self._error(ctypes.get_last_error())  # type: ignore[attr-defined]

    def user_sid(self) -> str:
        """The current user's security identifier, e.g. `S-1-5-21-…-1001`."""
        w, k, a = self._w, self._kernel32, self._advapi32
        token = w.HANDLE()
        self._fail(a.OpenProcessToken(k.GetCurrentProcess(), 0x0008, ctypes.byref(token)))
        try:
            size = w.DWORD()
            a.GetTokenInformation(token, 1, None, 0, ctypes.byref(size))  # 1: TokenUser
            buffer = ctypes.create_string_buffer(size.value)
            self._fail(a.GetTokenInformation(token, 1, buffer, size, ctypes.byref(size)))
            sid = ctypes.c_void_p.from_buffer(buffer)  # TOKEN_USER starts with the SID pointer
            text = w.LPWSTR()
            self._fail(a.ConvertSidToStringSidW(sid, ctypes.byref(text)))
            try:
                return str(text.value)
            finally:
                k.LocalFree(ctypes.cast(text, ctypes.c_void_p))
        finally:
            k.CloseHandle(token)

    def set_dacl(self, path: str, sddl: str) -> None:
        """Replace the DACL of `path` with the one of `sddl` (inheritance off)."""
        w, a = self._w, self._advapi32
        descriptor = ctypes.c_void_p()
        self._fail(a.ConvertStringSecurityDescriptorToSecurityDescriptorW(
            sddl, 1, ctypes.byref(descriptor), None))  # 1: SDDL_REVISION_1
        try:
            present, defaulted, dacl = w.BOOL(), w.BOOL(), ctypes.c_void_p()
            self._fail(a.GetSecurityDescriptorDacl(descriptor, ctypes.byref(present),
                                                   ctypes.byref(dacl), ctypes.byref(defaulted)))
            # SE_FILE_OBJECT 1; DACL_SECURITY_INFORMATION | PROTECTED_DACL_SECURITY_INFORMATION
            error = a.SetNamedSecurityInfoW(path, 1, 0x00000004 | 0x80000000, None, None,
                                            dacl, None)
            if error:
                raise self._error(error)
        finally:
            self._kernel32.LocalFree(descriptor)

    def add_error_mode(self, flags: int) -> None:
        k = self._kernel32
        k.SetErrorMode(k.GetErrorMode() | flags)

    def wer_set_flags(self, flags: int) -> None:
        if self._kernel32.WerSetFlags(flags) != 0:
            raise OSError(f"WerSetFlags({flags:#x}) failed")

    def wer_exclude(self, program: str) -> None:
        """Leave `program` (a file name) out of Windows Error Reporting for this user."""
        if self._wer.WerAddExcludedApplication(program, False) != 0:
            raise OSError(f"WerAddExcludedApplication({program}) failed")


def for_platform(sys_platform: str) -> Platform:
    """The platform object for a `sys.platform` value ("win32", "darwin", "linux", ...)."""
    if sys_platform == "win32":
        return Windows()
    if sys_platform == "darwin":
        return MacOS()
    if sys_platform.startswith("linux"):
        return Platform()
    return Posix()


_current = for_platform(sys.platform)


def current() -> Platform:
    """The platform Screener runs on."""
    return _current
