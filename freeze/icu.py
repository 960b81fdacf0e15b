"""A smaller ICU data library for the Linux build (32 MB -> about 4 MB).

The PySide6 wheel's Qt links ICU, whose data library (`libicudata.so.NN`) holds the data of
every language in the world. Qt uses it for collation (sorting), case mapping, character
properties, normalisation and text boundaries; the app speaks English and Spanish. This keeps
ICU's core data, the English and Spanish locales (and `root`, which everything falls back
to), the single-byte character sets, and drops the rest: other locales, the CJK/Thai/Lao/
Khmer/Burmese word dictionaries, the transliterators and the large East Asian code pages.
A language that is not kept falls back to ICU's root data; nothing fails.

The data is ICU's "common data" package (a header, a table of contents sorted by name, then
the items, each 16-byte aligned) at the exported symbol `icudtNN_dat`. The trimmed package
is linked back into a shared library of the same name and symbol with binutils' `ld` and
`objcopy` (PyInstaller on Linux needs binutils anyway). Windows and macOS builds use the
system's ICU and are not touched.
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
from pathlib import Path

from freeze.elf import Elf

#: Languages whose locale data are kept (`root` is always kept).
LANGUAGES = frozenset({"en", "es"})
#: Code pages up to this size are single-byte tables (kept); larger ones are East Asian.
_SMALL_CODEPAGE = 20_000
_LOCALE = re.compile(r"(root|[a-z]{2,3})((_[A-Z][a-z]{3})?(_([A-Z]{2}|[0-9]{3}))?(_[A-Z0-9]+)*)")


def _wanted(name: str, size: int) -> bool:
    """Keep this package item? `name` is e.g. "icudt73l/coll/es.res"."""
    parts = name.split("/")[1:]
    folder, file = ("/".join(parts[:-1]), parts[-1])
    stem, _, suffix = file.rpartition(".")
    if folder == "translit" or suffix == "dict":
        return False
    if suffix == "cnv":
        return size <= _SMALL_CODEPAGE
    locale = _LOCALE.fullmatch(stem) if suffix == "res" else None
    if locale is None:
        return True  # core data: properties, normalisation, zones, supplemental data, pools
    return locale.group(1) == "root" or locale.group(1) in LANGUAGES


def trim_package(package: bytes) -> tuple[bytes, int, int]:
    """A copy of an ICU common data package with only the wanted items.

    Returns (new package, items kept, items before)."""
    (header_size,) = struct.unpack_from("<H", package, 0)
    if package[2:4] != b"\xda\x27" or package[12:16] != b"CmnD":
        raise ValueError("not an ICU data package")
    toc = header_size
    (count,) = struct.unpack_from("<I", package, toc)
    entries = [struct.unpack_from("<II", package, toc + 4 + 8 * i) for i in range(count)]
    items: list[tuple[bytes, bytes]] = []
    for i, (name_at, data_at) in enumerate(entries):
        end = entries[i + 1][1] if i + 1 < count else len(package) - toc
        name = package[toc + name_at:package.index(b"\0", toc + name_at)]
        data = package[toc + data_at:toc + end]
        if _wanted(name.decode("ascii"), len(data)):
            items.append((name, data))
    # Same header; the table of contents keeps ICU's (sorted) order: it is binary-searched.
    names_at = 4 + 8 * len(items)
    names = b"".join(name + b"\0" for name, _ in items)
    body_at = _align(names_at + len(names))
    table, blobs, at = [], [], body_at
    name_at = names_at
    for name, data in items:
        table.append(struct.pack("<II", name_at, at))
        name_at += len(name) + 1
        padded = data + b"\0" * (_align(len(data)) - len(data))
        blobs.append(padded)
        at += len(padded)
    out = b"".join([package[:header_size], struct.pack("<I", len(items)), *table, names,
                    b"\0" * (body_at - names_at - len(names)), *blobs])
    return out, len(items), count


def _align(n: int) -> int:
    return (n + 15) & ~15


def smaller_library(library: Path, work: Path) -> Path:
    """Build a trimmed copy of `library` (libicudata.so.NN) in `work`; returns its path.

    Raises RuntimeError when the library is not what we expect or binutils fail."""
    elf = Elf.parse(library.read_bytes())
    symbols = elf.symbols() if elf else {}
    name = next((s for s in symbols if re.fullmatch(r"icudt\d+_dat", s)), None)
    if elf is None or name is None:
        raise RuntimeError(f"{library} is not an ICU data library")
    offset, size = symbols[name]
    trimmed, kept, before = trim_package(elf.data[offset:offset + size])
    for tool in ("ld", "objcopy"):
        if shutil.which(tool) is None:
            raise RuntimeError(f"`{tool}` (binutils) is needed to build the smaller ICU data")
    work.mkdir(parents=True, exist_ok=True)
    blob = work / "icudata.bin"
    blob.write_bytes(trimmed)
    obj, out = work / "icudata.o", work / library.name
    # `ld -b binary` names the blob's symbols after the file name: _binary_icudata_bin_start
    _run(["ld", "-r", "-b", "binary", "-o", obj.name, blob.name], work)
    _run(["objcopy", "--rename-section", ".data=.rodata,alloc,load,readonly,data,contents",
          "--set-section-alignment", ".rodata=16",
          "--redefine-sym", f"_binary_icudata_bin_start={name}",
          "--strip-symbol", "_binary_icudata_bin_end",
          "--strip-symbol", "_binary_icudata_bin_size", obj.name], work)
    _run(["ld", "-shared", "-z", "noexecstack", "-soname", library.name, "-o", out.name,
          obj.name], work)
    print(f"freeze/icu.py: ICU data {size / 1e6:.1f} MB -> {len(trimmed) / 1e6:.1f} MB "
          f"({kept} of {before} items)")
    return out


def _run(command: list[str], cwd: Path) -> None:
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed: {done.stderr.strip()}")
