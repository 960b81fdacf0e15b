"""From the answers, the rules and the consents to a packet's view model (DESIGN §7).

The view holds only what consent allows, so the packet builder cannot print anything else:
every criterion, priority reason, flag, score and answer whose source is sensitive
(`screener.services.sensitivity`) is either covered by a valid consent for its program or
replaced by a `Withheld` marker here. `packet_view` is pure (no store), so property tests
can drive it with random clients and consents. Strings come out in the packet's language;
program contacts come from `resources/programs.yaml`, document names from
`resources/documents.yaml`, the consent statements from the consent form itself.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml

from screener.domain import SENSITIVE_KINDS, Consent, JsonValue, SensitiveKind
from screener.errors import InputError
from screener.forms import Form, FormCatalog, format_answer
from screener.packets import labels as lb
from screener.packets.consent import cover, packet_cover, valid_consents
from screener.packets.model import (
    ClientSummary,
    ConsentView,
    Cover,
    CriterionLine,
    DocumentItem,
    Flag,
    PacketContent,
    ProgramContact,
    ProgramSection,
    SensitiveSection,
    SignedBy,
    Situation,
    Withheld,
    Worker,
)
from screener.rules import (
    Criterion,
    CriterionTrace,
    NodeKind,
    Outcome,
    ProgramDetermination,
    ProgramStatus,
    RuleSet,
    Screening,
    Truth,
    qualifies_because,
)
from screener.rules.because import SEPARATOR as BECAUSE_SEPARATOR
from screener.services.sensitivity import criterion_kinds, priority_kinds, program_rests_on
from screener.text import Language, Text

_GROUP = {
    "all": Text("All of the following", "Todo lo siguiente"),
    "any": Text("Any of the following", "Cualquiera de lo siguiente"),
    "not": Text("None of the following", "Ninguno de lo siguiente"),
}
_LANGUAGE = {"en": Text("English", "Inglés"), "es": Text("Spanish", "Español")}
_SECTION_TITLE = {
    "substance_use": Text("Substance use", "Consumo de sustancias"),
    "mental_health": Text("Mental health", "Salud mental"),
}
_KIND_NAMES = {
    "mental_health": Text("mental health", "salud mental"),
    "substance_use": Text("substance use", "consumo de sustancias"),
}
#: documents.yaml ids that an answer to `documents_on_hand` can tick.
_ON_HAND = {"photo_id": ("state_id", "drivers_license"), "ss_card": ("ss_card",),
            "birth_certificate": ("birth_certificate",), "release_papers": ("release_papers",)}


def _resource_yaml(resources: Path, name: str) -> Mapping[str, Any]:
    """A resource file of the forms and rules in force (`ScreeningSetup.resources_dir`: a
    content pack's, or the app's)."""
    return _yaml_file(resources / name)


@functools.lru_cache(maxsize=4)
def _yaml_file(path: Path) -> Mapping[str, Any]:
    with open(path, encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    return data if isinstance(data, dict) else {}


def _text(value: object) -> Text:
    if isinstance(value, dict):
        return Text(str(value.get("en", "")), value.get("es"))
    return Text(str(value or ""))


def _str(answers: Mapping[str, JsonValue], field: str) -> str | None:
    value = answers.get(field)
    return value.strip() if isinstance(value, str) and value.strip() else None


def _date(answers: Mapping[str, JsonValue], field: str) -> date | None:
    value = answers.get(field)
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def provider_language(resources: Path, provider: str) -> Language:
    """The language a provider reads packets in (`language:` in programs.yaml; English)."""
    entry = _resource_yaml(resources, "programs.yaml").get(provider) or {}
    return "es" if entry.get("language") == "es" else "en"


def program_contact(resources: Path, provider: str, lang: Language) -> ProgramContact:
    """A provider's contact details from `resources/programs.yaml`."""
    entry = _resource_yaml(resources, "programs.yaml").get(provider) or {}
    return ProgramContact(
        provider_name=str(entry.get("name", provider)),
        address=entry.get("address"),
        phone=entry.get("phone"),
        email=entry.get("email"),
        referral_instructions=_text(entry.get("referral")).get(lang) or None,
        hours=entry.get("hours"),
        placeholder=bool(entry.get("placeholder", False)),
    )


