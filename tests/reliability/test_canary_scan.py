"""Canary scan: marker strings as client data through the whole workflow (intake, screening,
packet in memory, printed to a file and saved, export and import, the desktop app), then a
crash by SIGSEGV; then every file the process could have touched is searched for the markers
as UTF-8, UTF-16 and base64.

Criterion: 0 hits outside the encrypted databases and the files the person chose to save
(the two packet PDFs); the encrypted DBs, their -wal/-shm/-journal, the keys files and the
exported bundle are searched too, and hold none. Also 0 core files.
"""

from __future__ import annotations

import os
import resource
import signal
import subprocess
from collections.abc import Callable
from pathlib import Path

from tests.reliability.children.canary_app import MARKERS
from tests.reliability.harness import child_command, child_env, files_under
from tests.reliability.leaks import hits, scan

#: The phone as stored (digits) and the parts of the note, besides the markers as given.
NEEDLES = [MARKERS["first"], MARKERS["last"], "2138671942", "8671942", "Marker7Hq3Zx9",
           "Gwendolyth"]


def _allow_core_dumps() -> None:
    resource.setrlimit(resource.RLIMIT_CORE, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))


def isolated_env(root: Path) -> dict[str, str]:
    """A home, temporary folder and XDG folders of the test's own."""
    home = root / "home"
    dirs = {"HOME": home, "TMPDIR": root / "tmp", "XDG_CACHE_HOME": home / ".cache",
            "XDG_DATA_HOME": home / ".local" / "share", "XDG_CONFIG_HOME": home / ".config",
            "XDG_RUNTIME_DIR": root / "run"}
    for folder in dirs.values():
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return child_env(**{k: str(v) for k, v in dirs.items()}, QT_QPA_PLATFORM="offscreen")


def core_files(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.name == "core" or p.name.startswith("core.")]


def test_markers_never_reach_the_disk_outside_the_encrypted_db(
        tmp_path: Path, figures: Callable[[str], None]) -> None:
    env = isolated_env(tmp_path)
    documents, office, work = tmp_path / "home" / "Documents", tmp_path / "office", tmp_path / "work"
    for folder in (documents, office, work):
        folder.mkdir(parents=True)
    shm_before = set(Path("/dev/shm").iterdir()) if Path("/dev/shm").is_dir() else set()
    done = subprocess.run(child_command("canary_app", str(documents), str(office)), cwd=work,
                          env=env, capture_output=True, timeout=300, preexec_fn=_allow_core_dumps)
    assert done.returncode == -signal.SIGSEGV, done.stderr.decode(errors="replace")[-3000:]
    assert b"core limit (0, 0) dumpable 0" in done.stdout
    chosen = {documents / "printed-to-file.pdf", documents / "saved-packet.pdf"}
    assert all(p.stat().st_size > 1000 for p in chosen)
    files = [p for p in files_under([tmp_path]) if p not in chosen]
    files += [p for p in Path("/dev/shm").iterdir() if p not in shm_before and p.is_file()] \
        if shm_before or Path("/dev/shm").is_dir() else []
    found = scan(files, NEEDLES)
    output_hits = hits(done.stdout + done.stderr, NEEDLES)
    cores = core_files(work)
    data_files = [p for p in files if ".db" in p.name or p.suffix == ".screener-bundle"]
    figures(f"{len(files)} files scanned ({sum(p.stat().st_size for p in files if p.exists()):,} "
            f"bytes, {len(data_files)} of them databases, WAL, keys and bundles) for "
            f"{len(NEEDLES)} markers × UTF-8/UTF-16/base64: {len(found)} files with hits, "
            f"{len(output_hits)} in stdout/stderr, {len(cores)} core files")
    assert found == {}
    assert output_hits == []
    assert cores == []


def test_without_hardening_this_machine_would_dump_core(
        tmp_path: Path, figures: Callable[[str], None]) -> None:
    """The negative control: the same crash, unhardened, leaves a core file here (when the
    kernel writes cores to the working folder), so the test above would see one."""
    code = "import os, signal; os.kill(os.getpid(), signal.SIGSEGV)"
    done = subprocess.run([child_command("canary_app")[0], "-c", code], cwd=tmp_path,
                          preexec_fn=_allow_core_dumps, capture_output=True, timeout=60)
    pattern = Path("/proc/sys/kernel/core_pattern").read_text().strip()
    cores = core_files(tmp_path)
    figures(f"negative control: an unhardened SIGSEGV left {len(cores)} core file(s) "
            f"(core_pattern {pattern!r})")
    assert done.returncode == -signal.SIGSEGV
    if pattern.startswith("core") and os.access(tmp_path, os.W_OK):
        assert cores, "an unhardened crash should have dumped core here"
