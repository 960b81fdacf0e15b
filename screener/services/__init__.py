"""The use cases of Screener: the one API that `screener.ui` and `screener.cli` call.

Nothing here imports Qt. Functions take plain values and return frozen dataclasses.
"""

from __future__ import annotations