def referable(determination: ProgramDetermination) -> bool:
    """Whether a referral to this program can be made: eligible, and the program takes
    referrals (rules `status: open`; planning and subject-to-funding programs do not)."""
    return (determination.outcome is Outcome.ELIGIBLE
            and determination.status is ProgramStatus.OPEN)


def client_summary(
    answers: Mapping[str, JsonValue], lang: Language, forms: FormCatalog
) -> ClientSummary:
    """Who the client is, how to reach them, their release and supervision."""
    language = answers.get("preferred_language")
    spoken = (_LANGUAGE[language].get(lang) if isinstance(language, str) and language in _LANGUAGE
              else _str(answers, "preferred_language_other"))
    other = " ".join(p for p in (_str(answers, "emergency_contact_name"),
                                 _str(answers, "emergency_contact_phone")) if p)
    return ClientSummary(
        full_name=" ".join(p for p in (_str(answers, "first_name"), _str(answers, "last_name"))
                           if p),
        preferred_name=_str(answers, "preferred_name"),
        dob=_date(answers, "dob"),
        language=spoken,
        phone=_str(answers, "phone"),
        email=_str(answers, "email"),
        address=format_answer(forms.question("address"), answers.get("address"), lang) or None,
        ssn=_str(answers, "ssn"),
        other_contact=other or None,
        situation=_situation(answers, lang, forms),
    )


def _situation(answers: Mapping[str, JsonValue], lang: Language, forms: FormCatalog) -> Situation:
    custody = None
    expected = _date(answers, "expected_release_date")
    if answers.get("in_custody") is True:
        custody = lb.IN_CUSTODY.get(lang)
        if expected:
            custody += " · " + lb.EXPECTED_RELEASE.get(lang).format(
                date=lb.format_date(expected, lang))
    facility = answers.get("release_facility_type")
    if custody is None and facility not in (None, "none"):
        custody = lb.RELEASED_FROM.get(lang).format(
            place=format_answer(forms.question("release_facility_type"), facility, lang))
    supervision = None
    kind = answers.get("supervision_type")
    if kind is not None:
        supervision = format_answer(forms.question("supervision_type"), kind, lang)
        ends = _date(answers, "supervision_end_date")
        if ends and kind != "none":
            supervision += " · " + lb.ENDS.get(lang).format(date=lb.format_date(ends, lang))
    return Situation(
        release_date=_date(answers, "release_date"),
        custody=custody,
        supervision=supervision,
        officer_name=_str(answers, "supervising_officer_name"),
        officer_phone=_str(answers, "supervising_officer_phone"),
    )


@dataclass(frozen=True)
class _Consented:
    """Which kinds consent lets one program's part of the packet print, and why not."""

    covers: Mapping[SensitiveKind, Cover]

    @property
    def allowed(self) -> frozenset[str]:
        return frozenset(k for k, c in self.covers.items() if c == "covered")

    def withheld(self, kinds: frozenset[str]) -> Withheld | None:
        """The marker for something reading `kinds`, or None when all are covered."""
        for kind in SENSITIVE_KINDS:
            if kind in kinds and self.covers[kind] != "covered":
                return Withheld(kind, self.covers[kind])
        return None


class _Trees:
    """Sensitive kinds of criteria, computed once per criterion object."""

    def __init__(self, forms: FormCatalog) -> None:
        self.forms = forms
        self._kinds: dict[int, frozenset[str]] = {}

    def kinds(self, node: Criterion) -> frozenset[str]:
        found = self._kinds.get(id(node))
        if found is None:
            found = self._kinds[id(node)] = criterion_kinds(node, self.forms)
        return found


def criterion_lines(
    node: Criterion, trace: CriterionTrace, lang: Language, consented: _Consented,
    trees: _Trees, depth: int = 0,
) -> list[CriterionLine]:
    """The trace as indented lines, sensitive criteria replaced by withheld lines.

    A group all of whose criteria are withheld is one withheld line; a group with some
    withheld keeps its text but hides its status, which would tell theirs.
    """
    withheld = consented.withheld(trees.kinds(node))
    if withheld is not None and (
        not node.children or all(consented.withheld(trees.kinds(c)) for c in node.children)
    ):
        return [CriterionLine(None, None, depth, withheld)]
    text = (trace.text or _GROUP.get(trace.kind, Text(trace.kind))).get(lang)
    lines = [CriterionLine(text, None if withheld else trace.status.value, depth)]
    for child, child_trace in zip(node.children, trace.children, strict=True):
        lines += criterion_lines(child, child_trace, lang, consented, trees, depth + 1)
    return lines


