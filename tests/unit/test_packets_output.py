"""The packet file itself: valid PDF, embedded fonts, metadata without personal data, atomic
writes, reproducible bytes, clear errors, and a lazy reportlab import."""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import replace
from datetime import datetime
from io import BytesIO
from pathlib import Path

import pytest

from screener.errors import PacketError
from screener.packets import build_packet, render_packet
from screener.packets.samples import SAMPLE_SSN, sample_consent, sample_content
from tests.unit.packet_pdf import pdfinfo, pdftotext


@pytest.fixture(scope="module")
def packet(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("out") / "packet.pdf"
    build_packet(sample_content("en", programs=("housing", "bh")), path, reproducible=True)
    return path


def test_packet_passes_qpdf_check(packet: Path) -> None:
    result = subprocess.run(["qpdf", "--check", str(packet)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_packet_embeds_dejavu_subsets(packet: Path) -> None:
    fonts = subprocess.run(["pdffonts", str(packet)], capture_output=True, text=True, check=True)
    rows = [line.split() for line in fonts.stdout.splitlines()[2:]]
    assert {r[0].split("+")[-1] for r in rows} >= {"DejaVuSans", "DejaVuSans-Bold"}
    # Columns: name type encoding emb sub uni ...; every font embedded, as a subset.
    assert all(r[-5] == "yes" and r[-4] == "yes" for r in rows), fonts.stdout


def test_packet_metadata_holds_no_personal_data(packet: Path) -> None:
    info = pdfinfo(packet)
    assert info["Title"] == "Referral packet"
    assert info["Author"] == "Screener"
    assert info["Pages"] == "5"
    fields = " ".join(info.values())
    for personal in ["Marcus", "Reyes", "Whitfield", "R-2026-000417", "6789", "Dana", "Okafor"]:
        assert personal not in fields, personal
    raw = packet.read_bytes()
    assert b"Marcus" not in raw  # text is in compressed streams and subset-encoded only


def test_spanish_packet_metadata_is_spanish(tmp_path: Path) -> None:
    build_packet(sample_content("es"), tmp_path / "es.pdf")
    assert pdfinfo(tmp_path / "es.pdf")["Title"] == "Paquete de referencia"


def test_packet_page_count_matches_the_pdf(tmp_path: Path) -> None:
    content = sample_content("en", programs=("housing", "bh", "emp"), criteria=25)
    result = build_packet(content, tmp_path / "p.pdf")
    pages = int(pdfinfo(tmp_path / "p.pdf")["Pages"])
    assert result.page_count == pages > 5
    assert f"Page {pages} of {pages}" in pdftotext(tmp_path / "p.pdf")


def test_reproducible_packets_are_byte_identical() -> None:
    first, _ = render_packet(sample_content("es"), reproducible=True)
    second, _ = render_packet(sample_content("es"), reproducible=True)
    assert first == second


def test_build_packet_writes_to_a_stream() -> None:
    stream = BytesIO()
    result = build_packet(sample_content("en"), stream)
    assert stream.getvalue().startswith(b"%PDF-") and result.page_count >= 3


def test_build_packet_to_a_path_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "packet.pdf"
    target.write_bytes(b"old")
    build_packet(sample_content("en"), target)
    assert target.read_bytes().startswith(b"%PDF-")
    assert [p.name for p in tmp_path.iterdir()] == ["packet.pdf"]


def test_failed_build_leaves_the_target_untouched(tmp_path: Path) -> None:
    target = tmp_path / "packet.pdf"
    target.write_bytes(b"old")
    bad = sample_consent("en", signature_png=b"not a png")
    with pytest.raises(PacketError, match="consent C-1001: the signature image"):
        build_packet(sample_content("en", consents=(bad,)), target)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["packet.pdf"]


def test_unwritable_folder_is_a_packet_error(tmp_path: Path) -> None:
    with pytest.raises(PacketError, match="cannot write the packet"):
        build_packet(sample_content("en"), tmp_path / "missing" / "packet.pdf")


def test_packet_needs_a_program_and_an_aware_time() -> None:
    content = sample_content("en")
    with pytest.raises(PacketError, match="at least one program"):
        render_packet(replace(content, programs=()))
    with pytest.raises(PacketError, match="timezone-aware"):
        render_packet(replace(content, generated_at=datetime(2026, 11, 25, 14, 5)))


def test_view_model_repr_hides_personal_data() -> None:
    content = sample_content("en")
    shown = repr(content)
    for personal in [SAMPLE_SSN, "Marcus", "1988", "555-0142", "Methamphetamine"]:
        assert personal not in shown, personal


def test_importing_packets_does_not_import_platypus() -> None:
    code = "import sys, screener.packets; print('reportlab.platypus' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.skipif(shutil.which("zbarimg") is None, reason="zbar-tools not installed")
def test_cover_qr_code_decodes_to_the_referral_id(packet: Path, tmp_path: Path) -> None:
    subprocess.run(
        ["pdftoppm", "-png", "-r", "150", "-f", "1", "-l", "1", str(packet), str(tmp_path / "p")],
        check=True,
    )
    image = next(tmp_path.glob("p*.png"))
    out = subprocess.run(["zbarimg", "-q", "--raw", str(image)], capture_output=True, text=True)
    assert out.stdout.strip() == "R-2026-000417"
