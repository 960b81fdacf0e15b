"""The kinds of sensitive information a consent names separately (DESIGN §7): forms mark the
questions that reveal them, rules the programs whose referral reveals them, packets print
them only where consent covers them."""

from __future__ import annotations

from typing import Literal

SensitiveKind = Literal["substance_use", "mental_health"]

#: Every kind, in the order packets print them.
SENSITIVE_KINDS: tuple[SensitiveKind, ...] = ("substance_use", "mental_health")
