"""Reading packet PDFs back for tests, with poppler's command-line tools."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from screener.packets import PacketContent, PacketResult, build_packet

_WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
)


@dataclass(frozen=True)
class Rendered:
    """A packet written to disk, with what pdftotext reads back."""

    path: Path
    result: PacketResult
    text: str  # pdftotext -layout

    @property
    def flat(self) -> str:
        """The text with all whitespace runs made single spaces (wrapped lines rejoin)."""
        return " ".join(self.text.split())

    def page(self, number: int) -> str:
        """The text of one page (1-based)."""
        return self.text.split("\f")[number - 1]


def render(content: PacketContent, folder: Path, name: str = "packet.pdf") -> Rendered:
    """Build `content` into `folder/name` and read its text back."""
    path = folder / name
    result = build_packet(content, path, reproducible=True)
    return Rendered(path=path, result=result, text=pdftotext(path))


def pdftotext(path: Path) -> str:
    return _run("pdftotext", "-layout", "-enc", "UTF-8", str(path), "-")


def pdfinfo(path: Path) -> dict[str, str]:
    """pdfinfo's fields (Title, Author, Pages, ...)."""
    out = _run("pdfinfo", str(path))
    return dict(
        (k.strip(), v.strip())
        for k, v in (line.split(":", 1) for line in out.splitlines() if ":" in line)
    )


def word_boxes(path: Path) -> list[tuple[float, float, float, float, str]]:
    """Every word with its box (xMin, yMin, xMax, yMax), in points from the page's top left."""
    html = _run("pdftotext", "-bbox", str(path), "-")
    return [(float(a), float(b), float(c), float(d), w) for a, b, c, d, w in _WORD.findall(html)]


def _run(*args: str) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout
