"""What the frozen build keeps and leaves out (freeze/contents.py, freeze/icu.py, freeze/elf.py),
checked without running PyInstaller."""

from __future__ import annotations

import struct
import sys
from pathlib import Path

import pytest

import build_installer
from freeze import contents, elf, icu

Q = "PySide6/Qt/plugins"


@pytest.mark.parametrize(("dest", "kept"), [
    (f"{Q}/platforms/libqxcb.so", True),
    (f"{Q}/platforms/libqoffscreen.so", True),
    (f"{Q}/platforms/libqvnc.so", False),
    (f"{Q}/platforms/libqeglfs.so", False),
    (f"{Q}/platformthemes/libqgtk3.so", False),
    (f"{Q}/platforminputcontexts/libcomposeplatforminputcontextplugin.so", True),
    (f"{Q}/platforminputcontexts/libqtvirtualkeyboardplugin.so", False),
    (f"{Q}/imageformats/libqsvg.so", True),
    (f"{Q}/imageformats/libqwebp.so", False),
    (f"{Q}/tls/libqopensslbackend.so", False),
    (f"{Q}/printsupport/libcupsprintersupport.so", True),
    ("PySide6/plugins/platforms/qwindows.dll", True),  # Windows wheels: no Qt/ folder
    ("PySide6/plugins/styles/qmodernwindowsstyle.dll", True),
    ("PySide6/plugins/generic/qtuiotouchplugin.dll", False),
    ("PySide6/Qt/lib/libQt6Core.so.6", True),  # not a plugin
])
def test_qt_plugins_kept_are_the_ones_a_laptop_needs(dest: str, kept: bool) -> None:
    assert contents.keep_plugin(dest) is kept


def test_only_spanish_qt_translations_are_kept() -> None:
    assert contents.keep_data("PySide6/Qt/translations/qtbase_es.qm")
    assert not contents.keep_data("PySide6/Qt/translations/qtbase_fr.qm")
    assert not contents.keep_data("PySide6/Qt/translations/qtwebengine_es.qm")
    assert contents.keep_data("resources/i18n/screener_es.qm")


@pytest.mark.parametrize(("dest", "src", "provided"), [
    ("libX11.so.6", "/lib/x86_64-linux-gnu/libX11.so.6", True),
    ("libxcb-cursor.so.0", "/usr/lib/x86_64-linux-gnu/libxcb-cursor.so.0", True),
    ("libcups.so.2", "/usr/lib/x86_64-linux-gnu/libcups.so.2", True),
    ("libstdc++.so.6", "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", True),
    ("libz.so.1", "/lib/x86_64-linux-gnu/libz.so.1", False),  # Python's own needs
    ("libpython3.11.so.1.0", "/usr/local/lib/libpython3.11.so.1.0", False),
    # a wheel's own copy (pillow.libs) is always bundled, whatever its name
    ("pillow.libs/libxcb-9065bb12.so.1.1.0",
     "/venv/lib/python3.11/site-packages/pillow.libs/libxcb-9065bb12.so.1.1.0", False),
])
def test_linux_desktop_libraries_come_from_the_system(dest: str, src: str, provided: bool) -> None:
    assert contents.system_provided((dest, src, "BINARY"), "linux") is provided
    assert contents.system_provided((dest, src, "BINARY"), "win32") is False


def test_pruning_drops_a_plugin_and_what_only_it_needed() -> None:
    lib = "PySide6/Qt/lib"
    binaries = [
        ("PySide6/QtGui.abi3.so", "/w/QtGui.abi3.so", "EXTENSION"),
        (f"{lib}/libQt6Gui.so.6", "/w/libQt6Gui.so.6", "BINARY"),
        (f"{lib}/libQt6Core.so.6", "/w/libQt6Core.so.6", "BINARY"),
        (f"{Q}/platforms/libqxcb.so", "/w/libqxcb.so", "BINARY"),
        (f"{lib}/libQt6XcbQpa.so.6", "/w/libQt6XcbQpa.so.6", "BINARY"),
        (f"{Q}/platforminputcontexts/libqtvirtualkeyboardplugin.so", "/w/vk.so", "BINARY"),
        (f"{lib}/libQt6VirtualKeyboard.so.6", "/w/libQt6VirtualKeyboard.so.6", "BINARY"),
        (f"{lib}/libQt6Quick.so.6", "/w/libQt6Quick.so.6", "BINARY"),
        ("libloadedbyname.so.1", "/w/libloadedbyname.so.1", "BINARY"),  # nothing links it
        ("libQt6Quick.so.6", f"{lib}/libQt6Quick.so.6", "SYMLINK"),
        ("libQt6Gui.so.6", f"{lib}/libQt6Gui.so.6", "SYMLINK"),
    ]
    links = {
        "/w/QtGui.abi3.so": ["libQt6Gui.so.6"],
        "/w/libQt6Gui.so.6": ["libQt6Core.so.6"],
        "/w/libqxcb.so": ["libQt6XcbQpa.so.6", "libQt6Gui.so.6"],
        "/w/libQt6XcbQpa.so.6": ["libQt6Gui.so.6"],
        "/w/vk.so": ["libQt6VirtualKeyboard.so.6", "libQt6Gui.so.6"],
        "/w/libQt6VirtualKeyboard.so.6": ["libQt6Quick.so.6"],
        "/w/libQt6Quick.so.6": ["libQt6Gui.so.6"],
    }
    datas = [("PySide6/Qt/translations/qtbase_fr.qm", "/w/fr.qm", "DATA"),
             ("PySide6/Qt/translations/qtbase_es.qm", "/w/es.qm", "DATA"),
             ("libQt6VirtualKeyboard.so.6", f"{lib}/libQt6VirtualKeyboard.so.6", "SYMLINK")]
    kept, kept_datas, dropped = contents.prune(binaries, datas, lambda p: links.get(p, []),
                                                "linux")
    assert sorted(e[0] for e in kept) == sorted([
        "PySide6/QtGui.abi3.so", f"{lib}/libQt6Gui.so.6", f"{lib}/libQt6Core.so.6",
        f"{Q}/platforms/libqxcb.so", f"{lib}/libQt6XcbQpa.so.6", "libloadedbyname.so.1",
        "libQt6Gui.so.6"])
    assert [e[0] for e in kept_datas] == ["PySide6/Qt/translations/qtbase_es.qm"]
    assert f"{lib}/libQt6Quick.so.6" in dropped and "libQt6Quick.so.6" in dropped
    assert "libQt6VirtualKeyboard.so.6" in dropped


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ELF files")
def test_elf_reader_lists_direct_libraries_only() -> None:
    import PySide6

    core = Path(PySide6.__file__).parent / "QtCore.abi3.so"
    needed = elf.needed(str(core))
    assert "libQt6Core.so.6" in needed and "libpyside6.abi3.so.6." in "".join(needed)
    assert "libicuuc.so" not in "".join(needed)  # QtCore's ICU comes through libQt6Core
    assert elf.needed(__file__) == []


