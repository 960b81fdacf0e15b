"""What goes into the frozen app, and what is left out (used by `freeze/screener.spec`).

PyInstaller's PySide6 hooks collect every plugin of every Qt module the app links, and every
Qt translation: a naive build is about 260 MB. The app needs far less:

* Qt modules: QtCore, QtGui, QtWidgets (Essentials), QtPdf and QtPdfWidgets (packet preview)
  and QtPrintSupport. The Python bindings of everything else are excluded; Qt libraries are
  kept only while something kept still links them (`prune`): libQt6Network stays because
  libQt6Pdf links it, though nothing uses the network (its TLS and network plugins go).
* Qt plugins: the platforms a laptop runs (X11, Wayland, Windows, macOS; offscreen for the
  self-test), their input methods (compose key and IBus: accents typed with dead keys), SVG
  icons, JPEG/ICO images, printing and the native styles. Dropped: EGLFS/KMS, VNC, evdev
  input, network information and TLS (the app never touches the network), the GTK3 theme
  (it drags in GTK, Cairo and Pango), the virtual keyboard (it drags in QML and Quick),
  Wayland's OpenGL buffer integration (widgets draw in software and share memory buffers).
* Linux system libraries the PySide6 wheel itself expects from the system (`system_provided`).
* Linux: ICU's data cut to English and Spanish (`freeze/icu.py`, 32 MB -> 5 MB).
* Qt translations: only Spanish `qtbase` (the app speaks English and Spanish).
* Python: no tkinter, test or packaging tools; no TLS (hashlib falls back to its built-in
  SHA-2/SHA-3/BLAKE2), CJK codecs or C decimal; Pillow without its WebP, AVIF, Tk, Qt,
  FreeType and colour-management parts (reportlab reads PNG and JPEG only); Faker with the
  English and Spanish locales only (see `freeze/hooks/hook-faker.py`).
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

HOOKS = Path(__file__).resolve().parent / "hooks"
ENTRY = Path(__file__).resolve().parent / "entry.py"

#: The languages the app speaks besides English; Qt's own translations are kept for these.
LANGUAGES = ("es",)
#: Faker locales the demo data uses (and the ones Faker falls back to for them).
FAKER_LOCALES = frozenset({"en", "en_US", "en_GB", "es", "es_ES", "es_MX", "la"})

EXCLUDED_MODULES: tuple[str, ...] = (
    # GUI toolkits and tools we do not ship
    "tkinter", "_tkinter", "turtle", "turtledemo", "idlelib", "pydoc_data", "lib2to3",
    "ensurepip", "venv", "pip", "setuptools", "pkg_resources", "distutils", "test",
    "pytest", "_pytest", "hypothesis", "mypy", "ruff", "IPython",
    # Qt bindings the app does not import (their libraries go too unless something links them)
    "PySide6.QtNetwork", "PySide6.QtDBus", "PySide6.QtQml", "PySide6.QtQuick",
    "PySide6.QtQuickWidgets", "PySide6.QtOpenGL", "PySide6.QtOpenGLWidgets",
    "PySide6.QtSvg", "PySide6.QtSvgWidgets", "PySide6.QtXml", "PySide6.QtSql",
    "PySide6.QtTest", "PySide6.QtUiTools", "PySide6.QtDesigner", "PySide6.QtHelp",
    "PySide6.QtMultimedia", "PySide6.QtMultimediaWidgets", "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineWidgets", "PySide6.QtWebEngineQuick", "PySide6.QtWebChannel",
    "PySide6.QtWebSockets", "PySide6.QtNetworkAuth", "PySide6.QtCharts",
    "PySide6.QtDataVisualization", "PySide6.QtGraphs", "PySide6.Qt3DCore",
    "PySide6.QtBluetooth", "PySide6.QtPositioning", "PySide6.QtLocation",
    "PySide6.QtSerialPort", "PySide6.QtSensors", "PySide6.QtConcurrent",
    "PySide6.QtStateMachine", "PySide6.QtScxml", "PySide6.QtRemoteObjects",
    "PySide6.QtTextToSpeech", "PySide6.QtSpatialAudio", "PySide6.QtHttpServer",
    "PySide6.QtAsyncio",
    # Pillow parts reportlab never uses
    "PIL._avif", "PIL.AvifImagePlugin", "PIL._webp", "PIL.WebPImagePlugin",
    "PIL._imagingtk", "PIL.ImageTk", "PIL._tkinter_finder", "PIL.ImageQt",
    "PIL._imagingcms", "PIL.ImageCms", "PIL.FpxImagePlugin", "PIL.MicImagePlugin",
    "PIL._imagingft",  # ImageFont works without it until a TrueType font is drawn
    # standard library parts the app never uses: TLS (it never goes online; hashlib falls
    # back to its built-in SHA-2/SHA-3/BLAKE2), CJK codecs, C decimal, line editing
    "ssl", "_ssl", "_hashlib", "_codecs_cn", "_codecs_hk", "_codecs_iso2022", "_codecs_jp",
    "_codecs_kr", "_codecs_tw", "_decimal", "readline",
    # developer tools inside screener
    "screener.ui.screenshots",
)

#: Qt plugin folders kept, and which plugins in each (None: all of them). Others are dropped.
KEPT_PLUGINS: dict[str, frozenset[str] | None] = {
    "platforms": frozenset({"qxcb", "qwayland", "qoffscreen", "qwindows", "qcocoa"}),
    "platformthemes": frozenset({"qxdgdesktopportal"}),
    "platforminputcontexts": frozenset({"composeplatforminputcontextplugin",
                                        "ibusplatforminputcontextplugin"}),
    "xcbglintegrations": None,
    "wayland-shell-integration": frozenset({"xdg-shell"}),
    "wayland-decoration-client": None,
    "imageformats": frozenset({"qsvg", "qjpeg", "qico"}),
    "iconengines": frozenset({"qsvgicon"}),
    "printsupport": None,
    "styles": None,
}

#: Where the data the app reads at run time come from (repository path, bundle path).
DATA_FOLDERS: tuple[tuple[str, str], ...] = (
    ("forms", "forms"),
    ("rules", "rules"),
    ("resources", "resources"),
    ("screener/store/migrations", "screener/store/migrations"),
)
#: Files never copied from those folders: translation sources, notes for developers.
_SKIPPED_DATA_SUFFIXES = (".ts", ".py", ".pyc")

TocEntry = tuple[str, str, str]
#: See `system_provided`. The C library and friends PyInstaller never bundles anyway.
_LINUX_SYSTEM_LIBRARY = re.compile(
    r"lib(X11|X11-xcb|Xau|Xdmcp|Xext|Xrender|xcb(-[a-z0-9-]+)?|xkbcommon(-x11)?"
    r"|fontconfig|freetype|glib-2\.0|gthread-2\.0|gobject-2\.0|gio-2\.0|gmodule-2\.0"
    r"|dbus-1|cups|gssapi_krb5|stdc\+\+|gcc_s|EGL|GL|GLX|OpenGL|wayland-[a-z]+)\.so(\.[0-9]+)*"
)


def data_files(stage: Path) -> list[tuple[str, str]]:
    """(source file, bundle folder) pairs for `Analysis(datas=...)`: forms, rules, resources
    and the schema migrations, from the staged copy of the sources."""
    pairs: list[tuple[str, str]] = []
    for source, target in DATA_FOLDERS:
        root = stage / source
        for path in sorted(root.rglob("*")):
            if path.is_file() and path.suffix not in _SKIPPED_DATA_SUFFIXES \
                    and "__pycache__" not in path.parts:
                folder = Path(target) / path.parent.relative_to(root)
                pairs.append((str(path), folder.as_posix()))
    return pairs


def screener_modules(stage: Path) -> list[str]:
    """Every module of the staged `screener` package (sub-commands and pages are imported by
    name at run time, which PyInstaller cannot see), minus the excluded ones and what is in
    them (`screener.ui.screenshots` is a package)."""
    names: list[str] = []
    for path in sorted((stage / "screener").rglob("*.py")):
        parts = list(path.relative_to(stage).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        name = ".".join(parts)
        left_out = any(name == x or name.startswith(x + ".") for x in EXCLUDED_MODULES)
        if not left_out and not name.endswith(".__main__"):
            names.append(name)
    return names


def _plugin_of(dest: str) -> tuple[str, str] | None:
    """(folder, plugin name) when `dest` is a Qt plugin, e.g. ("platforms", "qxcb")."""
    parts = Path(dest).parts
    if "PySide6" not in parts or "plugins" not in parts:
        return None
    at = parts.index("plugins")
    if len(parts) < at + 3:
        return None
    stem = parts[-1].split(".")[0]
    return parts[at + 1], stem[3:] if stem.startswith("lib") else stem


def keep_plugin(dest: str) -> bool:
    """False for a Qt plugin we leave out; True for everything else."""
    plugin = _plugin_of(dest)
    if plugin is None:
        return True
    folder, name = plugin
    if folder not in KEPT_PLUGINS:
        return False
    wanted = KEPT_PLUGINS[folder]
    # Windows debug builds end in "d" (qwindowsd.dll); never shipped, but harmless to match.
    return wanted is None or name in wanted or (name.endswith("d") and name[:-1] in wanted)


def keep_data(dest: str) -> bool:
    """False for Qt translations of languages the app does not speak."""
    parts = Path(dest).parts
    if "translations" in parts and "PySide6" in parts and dest.endswith(".qm"):
        name = parts[-1]
        return any(name == f"qtbase_{lang}.qm" for lang in LANGUAGES)
    return True


def _key(name: str) -> str:
    return os.path.basename(name).lower()


def system_provided(entry: TocEntry, platform: str = sys.platform) -> bool:
    """True for a Linux desktop library taken from the laptop's system, not bundled.

    The PySide6 wheel itself does not ship these (X11/XCB, xkbcommon, fontconfig/freetype,
    GLib, D-Bus, OpenGL/EGL, Wayland, CUPS, the C++ runtime): every Linux desktop has them,
    and copies from the build machine would not match the laptop's X server, fonts, printers
    or graphics driver. Libraries shipped inside Python wheels are always bundled."""
    dest, src, _ = entry
    if not platform.startswith("linux") or "site-packages" in Path(src).parts:
        return False
    return _LINUX_SYSTEM_LIBRARY.fullmatch(os.path.basename(dest)) is not None


def direct_imports(path: str) -> list[str]:
    """The libraries a binary links directly: ELF read here on Linux, else PyInstaller's
    bindepend (PE and Mach-O headers list direct imports only)."""
    if sys.platform.startswith("linux"):
        from freeze.elf import needed

        return needed(path)
    from PyInstaller.depend.bindepend import get_imports

    return [name for name, _ in get_imports(path)]


def prune(
    binaries: Sequence[TocEntry], datas: Sequence[TocEntry],
    needs: Callable[[str], Iterable[str]], platform: str = sys.platform,
) -> tuple[list[TocEntry], list[TocEntry], list[str]]:
    """Drop the Qt plugins and translations we leave out, the Linux system libraries, then
    every library only they needed, and symbolic links to anything dropped.

    `needs(source_path)` names the libraries a binary links (PyInstaller's bindepend).
    Roots are the Python extension modules, the kept plugins and any binary that nothing
    links (loaded by name at run time, so it must stay); a library stays while a root needs
    it, directly or not. Returns (binaries, datas, dropped bundle paths).
    """
    candidates = [e for e in binaries if e[2] != "SYMLINK" and keep_plugin(e[0])
                  and not system_provided(e, platform)]
    deps: dict[str, set[str]] = {}
    for entry in binaries:
        if entry[2] != "SYMLINK":
            deps.setdefault(_key(entry[0]), set()).update(_key(n) for n in needs(entry[1]))
    linked: set[str] = set().union(*deps.values()) if deps else set()
    present = {_key(e[0]) for e in candidates}
    todo = [_key(e[0]) for e in candidates
            if e[2] == "EXTENSION" or _plugin_of(e[0]) or _key(e[0]) not in linked]
    reached: set[str] = set()
    while todo:
        name = todo.pop()
        if name not in reached and name in present:
            reached.add(name)
            todo.extend(deps.get(name, ()))
    kept_binaries = [e for e in candidates if _key(e[0]) in reached]
    kept_datas = [e for e in datas if e[2] != "SYMLINK" and keep_data(e[0])]
    targets = {e[0] for e in (*kept_binaries, *kept_datas)}
    links = [e for e in (*binaries, *datas) if e[2] == "SYMLINK" and e[1] in targets]
    kept = {e[0] for e in (*kept_binaries, *kept_datas, *links)}
    dropped = sorted({e[0] for e in (*binaries, *datas)} - kept)
    in_binaries = {e[0] for e in binaries}
    return (kept_binaries + [e for e in links if e[0] in in_binaries],
            kept_datas + [e for e in links if e[0] not in in_binaries], dropped)


def smaller_icu(binaries: Sequence[TocEntry], work: Path) -> list[TocEntry]:
    """The binaries with ICU's data library swapped for a trimmed one (`freeze/icu.py`).
    If that cannot be built, the original stays (the build is bigger, not broken)."""
    from freeze.icu import smaller_library

    out: list[TocEntry] = []
    for dest, src, kind in binaries:
        if kind != "SYMLINK" and re.fullmatch(r"libicudata\.so\.\d+", os.path.basename(dest)):
            try:
                src = str(smaller_library(Path(src), work))
            except (RuntimeError, ValueError, OSError) as exc:
                print(f"WARNING: keeping the full ICU data ({exc})")
        out.append((dest, src, kind))
    return out
