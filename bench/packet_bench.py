"""How long a referral packet takes to build, beside a bare reportlab document.

    PYTHONPATH=. .venv/bin/python bench/packet_bench.py [N]      # default N = 200

Builds N five-page packets (each with its own referral id and name, so the QR cache does not
flatter the figure) into memory, and N bare reportlab documents of the same page count
(SimpleDocTemplate, built-in Helvetica, a few paragraphs a page) in the same run. Prints the
median and 95th percentile per document and the ratio. Goal: packet median under 50 ms.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from io import BytesIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import Row, emit

from screener.packets import render_packet
from screener.packets.samples import sample_content

PAGES = 5


def bare_document() -> int:
    """A plain platypus document of PAGES pages; returns its page count."""
    from reportlab.lib.pagesizes import letter
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

    styles = getSampleStyleSheet()
    story = []
    for page in range(PAGES):
        story.append(Paragraph(f"Page {page + 1}", styles["Heading1"]))
        story += [Paragraph("Referral packet text " * 12, styles["Normal"]) for _ in range(8)]
        if page < PAGES - 1:
            story.append(PageBreak())
    doc = SimpleDocTemplate(BytesIO(), pagesize=letter)
    doc.build(story)
    return int(doc.page)


def packet(n: int) -> int:
    """A sample packet for a distinct client; returns its page count."""
    content = sample_content("en" if n % 2 else "es", name=f"Client Number{n} Example")
    content = replace(content, referral_id=f"R-2026-{n:06d}")
    _, result = render_packet(content)
    return result.page_count


def timed(label: str, make: Callable[[int], int], runs: int) -> list[float]:
    times = []
    for n in range(runs):
        start = time.perf_counter()
        pages = make(n)
        times.append((time.perf_counter() - start) * 1000)
        if pages != PAGES:
            sys.exit(f"{label}: {pages} pages, expected {PAGES}")
    return times


def main(runs: int, as_json: bool = False) -> None:
    start = time.perf_counter()
    packet(-1)  # imports, font registration, styles
    cold = (time.perf_counter() - start) * 1000
    bare_document()
    packets = timed("packet", packet, runs)
    bare = timed("bare", lambda n: bare_document(), runs)
    p50, b50 = statistics.median(packets), statistics.median(bare)
    p95 = statistics.quantiles(packets, n=20)[-1]
    b95 = statistics.quantiles(bare, n=20)[-1]
    print(f"{runs} documents of {PAGES} pages each")
    print(f"first packet (imports, fonts, styles): {cold:7.1f} ms")
    print(f"referral packet   median {p50:6.1f} ms   p95 {p95:6.1f} ms")
    print(f"bare reportlab    median {b50:6.1f} ms   p95 {b95:6.1f} ms")
    print(
        f"packet / bare     {p50 / b50:.2f}x   goal: packet median < 50 ms: {'met' if p50 < 50 else 'MISSED'}"
    )
    if as_json:
        emit([Row("five-page packet, median", round(p50, 1), "ms", round(b50, 1), "< 50 ms",
                  p50 < 50, f"p95 {p95:.0f} ms; first packet {cold:.0f} ms (imports, fonts); "
                            "baseline: bare reportlab document, same pages")])


if __name__ == "__main__":
    numbers = [a for a in sys.argv[1:] if a != "--json"]
    main(int(numbers[0]) if numbers else 200, "--json" in sys.argv)
