"""What wraps the one-folder app into what each system's IT deploys (used by build_installer.py).

* Windows: an MSI written as WiX source (`wix_source`) and compiled with the WiX Toolset 3
  (`candle` + `light`) or with `wixl` (msitools, which also runs on Linux: the dry run). It
  installs per machine into Program Files (`msiexec /i Screener-….msi /qn` for a silent
  install), has a fixed upgrade code so a newer MSI replaces an older one (and an older one
  refuses to replace a newer), and a Start-menu shortcut to `screenerw.exe`. Screener itself
  needs no administrator rights: it writes only to the person's own data folder.
* macOS: `Screener.app` (PyInstaller's BUNDLE) signed with a Developer ID, in a compressed
  `.dmg`, notarized and stapled (`macos_commands`); signing and notarizing run when the
  county's certificate and notary profile are supplied (docs/PLATFORMS.md).
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import uuid
from collections.abc import Callable, Mapping
from pathlib import Path
from xml.sax.saxutils import quoteattr

#: Never change: Windows Installer recognises every version of Screener by it.
UPGRADE_CODE = "6D3C5E0A-4B1F-4E57-9C7E-2A8B3F1D0C42"
#: Namespace of the component GUIDs: the same installed path keeps the same GUID in every
#: version (Windows Installer's component rules).
_COMPONENTS = uuid.UUID("0E1B7C53-2F0A-4D8E-A6B1-5C9D3E7F2A10")
MANUFACTURER = "Los Angeles County reentry programs"
DESKTOP_PROGRAM = "screenerw.exe"  # the app without a console window (freeze/screener.spec)
#: The time-stamping service of Authenticode signatures (SCREENER_TIMESTAMP_URL overrides).
TIMESTAMP_URL = "http://timestamp.digicert.com"
#: What the signed app may do under the hardened runtime: ctypes' callbacks need writable
#: and executable memory (libffi closures).
ENTITLEMENTS = Path(__file__).resolve().parent / "macos" / "entitlements.plist"


def msi_version(version: str) -> str:
    """MSI ProductVersion: up to three numbers, major and minor < 256 (`0.1.0rc1` -> 0.1.0)."""
    numbers = [int(n) for n in re.findall(r"\d+", version.split("+")[0])[:3]]
    if not numbers or numbers[0] > 255 or (len(numbers) > 1 and numbers[1] > 255):
        raise ValueError(f"{version!r} cannot be an MSI version (major.minor.build, < 256)")
    return ".".join(str(n) for n in (numbers + [0, 0])[:3])


def _id(prefix: str, relative: str) -> str:
    """A WiX identifier for a path (letters, digits, dots, underscores; at most 72)."""
    return prefix + hashlib.sha256(relative.encode("utf-8")).hexdigest()[:24]


def wix_source(app: Path, version: str) -> str:
    """The WiX 3 source of an MSI installing every file of the folder `app` (dist/Screener).

    File sources are relative (`Screener/…`): write it next to `app` and compile it there."""
    files = sorted(p.relative_to(app).as_posix() for p in app.rglob("*") if p.is_file())
    if DESKTOP_PROGRAM not in files:
        raise ValueError(f"{app} has no {DESKTOP_PROGRAM}: not a Windows build of Screener")
    folders = {"."} | {parent.as_posix() for f in files for parent in Path(f).parents}
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        "<!-- Written by build_installer.py (freeze/installers.py); do not edit. -->",
        '<Wix xmlns="http://schemas.microsoft.com/wix/2006/wi">',
        f'  <Product Id="*" Name="Screener" Language="1033" Version="{msi_version(version)}"',
        f'           Manufacturer={quoteattr(MANUFACTURER)} UpgradeCode="{UPGRADE_CODE}">',
        '    <Package InstallerVersion="500" Compressed="yes" InstallScope="perMachine"',
        '             Description="Screener: reentry intake and referrals" />',
        '    <MajorUpgrade DowngradeErrorMessage="A newer version of Screener is already '
        'installed. Uninstall it first to go back to this one (your data stay)." />',
        '    <Media Id="1" Cabinet="screener.cab" EmbedCab="yes" />',
        '    <Property Id="ARPNOMODIFY" Value="1" />',
        '    <Directory Id="TARGETDIR" Name="SourceDir">',
        '      <Directory Id="ProgramFiles64Folder">',
        '        <Directory Id="INSTALLFOLDER" Name="Screener">',
    ]

    def emit(folder: str, depth: int) -> None:
        """The folder's files (one component each), then its sub-folders."""
        pad = "  " * depth
        for relative in (f for f in files if Path(f).parent.as_posix() == folder):
            guid = str(uuid.uuid5(_COMPONENTS, relative.lower())).upper()
            source = quoteattr(f"{app.name}/{relative}")
            lines.append(f'{pad}<Component Id="{_id("c", relative)}" Guid="{guid}" Win64="yes">')
            if relative == DESKTOP_PROGRAM:
                lines.extend([
                    f'{pad}  <File Id="{_id("f", relative)}" Source={source} KeyPath="yes">',
                    f'{pad}    <Shortcut Id="StartMenuScreener" Directory="ProgramMenuFolder"'
                    ' Name="Screener" WorkingDirectory="INSTALLFOLDER" Advertise="no" />',
                    f"{pad}  </File>"])
            else:
                lines.append(f'{pad}  <File Id="{_id("f", relative)}" Source={source} KeyPath="yes" />')
            lines.append(f"{pad}</Component>")
        for child in sorted(d for d in folders if d != "." and Path(d).parent.as_posix() == folder):
            lines.append(f'{pad}<Directory Id="{_id("d", child)}" Name={quoteattr(Path(child).name)}>')
            emit(child, depth + 1)
            lines.append(f"{pad}</Directory>")

    emit(".", 5)
    lines += [
        "        </Directory>",
        "      </Directory>",
        '      <Directory Id="ProgramMenuFolder" />',
        "    </Directory>",
        '    <Feature Id="Screener" Title="Screener" Level="1">',
        *(f'      <ComponentRef Id="{_id("c", relative)}" />' for relative in files),
        "    </Feature>",
        "  </Product>",
        "</Wix>",
        "",
    ]
    return "\n".join(lines)


def wix_commands(wxs: Path, msi: Path, tools: set[str]) -> list[list[str]]:
    """The commands that compile `wxs` into `msi` with the tools found on PATH: WiX 3
    (`candle`, `light`) on Windows, else `wixl` (msitools)."""
    if {"candle", "light"} <= tools:
        obj = wxs.with_suffix(".wixobj")
        return [["candle", "-nologo", "-arch", "x64", "-out", str(obj), str(wxs)],
                ["light", "-nologo", "-out", str(msi), str(obj)]]
    if "wixl" in tools:
        return [["wixl", "--arch", "x64", "-o", str(msi), str(wxs)]]
    raise FileNotFoundError("no WiX compiler: install the WiX Toolset 3 (candle, light) "
                            "or msitools (wixl)")


def macos_commands(app: Path, dmg: Path, identity: str | None, notary_profile: str | None,
                   entitlements: Path) -> list[list[str]]:
    """Sign the .app (hardened runtime, when `identity` is given), wrap it in a .dmg, then
    notarize and staple the .dmg (when `notary_profile` is given, a `notarytool
    store-credentials` profile in the build machine's keychain)."""
    commands: list[list[str]] = []
    if identity:
        commands.append(["codesign", "--force", "--deep", "--options", "runtime", "--timestamp",
                         "--entitlements", str(entitlements), "--sign", identity, str(app)])
        commands.append(["codesign", "--verify", "--strict", "--verbose=2", str(app)])
    commands.append(["hdiutil", "create", "-volname", "Screener", "-srcfolder", str(app),
                     "-ov", "-format", "UDZO", str(dmg)])
    if identity:
        commands.append(["codesign", "--force", "--timestamp", "--sign", identity, str(dmg)])
    if identity and notary_profile:
        commands += [["xcrun", "notarytool", "submit", str(dmg), "--keychain-profile",
                      notary_profile, "--wait"],
                     ["xcrun", "stapler", "staple", str(dmg)],
                     ["spctl", "--assess", "--type", "open", "--context",
                      "context:primary-signature", "--verbose", str(dmg)]]
    return commands


