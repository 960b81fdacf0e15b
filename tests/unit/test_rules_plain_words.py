"""Issue 15: every reason the rules show reads as a case manager would say it, in both
languages, and the Spanish follows shared/domain/GLOSSARY.md (parole = libertad condicional
(parole), probation = probatoria (probation); "consumo", "salida", no "violada")."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

import pytest

from screener.rules import RuleSet
from screener.services import load_setup
from screener.text import Text


@functools.cache
def rules() -> RuleSet:
    return load_setup().rules


def texts() -> Iterator[tuple[str, Text]]:
    """(where, text) for every title, description, criterion, phrase and priority reason."""
    for track in rules().tracks:
        yield f"{track.id} title", track.title
        for program in track.programs:
            where = f"{track.id}/{program.id}"
            yield f"{where} title", program.title
            if program.description is not None:
                yield f"{where} description", program.description
            for node in program.eligible_if.walk():
                if node.text is not None:
                    yield f"{where} criterion {node.id}", node.text
                if node.because is not None:
                    yield f"{where} criterion {node.id} because", node.because
            for reason in program.priority_if:
                yield f"{where} priority {reason.id}", reason.text


ENGINE_PHRASES = [
    r"not ruled out", r"only a .no. rules", r"not in force", r"\bIs \d+ or younger",
    r"live in county jails", r"general criteria", r"\(if given\)", r"no known",
    r"behavioural", r"counselling", r"\bcolour", r"\bprogramme",
]
SPANISH_TO_AVOID = [
    r"libertad bajo palabra", r"libertad condicional por delito", r"violada",
    r"\bviolación\b(?! de las condiciones)", r"retenid", r"por ser liberado", r"[Ll]iberad[oa]",
    r"liberación", r"\buso de sustancias", r"\b[Uu]só\b", r"Tribunal", r"[Ss]in refugio",
    r"involucramiento judicial", r"[Nn]avegación de servicios", r"\bsentencia\b",
    r"[Cc]riterios generales", r"no descartad", r"condición incapacitante",
    r"\bMAT\b(?<!\(MAT)",
]


def test_every_text_has_spanish() -> None:
    missing = [where for where, text in texts() if not text.es]
    assert missing == []


@pytest.mark.parametrize("pattern", ENGINE_PHRASES)
def test_no_engine_language_or_british_spelling_in_english(pattern: str) -> None:
    found = [f"{where}: {text.en}" for where, text in texts()
             if re.search(pattern, text.en, re.IGNORECASE)]
    assert found == []


@pytest.mark.parametrize("pattern", SPANISH_TO_AVOID)
def test_spanish_avoids_what_the_glossary_says_to_avoid(pattern: str) -> None:
    found = [f"{where}: {text.es}" for where, text in texts()
             if text.es and re.search(pattern, text.es)]
    assert found == []


def test_mat_is_always_explained_in_spanish() -> None:
    found = [f"{where}: {text.es}" for where, text in texts()
             if text.es and "MAT" in text.es
             and "tratamiento con medicamentos para la adicción (MAT)" not in text.es]
    assert found == []


def test_parole_and_probation_follow_the_cdcr_pair() -> None:
    """parole → libertad condicional (parole); probation → probatoria (probation); and
    "libertad condicional" never stands for probation."""
    wrong: list[str] = []
    for where, text in texts():
        en, es = text.en.lower(), (text.es or "")
        if "parole" in en and "libertad condicional" not in es:
            wrong.append(f"{where}: parole without 'libertad condicional': {es}")
        if re.search(r"\bprobation", en) and "probatoria" not in es and "Probatoria" not in es:
            wrong.append(f"{where}: probation without 'probatoria': {es}")
        if "libertad condicional" in es and "parole" not in en:
            wrong.append(f"{where}: 'libertad condicional' for something other than parole: {es}")
    assert wrong == []
