"""Alt+letter keys are unique in every window, in English and Spanish."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from screener.ui.mnemonics import mnemonic_of

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(("text", "letter"), [
    ("&Finish", "f"), ("Si&guiente", "g"), ("Fish && chips", None), ("&&Not &this", "t"),
    ("No mnemonic", None), ("Ends with &", None)])
def test_the_mnemonic_is_the_letter_after_a_single_ampersand(text: str,
                                                              letter: str | None) -> None:
    assert mnemonic_of(text) == letter


@pytest.mark.slow
def test_no_two_controls_share_an_alt_letter_in_any_window_in_either_language(
        tmp_path: Path) -> None:
    # The screenshot script opens every window in both languages and fails on a clash.
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "SCREENER_KDF_FAST": "1"}
    done = subprocess.run([sys.executable, "-m", "screener.ui.screenshots", str(tmp_path)],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=900,
                          check=False)
    clashes = [line for line in done.stderr.splitlines() if "Alt+" in line]
    assert done.returncode == 0 and not clashes, "\n".join(clashes) or done.stderr[-3000:]
    assert len(list(tmp_path.glob("es-*.png"))) >= 20