#: Runs one command (or, in a dry run, only shows it).
Runner = Callable[[list[str], Path], None]


def run_command(command: list[str], cwd: Path) -> None:
    """Run `command` in `cwd`; OSError naming it and the end of its output if it fails."""
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-15:])
        raise OSError(f"{command[0]} failed (exit {done.returncode}):\n{tail}")


def signtool_command(files: list[str], thumbprint: str | None,
                     timestamp_url: str = TIMESTAMP_URL) -> list[str] | None:
    """Authenticode-sign `files` with the certificate of `thumbprint` (SHA-1, in the build
    machine's certificate store: works for a hardware token too), time-stamped so the
    signature outlives the certificate; None without a certificate."""
    if not thumbprint:
        return None
    return ["signtool", "sign", "/sha1", thumbprint, "/fd", "SHA256", "/tr", timestamp_url,
            "/td", "SHA256", *files]


def package_windows(app: Path, version: str, run: Runner = run_command,
                    tools: set[str] | None = None, env: Mapping[str, str] | None = None) -> Path:
    """Write `Screener.wxs` next to the app folder and compile `Screener-VERSION-x64.msi`;
    with SCREENER_WINDOWS_CERT_SHA1 (a code-signing certificate's thumbprint) sign the two
    programs first and the MSI last."""
    env = os.environ if env is None else env
    found = tools if tools is not None else {t for t in ("candle", "light", "wixl")
                                             if shutil.which(t)}
    thumbprint = env.get("SCREENER_WINDOWS_CERT_SHA1") or None
    stamp = env.get("SCREENER_TIMESTAMP_URL") or TIMESTAMP_URL
    wxs = app.parent / "Screener.wxs"
    msi = app.parent / f"Screener-{version}-x64.msi"
    programs = [f"{app.name}/screener.exe", f"{app.name}/{DESKTOP_PROGRAM}"]
    commands = [signtool_command(programs, thumbprint, stamp),
                *wix_commands(Path(wxs.name), Path(msi.name), found),
                signtool_command([msi.name], thumbprint, stamp)]
    wxs.write_text(wix_source(app, version), encoding="utf-8")
    for command in commands:
        if command is not None:
            run(command, app.parent)
    return msi


def package_macos(bundle: Path, version: str, arch: str, run: Runner = run_command,
                  env: Mapping[str, str] | None = None) -> Path:
    """Sign (when SCREENER_MACOS_IDENTITY names a Developer ID Application certificate),
    wrap in `Screener-VERSION-macos-ARCH.dmg` and notarize (when SCREENER_NOTARY_PROFILE
    names a notarytool keychain profile)."""
    env = os.environ if env is None else env
    dmg = bundle.parent / f"Screener-{version}-macos-{arch}.dmg"
    for command in macos_commands(bundle, dmg, env.get("SCREENER_MACOS_IDENTITY") or None,
                                  env.get("SCREENER_NOTARY_PROFILE") or None, ENTITLEMENTS):
        run(command, bundle.parent)
    return dmg


def stand_in_windows_app(stage: Path, folder: Path) -> Path:
    """For a dry run on another system: the Windows app folder's layout, with the staged
    forms, rules and resources and placeholder programs (the MSI it gives is for checking
    the WiX source, not for installing)."""
    if folder.exists():
        shutil.rmtree(folder)
    internal = folder / "_internal"
    for name in ("forms", "rules", "resources"):
        shutil.copytree(stage / name, internal / name)
    for program in ("screener.exe", DESKTOP_PROGRAM):
        (folder / program).write_bytes(b"placeholder: a dry run builds no program\n")
    return folder
