"""Packets are consent-safe by construction (DESIGN §7): the view holds only what consent
covers, and the PDF prints only the view. Read back with pdftotext."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from screener.demo.people import PersonFactory
from screener.domain import SENSITIVE_KINDS
from screener.errors import InputError
from screener.forms import QuestionType
from screener.packets import ConsentView, PacketContent, render_packet
from screener.packets.consent import cover
from screener.packets.model import Worker
from screener.packets.samples import sample_consent, sample_content
from screener.rules import Criterion, CriterionTrace, NodeKind, ProgramStatus, Screening
from screener.services import packet_views as pv
from screener.services.screening import ScreeningSetup, load_setup, screen_parsed
from screener.services.sensitivity import criterion_kinds, priority_kinds, program_rests_on
from screener.services.stored_answers import typed_answers
from screener.text import Language
from tests.unit.packet_pdf import pdftotext

TODAY = date(2026, 11, 25)
NOW = datetime(2026, 11, 25, 22, 5, tzinfo=UTC)
WORKER = Worker("Dana Okafor", "JCOD Reentry Intake", "(213) 555-0188", "dokafor@example.org")
GOLDEN = Path(__file__).parent / "golden"


@cache
def setup() -> ScreeningSetup:
    return load_setup()


def _person(seed: int = 4, **overrides: object) -> dict[str, object]:
    answers: dict[str, object] = dict(PersonFactory(seed, TODAY).person().answers)
    answers.update(overrides)
    return answers


def _view(answers: dict[str, object], programs: list[str], consents: tuple[ConsentView, ...],
          lang: Language = "en") -> PacketContent:
    s = setup()
    typed = typed_answers(answers, s.forms)  # type: ignore[arg-type]
    screening = screen_parsed(typed, TODAY, s)
    inputs = pv.ViewInputs(answers, typed, screening, consents, TODAY)  # type: ignore[arg-type]
    return pv.packet_view(inputs, programs, s.forms, s.rules, resources=s.resources_dir, lang=lang,
                          referral_id="R-20261125-GOLD01", generated_at=NOW, worker=WORKER,
                          record_ids=("intake-1",))


def _text(content: PacketContent, folder: Path) -> str:
    pdf, _ = render_packet(content, reproducible=True)
    path = folder / "packet.pdf"
    path.write_bytes(pdf)
    return pdftotext(path)


def _flat(text: str) -> str:
    return " ".join(text.split())


# ----------------------------------------------------------------- sensitive strings

def _withheld_nodes(node: Criterion, trace: CriterionTrace, kind: str
                    ) -> list[CriterionTrace]:
    """Criteria the view must withhold when `kind` is not covered: leaves reading it, and
    groups all of whose criteria read it."""
    forms = setup().forms
    if kind in criterion_kinds(node, forms) and (
        node.kind is NodeKind.LEAF
        or all(kind in criterion_kinds(c, forms) for c in node.children)
    ):
        return [trace]
    return [t for c, ct in zip(node.children, trace.children, strict=True)
            for t in _withheld_nodes(c, ct, kind)]


def _sensitive_strings(kind: str, lang: Language, screening: Screening
                       ) -> tuple[set[str], set[str]]:
    """(what only the health section and flags may print, what criteria may print) of a kind."""
    forms = setup().forms
    data: set[str] = set()
    for form in forms.forms.values():
        for q in form.questions():
            if kind not in forms.field_kinds(q.id):
                continue
            data.add(q.label.get(lang))
            data.update(c.label.get(lang) for c in q.choices if len(c.label.get(lang)) >= 10)
        for inst in form.instruments:
            if inst.sensitivity == kind:
                data.add(inst.title.get(lang))
                data.update(b.label.get(lang) for b in inst.scoring.bands
                            if len(b.label.get(lang)) >= 8)
                data.update(f.label.get(lang) for f in inst.scoring.flags)
    data.update({"mental_health": ["PHQ-9", "GAD-7", "PC-PTSD-5"],
                 "substance_use": ["AUDIT-C", "DAST-10"]}[kind])
    criteria: set[str] = set()
    rules = setup().rules
    for d in screening.determinations:
        program = rules.program(d.program_id)
        assert program is not None
        criteria.update(t.text.get(lang) for t in _withheld_nodes(program.eligible_if, d.trace,
                                                                  kind) if t.text)
        criteria.update(p.text.get(lang) for p in program.priority_if
                        if kind in priority_kinds(p, forms))
    return data, criteria


@cache
def _packet_wording(lang: Language) -> str:
    """Every heading, label and statement the packet prints itself (kind names filled in)."""
    from screener.packets import consent_text, labels
    from screener.text import Text

    texts: list[str] = []
    for module in (labels, consent_text):
        for value in vars(module).values():
            found = list(value.values()) if isinstance(value, dict) else [value]
            texts += [t.get(lang) for t in found if isinstance(t, Text)]
    kinds = [labels.KIND_NAMES[k].get(lang) for k in SENSITIVE_KINDS]
    return "\n".join(t.replace("{kind}", k) for t in texts for k in kinds)


def _leaks(strings: set[str], text: str, lang: Language) -> list[str]:
    """The strings that print, leaving out those the packet's own wording holds."""
    return sorted(x for x in strings
                  if _flat(x) in text and _flat(x) not in _flat(_packet_wording(lang)))


