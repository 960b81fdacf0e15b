"""Write the sample referral packets (and PNG previews) to look at them as a user would.

    PYTHONPATH=. .venv/bin/python bench/packet_samples.py [OUT_DIR]   # default: out/packets

Builds a typical English packet, a Spanish one, a combined packet (three programs, consent
for two of them, so health information is withheld) and one with a very long name and a
program of 25 criteria; renders each page with `pdftoppm -png -r 60` when poppler is there.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from screener.packets import build_packet
from screener.packets.samples import LONG_NAME, sample_content

SAMPLES = {
    "english": lambda: sample_content("en"),
    "spanish": lambda: sample_content("es"),
    "combined": lambda: sample_content("en", programs=("housing", "bh", "emp")),
    "long_name": lambda: sample_content("es", name=LONG_NAME, criteria=19),
}


def main(out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, make in SAMPLES.items():
        pdf = out_dir / f"{name}.pdf"
        result = build_packet(make(), pdf, reproducible=True)
        print(f"{pdf}: {result.page_count} pages, withheld {list(result.sections_withheld)}")
        if shutil.which("pdftoppm"):
            subprocess.run(
                ["pdftoppm", "-png", "-r", "60", str(pdf), str(out_dir / name)], check=True
            )


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("out/packets"))
