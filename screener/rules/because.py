"""A program result's one-line "qualifies because …", built from its met top-level criteria.

A criterion may carry a short `because:` phrase ({en, es}) that may name fields, e.g.
`{en: "released {release_date}", es: "salió el {release_date}"}`. For each top-level criterion
that is met, the phrases of the met criteria below it are collected (for an `any` group, the
first met alternative; for an `all` group, every member). A met top-level criterion with no
phrase below it (e.g. "not known to receive CalFresh now") says nothing, unless no criterion
has a phrase: then the met top-level criteria are said with their own texts. Phrases are
joined with " · ", e.g.
"released 10/01/2026 · felony probation · unsheltered".

Pure: the result depends only on the determination, the answers and the label function.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Mapping
from datetime import date

from screener.rules.results import CriterionTrace, Outcome, ProgramDetermination, Truth
from screener.text import Text

#: A choice value's label for a field (None when the field has no such choice).
ChoiceLabel = Callable[[str, object], Text | None]

SEPARATOR = " · "

_MONTHS_ES = ("enero febrero marzo abril mayo junio julio agosto septiembre octubre "
              "noviembre diciembre").split()
_FORMATTER = string.Formatter()


def qualifies_because(
    determination: ProgramDetermination,
    answers: Mapping[str, object],
    label: ChoiceLabel | None = None,
) -> Text | None:
    """{en, es} "qualifies because" line of an eligible result; None for any other outcome."""
    if determination.outcome is not Outcome.ELIGIBLE:
        return None
    root = determination.trace
    tops = root.children if root.kind == "all" and root.children else (root,)
    met = [top for top in tops if top.status is Truth.MET]
    found = [pair for top in met for pair in _phrases(top)]
    if not found:
        found = [(top, top.text) for top in met if top.text is not None]
    en: list[str] = []
    es: list[str] = []
    for node, phrase in found:
        said = _say(phrase, answers, label)
        if said is None:  # a field it names is unanswered: the criterion's own words
            said = node.text or phrase
        if said.en not in en:
            en.append(said.en)
            es.append(said.get("es"))
    if not en:
        return None
    return Text(SEPARATOR.join(en), SEPARATOR.join(es))


def _phrases(node: CriterionTrace) -> list[tuple[CriterionTrace, Text]]:
    """The met criteria at or below `node` that have a `because` phrase, with it."""
    if node.status is not Truth.MET:
        return []
    if node.because is not None:
        return [(node, node.because)]
    if node.kind == "any":
        for child in node.children:
            found = _phrases(child)
            if found:
                return found
        return []
    if node.kind == "all":
        return [p for child in node.children for p in _phrases(child)]
    return []


def _say(phrase: Text, answers: Mapping[str, object], label: ChoiceLabel | None) -> Text | None:
    out: dict[str, str] = {}
    for lang in ("en", "es"):
        words = phrase.get(lang)
        values: dict[str, str] = {}
        for _, name, _, _ in _FORMATTER.parse(words):
            if name is None:
                continue
            value = answers.get(name)
            if value is None:
                return None
            values[name] = _show(name, value, lang, label)
        out[lang] = words.format_map(values)
    return Text(out["en"], out["es"])


def _show(name: str, value: object, lang: str, label: ChoiceLabel | None) -> str:
    if isinstance(value, date):
        if lang == "es":
            return f"{value.day} de {_MONTHS_ES[value.month - 1]} de {value.year}"
        return f"{value.month:02d}/{value.day:02d}/{value.year}"
    if label is not None:
        text = label(name, value)
        if text is not None:
            return text.get(lang)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