def because_line(
    d: ProgramDetermination, node: Criterion, answers: Mapping[str, object], lang: Language,
    consented: _Consented, trees: _Trees,
) -> tuple[str, ...]:
    """The rules' "qualifies because …" line, from the met top-level criteria that consent
    lets the packet name: the others count as not met here, so no phrase of theirs shows."""
    root = d.trace
    if node.kind is NodeKind.ALL and root.children:
        kids = tuple(t if consented.withheld(trees.kinds(c)) is None
                     else replace(t, status=Truth.NOT_MET)
                     for c, t in zip(node.children, root.children, strict=True))
        root = replace(root, children=kids)
    elif consented.withheld(trees.kinds(node)) is not None:
        return ()
    forms = trees.forms

    def label(field: str, value: object) -> Text | None:
        if field not in forms.field_ids():
            return None
        choice = forms.question(field).choice(value)
        return choice.label if choice is not None else None

    line = qualifies_because(replace(d, trace=root), answers, label)
    return tuple(line.get(lang).split(BECAUSE_SEPARATOR)) if line is not None else ()


def documents(resources: Path, doc_ids: Sequence[str], answers: Mapping[str, JsonValue],
              lang: Language) -> tuple[DocumentItem, ...]:
    on_hand = answers.get("documents_on_hand")
    held = set(on_hand) if isinstance(on_hand, list) else None
    names = _resource_yaml(resources, "documents.yaml")
    return tuple(
        DocumentItem(
            _text(names.get(doc, doc)).get(lang),
            None if held is None or doc not in _ON_HAND else bool(held & set(_ON_HAND[doc])),
        )
        for doc in doc_ids
    )


def program_section(
    d: ProgramDetermination, rules: RuleSet, resources: Path, answers: Mapping[str, JsonValue],
    typed: Mapping[str, object], lang: Language, consented: _Consented, trees: _Trees,
) -> ProgramSection:
    """One program's determination, with what consent does not cover withheld."""
    track = next(t for t in rules.tracks if t.id == d.track_id)
    program = rules.program(d.program_id)
    assert program is not None
    rules_by_id = {p.id: p for p in program.priority_if}
    shown = [p.text.get(lang) for p in d.priority
             if consented.withheld(priority_kinds(rules_by_id[p.id], trees.forms)) is None]
    priority_withheld = tuple(dict.fromkeys(
        w for p in program.priority_if
        if (w := consented.withheld(priority_kinds(p, trees.forms))) is not None))
    return ProgramSection(
        track_id=d.track_id,
        track_title=track.title.get(lang),
        program_id=d.program_id,
        title=d.title.get(lang),
        outcome=d.outcome.value,
        criteria=tuple(criterion_lines(program.eligible_if, d.trace, lang, consented, trees)),
        contact=program_contact(resources, d.provider, lang),
        rules_version=d.rules_version,
        rules_hash=d.rules_hash,
        missing=tuple(m.label.get(lang) for m in d.missing
                      if consented.withheld(trees.forms.field_kinds(m.field_id)) is None),
        priority=tuple(shown),
        documents=documents(resources, d.documents, answers, lang),
        qualifies_because=because_line(d, program.eligible_if, typed, lang, consented, trees),
        priority_withheld=priority_withheld,
    )


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


def _sensitive_sections(
    answers: Mapping[str, JsonValue], typed: Mapping[str, object], forms: FormCatalog,
    today: date, lang: Language, allowed: frozenset[str],
) -> tuple[SensitiveSection, ...]:
    """The answers and screening results of each covered kind; nothing of the others."""
    scores = forms.scores(typed, today)
    out = []
    for kind in SENSITIVE_KINDS:
        if kind not in allowed:
            continue
        rows = [(q.label.get(lang), format_answer(q, answers[q.id], lang))
                for form in forms.forms.values() for q in form.questions()
                if q.sensitivity == kind and q.instrument_id is None
                and answers.get(q.id) is not None]
        for inst_id, score in sorted(scores.items()):
            if forms.instrument_kind(inst_id) == kind and score.score is not None:
                band = f" ({score.band.label.get(lang)})" if score.band else ""
                rows.append((score.title.get(lang), f"{score.score}{band}"))
        if rows:
            out.append(SensitiveSection(kind, _SECTION_TITLE[kind].get(lang), tuple(rows)))
    return tuple(out)