def _choice_values(q_type: QuestionType, choices: tuple[object, ...]) -> st.SearchStrategy[object]:
    if q_type is QuestionType.YESNO:
        return st.sampled_from([None, True, False])
    return st.sampled_from([None, *choices])


@st.composite
def _clients(draw: st.DrawFn) -> dict[str, object]:
    answers = _person(draw(st.integers(0, 10_000)))
    forms = setup().forms
    for form in forms.forms.values():
        for q in form.questions():
            if forms.field_kinds(q.id) and q.type in (QuestionType.YESNO, QuestionType.CHOICE):
                answers[q.id] = draw(_choice_values(q.type, tuple(c.value for c in q.choices)))
    return {k: v for k, v in answers.items() if v is not None}


_TRACKS = sorted(t.id for t in setup().rules.tracks)
_PROGRAMS = sorted(p.id for t in setup().rules.tracks for p in t.programs)
_CONSENTS = st.lists(st.builds(
    lambda tracks, sud, mh, state: sample_consent(
        "en", consent_id=f"C-{len(tracks)}{sud:d}{mh:d}", tracks=frozenset(tracks),
        includes_sud=sud, includes_mental_health=mh,
        **{"valid": {}, "revoked": {"revoked": True},
           "expired": {"expires_on": date(2026, 11, 1)}}[state]),
    st.sets(st.sampled_from(_TRACKS), min_size=1, max_size=3), st.booleans(), st.booleans(),
    st.sampled_from(["valid", "valid", "revoked", "expired"])), max_size=3)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answers=_clients(), consents=_CONSENTS,
       programs=st.lists(st.sampled_from(_PROGRAMS), min_size=1, max_size=3, unique=True),
       lang=st.sampled_from(["en", "es"]))
def test_packet_text_holds_nothing_sensitive_that_no_consent_covers(
    tmp_path_factory: pytest.TempPathFactory, answers: dict[str, object],
    consents: list[ConsentView], programs: list[str], lang: Language,
) -> None:
    s = setup()
    screening = screen_parsed(typed_answers(answers, s.forms), TODAY, s)  # type: ignore[arg-type]
    for p in [p for p in programs if screening.get(p).status is not ProgramStatus.OPEN]:  # type: ignore[union-attr]
        with pytest.raises(InputError, match="does not take referrals now"):
            _view(answers, [p], tuple(consents), lang)
        programs.remove(p)
    if not programs:
        return
    tracks = {p: screening.get(p).track_id for p in programs}  # type: ignore[union-attr]
    covered = {p: {k for k in SENSITIVE_KINDS if cover(consents, tracks[p], k, TODAY) == "covered"}
               for p in programs}
    allowed = [p for p in programs
               if program_rests_on(s.rules.program(p), s.forms) <= covered[p]]  # type: ignore[arg-type]
    refused = [p for p in programs if p not in allowed]
    for p in refused:
        with pytest.raises(InputError, match="sign a release of information that includes"):
            _view(answers, [p], tuple(consents), lang)
    if not allowed:
        return
    content = _view(answers, allowed, tuple(consents), lang)
    text = _flat(_text(content, tmp_path_factory.mktemp("p")))
    for kind in SENSITIVE_KINDS:
        if all(kind in covered[p] for p in allowed):
            continue  # one document, every reader: covered only if covered for every program
        data, criteria = _sensitive_strings(kind, lang, screening)
        assert not _leaks(data | criteria, text, lang), kind


# ------------------------------------------------------------- the three consent states

def _sensitive_person() -> dict[str, object]:
    return _person(county_of_residence="los_angeles", release_date="2026-09-20",
                   in_custody=False, housing_status="unsheltered", mental_health_diagnosis=True,
                   smi_diagnosis=True, substance_use_past_year=True,
                   primary_substance="methamphetamine", phq9_9=2,
                   **{f"phq9_{i}": 2 for i in range(1, 9)})


