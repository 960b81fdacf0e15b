"""From the store and the rules to a packet's view model (`screener.packets.model`).

Everything personal is read here, from the client's latest intake; the packet builder only
lays it out. Strings come out in the packet's language. Program contacts come from
`resources/programs.yaml`, document names from `resources/documents.yaml`, and the consent
statements from the consent form itself, so each exists once.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from screener.forms import Form, FormCatalog, format_answer
from screener.packets.model import (
    ClientSummary,
    ConsentView,
    CriterionLine,
    DocumentItem,
    Flag,
    ProgramContact,
    ProgramSection,
    SensitiveSection,
    SignedBy,
)
from screener.rules import CriterionTrace, ProgramDetermination, RuleSet, Screening
from screener.services.screening import installed_setup
from screener.store.records import Consent, JsonValue
from screener.text import Language, Text

_GROUP = {
    "all": Text("All of the following", "Todo lo siguiente"),
    "any": Text("Any of the following", "Cualquiera de lo siguiente"),
    "not": Text("None of the following", "Ninguno de lo siguiente"),
}
_LANGUAGE = {"en": Text("English", "Inglés"), "es": Text("Spanish", "Español")}
#: Fields printed in the sensitive sections (only with a valid consent, DESIGN §7).
SUBSTANCE_USE_FIELDS = ("substance_use_past_year", "primary_substance", "sud_treatment_interest")
MENTAL_HEALTH_FIELDS = ("mental_health_diagnosis", "smi_diagnosis", "mental_health_in_treatment")
_SECTION_TITLE = {
    "substance_use": Text("Substance use", "Consumo de sustancias"),
    "mental_health": Text("Mental health", "Salud mental"),
}
_INSTRUMENTS = {"substance_use": ("auditc", "dast10"), "mental_health": ("phq9", "gad7", "pcptsd5")}
#: documents.yaml ids that an answer to `documents_on_hand` can tick.
_ON_HAND = {"photo_id": ("state_id", "drivers_license"), "ss_card": ("ss_card",),
            "birth_certificate": ("birth_certificate",), "release_papers": ("release_papers",)}


def _resource_yaml(name: str) -> Mapping[str, Any]:
    """A resource file of the forms and rules in force (a content pack's, or the app's)."""
    return _yaml_file(installed_setup().resources_dir / name)


@functools.lru_cache(maxsize=4)
def _yaml_file(path: Path) -> Mapping[str, Any]:
    with open(path, encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    return data if isinstance(data, dict) else {}


def _text(value: object) -> Text:
    if isinstance(value, dict):
        return Text(str(value.get("en", "")), value.get("es"))
    return Text(str(value or ""))


def client_summary(
    answers: Mapping[str, JsonValue], lang: Language, forms: FormCatalog
) -> ClientSummary:
    def text(field: str) -> str | None:
        value = answers.get(field)
        return str(value) if isinstance(value, str) and value.strip() else None

    language = answers.get("preferred_language")
    spoken = (_LANGUAGE[language].get(lang) if language in _LANGUAGE
              else text("preferred_language_other"))
    address = answers.get("address")
    return ClientSummary(
        full_name=" ".join(p for p in (text("first_name"), text("last_name")) if p),
        preferred_name=text("preferred_name"),
        dob=date.fromisoformat(str(answers["dob"])) if isinstance(answers.get("dob"), str) else None,
        language=spoken,
        phone=text("phone"),
        email=text("email"),
        address=format_answer(forms.question("address"), address, lang) or None,
        ssn=text("ssn"),
    )


def criterion_lines(trace: CriterionTrace, lang: Language, depth: int = 0) -> list[CriterionLine]:
    """The trace as indented lines: every criterion and group, with its status."""
    text = trace.text.get(lang) if trace.text else _GROUP.get(trace.kind, Text(trace.kind)).get(lang)
    lines = [CriterionLine(text, trace.status.value, depth)]
    for child in trace.children:
        lines += criterion_lines(child, lang, depth + 1)
    return lines


def program_section(
    d: ProgramDetermination, rules: RuleSet, answers: Mapping[str, JsonValue], lang: Language
) -> ProgramSection:
    track = next(t for t in rules.tracks if t.id == d.track_id)
    on_hand = answers.get("documents_on_hand")
    held = set(on_hand) if isinstance(on_hand, list) else None
    documents = _resource_yaml("documents.yaml")
    items = tuple(
        DocumentItem(
            _text(documents.get(doc, doc)).get(lang),
            None if held is None or doc not in _ON_HAND else bool(held & set(_ON_HAND[doc])),
        )
        for doc in d.documents
    )
    return ProgramSection(
        track_id=d.track_id,
        track_title=track.title.get(lang),
        program_id=d.program_id,
        title=d.title.get(lang),
        outcome=d.outcome.value,
        criteria=tuple(criterion_lines(d.trace, lang)),
        contact=program_contact(d.provider, lang),
        rules_version=d.rules_version,
        rules_hash=d.rules_hash,
        missing=tuple(m.label.get(lang) for m in d.missing),
        priority=tuple(p.text.get(lang) for p in d.priority),
        documents=items,
    )


def program_contact(provider: str, lang: Language) -> ProgramContact:
    entry = _resource_yaml("programs.yaml").get(provider) or {}
    return ProgramContact(
        provider_name=str(entry.get("name", provider)),
        address=entry.get("address"),
        phone=entry.get("phone"),
        email=entry.get("email"),
        referral_instructions=_text(entry.get("referral")).get(lang) or None,
        placeholder=bool(entry.get("placeholder", False)),
    )


def flags(screening: Screening, lang: Language) -> tuple[Flag, ...]:
    return tuple(Flag(f.id, f.label.get(lang), f.urgent) for f in screening.flags)


def consent_view(
    consent: Consent, answers: Mapping[str, JsonValue], consent_form: Form,
    recipients: tuple[str, ...], lang: Language,
) -> ConsentView:
    """A stored consent with the statements its form showed, in the packet's language."""
    def note(field: str) -> str:
        return consent_form.question(field).label.get(lang)

    signed_on = answers.get("consent_signed_on")
    expires = consent.expires_on or answers.get("consent_expires_on")
    signer: SignedBy = "representative" if consent.signer == "representative" else "client"
    rep_name = answers.get("consent_representative_name")
    rep_authority = answers.get("consent_representative_authority")
    return ConsentView(
        consent_id=consent.id,
        track_ids=frozenset(consent.program_ids),
        includes_sud=answers.get("consent_includes_sud") is True,
        includes_mental_health=answers.get("consent_includes_mental_health") is True,
        signed_on=date.fromisoformat(signed_on if isinstance(signed_on, str)
                                     else consent.signed_at[:10]),
        expires_on=date.fromisoformat(expires) if isinstance(expires, str) else None,
        revoked=consent.revoked,
        signed_by=signer,
        representative_name=rep_name if isinstance(rep_name, str) else None,
        representative_authority=rep_authority if isinstance(rep_authority, str) else None,
        signature_png=consent.signature_png,
        discloser=note("consent_who_discloses"),
        recipients=recipients,
        purpose=note("consent_purpose"),
        information_description=note("consent_information"),
        revoke_instructions=note("consent_revoke"),
    )


def sensitive_sections(
    answers: Mapping[str, JsonValue], typed: Mapping[str, object], forms: FormCatalog,
    today: date, lang: Language,
) -> tuple[SensitiveSection, ...]:
    """Substance use and mental health answers and screening results (consent decides)."""
    scores = forms.scores(typed, today)
    out = []
    for kind, fields in (("substance_use", SUBSTANCE_USE_FIELDS),
                         ("mental_health", MENTAL_HEALTH_FIELDS)):
        rows = [(forms.question(f).label.get(lang), format_answer(forms.question(f), answers[f], lang))
                for f in fields if answers.get(f) is not None]
        for inst in _INSTRUMENTS[kind]:
            score = scores.get(inst)
            if score is not None and score.score is not None:
                band = f" ({score.band.label.get(lang)})" if score.band else ""
                rows.append((score.title.get(lang), f"{score.score}{band}"))
        if rows:
            out.append(SensitiveSection(kind, _SECTION_TITLE[kind].get(lang), tuple(rows)))  # type: ignore[arg-type]
    return tuple(out)
