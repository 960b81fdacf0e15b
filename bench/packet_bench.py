"""How long a referral packet and a client handout take to build, beside a bare reportlab
document.

    PYTHONPATH=. .venv/bin/python bench/packet_bench.py [N]      # default N = 200

Builds N packets the way the app does: the consent-filtered view from a synthetic client's
answers, screening and a consent (`services.packet_views.packet_view`), then the PDF in
memory, each with its own referral id and client (so no cache flatters the figure); N
one-page handouts of three programs; and N bare reportlab documents of four pages
(SimpleDocTemplate, built-in Helvetica, a few paragraphs a page) in the same run. Prints the
median and 95th percentile per document and the ratio. Goals: packet and handout medians
under 50 ms each.
"""

from __future__ import annotations

import functools
import statistics
import sys
import time
from collections.abc import Callable
from io import BytesIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import Row, emit

from screener.demo.people import PersonFactory
from screener.packets import render_packet
from screener.packets.handout import render_handout
from screener.packets.handout_model import HandoutContent, HandoutStep
from screener.packets.model import DocumentItem, Worker
from screener.packets.samples import SAMPLE_NOW, sample_consent
from screener.services import packet_views
from screener.services.screening import load_setup, screen_parsed
from screener.services.stored_answers import typed_answers

PAGES = 4
TODAY = SAMPLE_NOW.date()
WORKER = Worker("Dana Okafor", "JCOD Reentry Intake", "(213) 555-0188", "dokafor@example.org")
CONSENT = sample_consent("en", tracks=frozenset({"housing"}), includes_sud=False)


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


_PEOPLE: list[dict[str, object]] = []


def people(count: int) -> None:
    """Make the synthetic clients before timing (making one is not what the figure measures)."""
    factory = PersonFactory(7, TODAY)
    _PEOPLE.extend(dict(factory.person().answers) for _ in range(count))


#: The forms and rules, loaded once (as a session holds them).
_setup = functools.cache(load_setup)


def packet(n: int) -> int:
    """An interim housing packet for a distinct synthetic client, from answers to PDF (view
    included); returns its page count."""
    setup = _setup()
    answers = dict(_PEOPLE[n % len(_PEOPLE)])
    answers.update(county_of_residence="los_angeles", release_date="2026-10-01",
                   in_custody=False, housing_status="unsheltered")
    typed = typed_answers(answers, setup.forms)
    inputs = packet_views.ViewInputs(answers, typed, screen_parsed(typed, TODAY, setup),
                                     (CONSENT,), TODAY)
    content = packet_views.packet_view(
        inputs, ["interim_housing"], setup.forms, setup.rules, resources=setup.resources_dir,
        lang="en" if n % 2 else "es",
        referral_id=f"R-2026-{n:06d}", generated_at=SAMPLE_NOW, worker=WORKER)
    _, result = render_packet(content)
    return result.page_count


def handout(n: int) -> int:
    """A three-program handout for a distinct client; returns its page count. The QR code
    dials the first program: one of 30 phone numbers, as programs.yaml has about 30 providers
    (a QR code is made once per number and kept)."""
    docs = (DocumentItem("Photo ID", True), DocumentItem("Release papers", False))
    steps = tuple(HandoutStep(f"Program {k}", "Help finding a safe place to stay.",
                              f"Provider {n}-{k}", f"(213) 555-{n % 30:04d}",
                              "100 Example St, Los Angeles, CA 90000", "Mon–Fri 9:00–17:00",
                              docs, f"R-2026-{n:06d}") for k in range(3))
    content = HandoutContent("en" if n % 2 else "es", SAMPLE_NOW, f"Client{n}", steps,
                             officer="J. Lee, (213) 555-0199", hotline="(555) 555-0150")
    return render_handout(content)[1]


def timed(label: str, make: Callable[[int], int], runs: int) -> list[float]:
    times = []
    for n in range(runs):
        start = time.perf_counter()
        pages = make(n)
        times.append((time.perf_counter() - start) * 1000)
        if not pages:
            sys.exit(f"{label}: no pages")
    return times


def main(runs: int, as_json: bool = False) -> None:
    people(runs + 1)
    start = time.perf_counter()
    packet(-1)  # imports, font registration, styles, forms and rules
    cold = (time.perf_counter() - start) * 1000
    bare_document()
    handout(-1)
    packets = timed("packet", packet, runs)
    handouts = timed("handout", handout, runs)
    bare = timed("bare", lambda n: bare_document(), runs)
    p50, h50, b50 = (statistics.median(x) for x in (packets, handouts, bare))
    p95, h95, b95 = (statistics.quantiles(x, n=20)[-1] for x in (packets, handouts, bare))
    print(f"{runs} documents of each kind")
    print(f"first packet (imports, fonts, styles, forms, rules): {cold:7.1f} ms")
    print(f"referral packet   median {p50:6.1f} ms   p95 {p95:6.1f} ms   (view + PDF)")
    print(f"client handout    median {h50:6.1f} ms   p95 {h95:6.1f} ms")
    print(f"bare reportlab    median {b50:6.1f} ms   p95 {b95:6.1f} ms   ({PAGES} pages)")
    print(f"packet / bare     {p50 / b50:.2f}x   goal: packet median < 50 ms: "
          f"{'met' if p50 < 50 else 'MISSED'}")
    print(f"handout / bare    {h50 / b50:.2f}x   goal: handout median < 50 ms: "
          f"{'met' if h50 < 50 else 'MISSED'}")
    if as_json:
        emit([
            Row("referral packet (view + PDF), median", round(p50, 1), "ms", round(b50, 1),
                "< 50 ms", p50 < 50, f"p95 {p95:.0f} ms; first packet {cold:.0f} ms (imports, "
                "fonts, forms, rules); baseline: bare reportlab document of 4 pages"),
            Row("client handout, median", round(h50, 1), "ms", round(b50, 1), "< 50 ms",
                h50 < 50, f"p95 {h95:.0f} ms; three programs, one page"),
        ])


if __name__ == "__main__":
    numbers = [a for a in sys.argv[1:] if a != "--json"]
    main(int(numbers[0]) if numbers else 200, "--json" in sys.argv)