def _flags(
    typed: Mapping[str, object], forms: FormCatalog, today: date, lang: Language,
    allowed: frozenset[str],
) -> tuple[Flag, ...]:
    found: dict[str, Flag] = {}
    for inst_id, score in forms.scores(typed, today).items():
        kind = forms.instrument_kind(inst_id)
        if kind is not None and kind not in allowed:
            continue
        for f in score.flags:
            found.setdefault(f"{inst_id}.{f.id}", Flag(f.id, f.label.get(lang), f.urgent))
    return tuple(found.values())


def consent_needed(kinds: frozenset[str], lang: Language = "en") -> str:
    """What to tell the worker when a program rests on kinds no consent covers."""
    names = " and ".join(_KIND_NAMES[k].get(lang) for k in SENSITIVE_KINDS if k in kinds)
    return (f"sign a release of information that includes {names} information for this "
            "program")


@dataclass(frozen=True)
class ViewInputs:
    """What a packet is made from: the client's answers and screening, and the consents."""

    answers: Mapping[str, JsonValue]
    typed: Mapping[str, object]
    screening: Screening
    consents: tuple[ConsentView, ...]
    today: date


def packet_view(
    inputs: ViewInputs,
    program_ids: Sequence[str],
    forms: FormCatalog,
    rules: RuleSet,
    *,
    resources: Path,
    lang: Language,
    referral_id: str,
    generated_at: datetime,
    worker: Worker,
    record_ids: tuple[str, ...] = (),
) -> PacketContent:
    """The consent-filtered view of a packet for `program_ids` (DESIGN §7).

    Raises InputError for an unknown program, a program not taking referrals (rules status
    other than open), and a program whose eligibility rests on sensitive information that no
    valid consent for it covers.
    """
    trees = _Trees(forms)
    chosen: list[tuple[ProgramDetermination, _Consented]] = []
    for program_id in program_ids:
        d = inputs.screening.get(program_id)
        program = rules.program(program_id)
        if d is None or program is None:
            raise InputError(f"There is no program with id {program_id}.")
        if d.status is not ProgramStatus.OPEN:
            raise InputError(f"{d.title.get('en')} does not take referrals now (its status is "
                             f"{d.status.value.replace('_', ' ')}): no packet can be made.")
        consented = _Consented({k: cover(inputs.consents, d.track_id, k, inputs.today)
                                for k in SENSITIVE_KINDS})
        lacking = program_rests_on(program, forms) - consented.allowed
        if lacking:
            raise InputError(f"A referral to {d.title.get('en')} tells the receiver about the "
                             f"client's health: {consent_needed(lacking)} first.")
        chosen.append((d, consented))
    # One document goes to every reader of the packet: a kind prints only where consent
    # covers it for every program in it (which a single provider's programs usually share).
    covers = {k: packet_cover(c.covers[k] for _, c in chosen) for k in SENSITIVE_KINDS}
    allowed = frozenset(k for k, c in covers.items() if c == "covered")
    packet_consent = _Consented(covers)
    tracks = {d.track_id for d, _ in chosen}
    valid = {c.consent_id: c for t in sorted(tracks)
             for c in valid_consents(inputs.consents, t, inputs.today)}
    return PacketContent(
        lang=lang,
        referral_id=referral_id,
        generated_at=generated_at,
        worker=worker,
        client=client_summary(inputs.answers, lang, forms),
        programs=tuple(program_section(d, rules, resources, inputs.answers, inputs.typed,
                                       lang, packet_consent, trees) for d, _ in chosen),
        cover=covers,
        flags=_flags(inputs.typed, forms, inputs.today, lang, allowed),
        consents=tuple(valid.values()),
        sensitive_sections=_sensitive_sections(inputs.answers, inputs.typed, forms,
                                               inputs.today, lang, allowed),
        record_ids=(*record_ids, *valid),
    )
