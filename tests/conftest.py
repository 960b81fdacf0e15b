"""Shared test set-up. Qt must be told to run offscreen before it is first imported:
a Qt platform failure aborts the process instead of raising."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("SCREENER_KDF_FAST", "1")  # tests use a cheap key derivation
