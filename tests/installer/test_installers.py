"""The installers IT deploys (freeze/installers.py), checked here without Windows or macOS:
the WiX source of the MSI, compiled by wixl (msitools) where it is installed, and the macOS
signing and notarization commands."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

import build_installer
from freeze import installers

REPO = Path(build_installer.__file__).resolve().parent


@pytest.fixture
def app(tmp_path: Path) -> Path:
    """A Windows app folder's layout: programs and the staged data files."""
    stage = build_installer.stage_sources(tmp_path / "stage", "0.1.0", "2026-12-06")
    return installers.stand_in_windows_app(stage, tmp_path / "out" / "Screener")


def test_msi_version_is_three_numbers() -> None:
    assert installers.msi_version("0.1.0") == "0.1.0"
    assert installers.msi_version("2.3") == "2.3.0"
    assert installers.msi_version("1.4.2rc1") == "1.4.2"
    with pytest.raises(ValueError, match="cannot be an MSI version"):
        installers.msi_version("300.1.0")


def test_wix_source_installs_every_file_per_machine(app: Path) -> None:
    wxs = installers.wix_source(app, "0.1.0")
    files = [p for p in app.rglob("*") if p.is_file()]
    assert wxs.count("<File ") == len(files) == wxs.count("<ComponentRef ")
    assert 'InstallScope="perMachine"' in wxs and 'Id="ProgramFiles64Folder"' in wxs
    assert f'UpgradeCode="{installers.UPGRADE_CODE}"' in wxs and "<MajorUpgrade " in wxs
    assert 'Source="Screener/_internal/forms/intake.yaml"' in wxs
    # the Start-menu shortcut opens the app without a console window
    lines = wxs.splitlines()
    [shortcut] = [i for i, line in enumerate(lines) if "<Shortcut " in line]
    assert 'Source="Screener/screenerw.exe"' in lines[shortcut - 1]


def test_component_guids_stay_the_same_across_versions(app: Path) -> None:
    """Windows Installer's component rules: one path, one GUID, in every version."""
    def guids(text: str) -> list[str]:
        return [line.split('Guid="')[1][:36] for line in text.splitlines() if "Guid=" in line]

    assert guids(installers.wix_source(app, "0.1.0")) == guids(installers.wix_source(app, "0.2.0"))


def test_wix_source_refuses_a_folder_that_is_not_a_windows_build(tmp_path: Path) -> None:
    (tmp_path / "screener").write_bytes(b"elf")
    with pytest.raises(ValueError, match="no screenerw.exe"):
        installers.wix_source(tmp_path, "0.1.0")


def test_wix_commands_prefer_the_wix_toolset() -> None:
    wxs, msi = Path("Screener.wxs"), Path("Screener.msi")
    assert [c[0] for c in installers.wix_commands(wxs, msi, {"candle", "light", "wixl"})] == [
        "candle", "light"]
    assert installers.wix_commands(wxs, msi, {"wixl"})[0][:3] == ["wixl", "--arch", "x64"]
    with pytest.raises(FileNotFoundError, match="no WiX compiler"):
        installers.wix_commands(wxs, msi, set())


def test_windows_programs_and_msi_are_signed_only_with_the_countys_certificate(
        app: Path) -> None:
    ran: list[list[str]] = []

    def record(command: list[str], cwd: Path) -> None:
        ran.append(command)

    installers.package_windows(app, "0.1.0", run=record, tools={"candle", "light"}, env={})
    assert [c[0] for c in ran] == ["candle", "light"]
    ran.clear()
    installers.package_windows(app, "0.1.0", run=record, tools={"candle", "light"},
                               env={"SCREENER_WINDOWS_CERT_SHA1": "ab12"})
    assert [c[0] for c in ran] == ["signtool", "candle", "light", "signtool"]
    assert ran[0][-2:] == ["Screener/screener.exe", "Screener/screenerw.exe"]
    assert ran[-1][-1] == "Screener-0.1.0-x64.msi"
    assert ran[0][2:4] == ["/sha1", "ab12"] and installers.TIMESTAMP_URL in ran[0]


@pytest.mark.skipif(shutil.which("wixl") is None, reason="wixl (msitools) not installed")
def test_the_wix_source_compiles_to_a_per_machine_msi(app: Path) -> None:
    msi = installers.package_windows(app, "0.1.0", tools={"wixl"})

    def table(name: str) -> str:
        return subprocess.run(["msiinfo", "export", str(msi), name], capture_output=True,
                              text=True, check=True).stdout

    assert "ALLUSERS\t1" in table("Property")  # per machine: msiexec /qn installs for all
    assert installers.UPGRADE_CODE in table("Upgrade")
    assert "StartMenuScreener\tProgramMenuFolder\tScreener" in table("Shortcut")
    files = [p for p in app.rglob("*") if p.is_file()]
    assert len(table("File").splitlines()) == len(files) + 3  # three header lines


def test_macos_signs_and_notarizes_only_with_the_countys_credentials(tmp_path: Path) -> None:
    app, dmg = tmp_path / "Screener.app", tmp_path / "Screener.dmg"
    plain = installers.macos_commands(app, dmg, None, None, installers.ENTITLEMENTS)
    assert [c[0] for c in plain] == ["hdiutil"]
    signed = installers.macos_commands(app, dmg, "Developer ID Application: X (T)", "notary",
                                       installers.ENTITLEMENTS)
    assert [c[:2] for c in signed] == [
        ["codesign", "--force"], ["codesign", "--verify"], ["hdiutil", "create"],
        ["codesign", "--force"], ["xcrun", "notarytool"], ["xcrun", "stapler"],
        ["spctl", "--assess"]]
    assert "runtime" in signed[0]  # hardened runtime: notarization requires it
    assert installers.ENTITLEMENTS.is_file()


def test_build_refuses_to_cross_build_and_dry_runs_instead(capsys: pytest.CaptureFixture[str],
                                                           tmp_path: Path) -> None:
    other = "windows" if build_installer.host_target() != "windows" else "linux"
    assert build_installer.main(["--target", other, "--work", str(tmp_path)]) == 1
    assert "cannot cross-build" in capsys.readouterr().err
    assert build_installer.main(["--target", "macos", "--dry-run", "--work", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "xcrun notarytool submit" in out and "hdiutil create" in out