def _package(names: list[str]) -> bytes:
    """A miniature ICU common data package (header, sorted table of contents, items)."""
    header = struct.pack("<HBB", 32, 0xDA, 0x27) + struct.pack("<HHBBBB", 20, 0, 0, 0, 2, 0)
    header += b"CmnD" + bytes(12)
    header += bytes(32 - len(header))
    names_at = 4 + 8 * len(names)
    blob = b"".join(n.encode() + b"\0" for n in names)
    body = (names_at + len(blob) + 15) & ~15
    table, items, at = b"", b"", body
    offset = names_at
    for name in names:
        table += struct.pack("<II", offset, at)
        offset += len(name) + 1
        item = name.encode().ljust(16, b"\0")
        items += item
        at += len(item)
    return header + struct.pack("<I", len(names)) + table + blob + bytes(body - names_at - len(blob)) + items


def test_icu_package_keeps_core_data_english_spanish_and_root() -> None:
    names = ["icudt73l/brkitr/cjdict.dict", "icudt73l/coll/es.res", "icudt73l/coll/zh.res",
             "icudt73l/en_US.res", "icudt73l/es_419.res", "icudt73l/fr.res",
             "icudt73l/ibm-5348_P100-1997.cnv", "icudt73l/pool.res", "icudt73l/res_index.res",
             "icudt73l/root.res", "icudt73l/translit/root.res", "icudt73l/uprops.icu",
             "icudt73l/zone/sr_Latn_BA.res"]
    trimmed, kept, before = icu.trim_package(_package(names))
    assert (kept, before) == (8, 13)
    (count,) = struct.unpack_from("<I", trimmed, 32)
    entries = [struct.unpack_from("<II", trimmed, 36 + 8 * i) for i in range(count)]
    out = [trimmed[32 + n:trimmed.index(b"\0", 32 + n)].decode() for n, _ in entries]
    assert out == ["icudt73l/coll/es.res", "icudt73l/en_US.res", "icudt73l/es_419.res",
                   "icudt73l/ibm-5348_P100-1997.cnv", "icudt73l/pool.res",
                   "icudt73l/res_index.res", "icudt73l/root.res", "icudt73l/uprops.icu"]
    for (_, data_at), name in zip(entries, out, strict=True):
        assert data_at % 16 == 0 and trimmed[32 + data_at:].startswith(name.encode())


def test_build_contents_check_names_what_is_wrong() -> None:
    good = [*build_installer.REQUIRED_FILES, "rules/tests/housing.yaml", "PySide6/QtCore.abi3.so"]
    assert build_installer.check_contents(good) == []
    bad = build_installer.check_contents(
        [n for n in good if n != "forms/intake.yaml"] + ["tests/fixtures/db_v1.sqlcipher",
                                                         "resources/screener.db"])
    assert "missing forms/intake.yaml" in bad
    assert any("db_v1.sqlcipher" in p for p in bad) and any("screener.db" in p for p in bad)


def test_version_is_stamped_into_the_staged_copy_only(tmp_path: Path) -> None:
    stage = build_installer.stage_sources(tmp_path / "stage", "9.8.7", "2031-01-02")
    stamped = (stage / "screener" / "_build_info.py").read_text(encoding="utf-8")
    assert "VERSION = '9.8.7'" in stamped and "BUILD_DATE = '2031-01-02'" in stamped
    assert not (build_installer.REPO / "screener" / "_build_info.py").exists()
    assert (stage / "forms" / "intake.yaml").is_file()
    assert not list(stage.rglob("__pycache__"))
    # lazy_loader reads the services stub next to the frozen `screener/services/__init__`
    assert (str(stage / "screener/services/__init__.pyi"), "screener/services") \
        in contents.data_files(stage)
    assert build_installer.read_version() == _pyproject_version()


def _pyproject_version() -> str:
    import tomllib

    with (build_installer.REPO / "pyproject.toml").open("rb") as f:
        return str(tomllib.load(f)["project"]["version"])