@pytest.mark.parametrize("lang", ["en", "es"])
def test_packet_prints_covered_declined_and_no_consent_distinctly(
    tmp_path: Path, lang: Language
) -> None:
    answers = _sensitive_person()
    declined_sud = sample_consent("en", tracks=frozenset({"housing"}), includes_sud=False)
    text = _flat(_text(_view(answers, ["interim_housing"], (declined_sud,), lang), tmp_path))
    words = {
        "en": ("Mental health information: Shared with the client's signed consent",
               "Withheld (the client declined to share substance use information)",
               "Withheld (no consent for substance use information: none signed, or expired "
               "or revoked)", "Methamphetamine"),
        "es": ("Información de salud mental: Se comparte con la autorización firmada de la "
               "persona", "No se incluye (la persona decidió no compartir información de "
               "consumo de sustancias)", "No se incluye (no hay autorización para compartir "
               "información de consumo de sustancias", "Metanfetamina"),
    }[lang]
    covered, declined, none, substance = words
    assert covered in text and declined in text and none not in text
    assert substance not in text
    assert "PHQ-9" in text  # mental health is covered: its screen prints
    revoked = replace(declined_sud, revoked=True)
    text = _flat(_text(_view(answers, ["interim_housing"], (revoked,), lang), tmp_path))
    assert none in text and declined not in text and covered not in text
    assert "PHQ-9" not in text and substance not in text
    assert "retenid" not in text.lower()


def test_withheld_criterion_prints_one_line_never_its_text_or_status(tmp_path: Path) -> None:
    answers = _sensitive_person()
    content = _view(answers, ["interim_housing"], ())
    [program] = content.programs
    assert content.flags == () and content.sensitive_sections == ()
    assert all(c.withheld is None for c in program.criteria)  # housing reads nothing sensitive
    assert [(w.kind, w.cover) for w in program.priority_withheld] == [("mental_health", "none")]
    text = _flat(_text(content, tmp_path))
    for leaked in ("serious mental illness", "URGENT", "self-harm", "PHQ", "DAST",
                   "Methamphetamine", "Serious mental"):
        assert leaked not in text, leaked


def test_sensitive_criteria_of_a_program_print_as_withheld_lines(tmp_path: Path) -> None:
    # ECM's eligibility has mental health and substance use branches beside others: without
    # consent each is one withheld line, and the group holding them hides its status.
    content = _view(_sensitive_person(), ["calaim_ecm"], ())
    criteria = content.programs[0].criteria
    withheld = [c for c in criteria if c.withheld is not None]
    assert withheld and all(c.text is None and c.status is None for c in withheld)
    assert {c.withheld.kind for c in withheld} == {"mental_health", "substance_use"}  # type: ignore[union-attr]
    assert any(c.withheld is None and c.status is None for c in criteria)  # a mixed group
    text = _flat(_text(content, tmp_path))
    assert "Withheld (no consent for mental health information" in text


# ------------------------------------------------------------------ refusal of programs

@pytest.mark.parametrize(("program", "kinds"), [
    ("odr_housing", "mental health"), ("start_community", "substance use"),
    ("step_down_listening_sessions", "mental health"), ("coin", "substance use and mental health"),
    ("mh_sud_linkage", "substance use and mental health"),
])
def test_a_program_resting_on_sensitive_information_needs_a_covering_consent(
    program: str, kinds: str
) -> None:
    answers = _sensitive_person()
    with pytest.raises(InputError, match=f"sign a release of information that includes {kinds} "
                                         "information for this program"):
        _view(answers, [program], ())
    track = setup().rules.program(program).track_id  # type: ignore[union-attr]
    declined = sample_consent("en", tracks=frozenset({track}), includes_sud=False,
                              includes_mental_health=False)
    with pytest.raises(InputError, match="sign a release"):
        _view(answers, [program], (declined,))
    content = _view(answers, [program], (sample_consent("en", tracks=frozenset({track})),))
    assert [p.program_id for p in content.programs] == [program]


# ---------------------------------------------------------------------- golden page 1

@pytest.mark.parametrize("lang", ["en", "es"])
def test_page_one_golden_text(tmp_path: Path, lang: Language) -> None:
    """Page 1 of the sample packet, word for word (fixed wording, no rule texts, so a rules
    update does not change it). To accept a change: delete the file, run, read, commit."""
    content = sample_content(lang, programs=("housing", "emp"))
    content = replace(content, cover={"substance_use": "declined", "mental_health": "covered"})
    pdf, _ = render_packet(content, reproducible=True)
    (tmp_path / "p.pdf").write_bytes(pdf)
    page1 = pdftotext(tmp_path / "p.pdf").split("\f")[0]
    lines = "\n".join(line.rstrip() for line in page1.splitlines() if line.strip()) + "\n"
    golden = GOLDEN / f"packet_page1_{lang}.txt"
    if not golden.exists():
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(lines, "utf-8")
    assert lines == golden.read_text("utf-8")
