"""Bilingual text, as written in the YAML files: `{en: ..., es: ...}` or a plain string."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Language = Literal["en", "es"]
LANGUAGES: tuple[Language, ...] = ("en", "es")


@dataclass(frozen=True)
class Text:
    """A string in English and (ideally) Spanish. `es` is None where the file gave none."""

    en: str
    es: str | None = None

    def get(self, lang: str) -> str:
        """The text in `lang`, falling back to English where there is no translation."""
        if lang == "es" and self.es:
            return self.es
        return self.en

    @property
    def missing_spanish(self) -> bool:
        return not self.es

    @classmethod
    def plain(cls, en: str, es: str | None = None) -> Text:
        return cls(en=en, es=es)


def language_of(preferred: object) -> Language:
    """The packet/screen language for a client's `preferred_language` answer."""
    return "es" if preferred == "es" else "en"
