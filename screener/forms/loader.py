"""Loading form and instrument files into checked specs, with every problem located."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from screener.errors import FormError
from screener.forms.model import (
    Band,
    FlagRule,
    FormSpec,
    Instrument,
    Question,
    QuestionType,
    Scoring,
    Section,
)
from screener.forms.order import evaluation_order
from screener.forms.questions import Scope, question_ids, read_question, sensitivity
from screener.forms.reader import Reader
from screener.text import Text
from screener.yamlpos import FORM_FILES, Diagnostic, YMap, YNode, YScalar, YSeq, load_yaml

_FORM_KEYS = ("id", "version", "title", "intro", "sections")
_SECTION_KEYS = ("id", "title", "help", "visible_if", "questions")
_INCLUDE_KEYS = ("id", "include", "visible_if")
_INSTRUMENT_KEYS = ("id", "version", "title", "instructions", "uses", "questions", "scoring",
                    "sensitivity")


@dataclass
class Loaded:
    """The result of reading one file: the spec (None if it has errors) and its diagnostics."""

    spec: FormSpec | Instrument | None
    diagnostics: list[Diagnostic] = field(default_factory=list)


class SpecLoader:
    """Reads files under one forms folder; an instrument is read once however often included."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self._instruments: dict[Path, Loaded] = {}

    def display(self, path: Path) -> str:
        """How a file is named in messages: relative to the current folder when possible."""
        try:
            return str(path.resolve().relative_to(Path.cwd()))
        except ValueError:
            return str(path)

    def load(self, path: Path) -> Loaded:
        """Read a form, or an instrument (a file with `scoring:`)."""
        try:
            node = load_yaml(path, FORM_FILES, self.display(path))
        except FormError as exc:
            return Loaded(None, [Diagnostic("error", exc.message, exc.file or str(path),
                                            exc.line, exc.col)])
        if isinstance(node, YMap) and node.get("scoring") is not None:
            return self.instrument(path, node)
        return self._form(path, node)

    def instrument(self, path: Path, node: YNode | None = None) -> Loaded:
        key = path.resolve()
        if key not in self._instruments:
            if node is None:
                self._instruments[key] = self.load(path)
            else:
                r = Reader()
                spec = _read_instrument(r, node, self.display(path))
                self._instruments[key] = Loaded(None if r.has_errors else spec, r.diagnostics)
        return self._instruments[key]

    def _form(self, path: Path, node: YNode) -> Loaded:
        r = Reader()
        m = r.mapping(node, "a form file")
        if m is None:
            return Loaded(None, r.diagnostics)
        r.keys(m, _FORM_KEYS, "a form", ("id", "version", "title", "sections"))
        form_id = r.ident(m.get("id"), "form id") or "?"
        version = r.positive_int(m.get("version"), "version")
        title = r.text(m.get("title"), "form title")
        section_nodes = r.sequence(m.get("sections"), "sections")
        includes = self._includes(r, path, section_nodes)
        known = _prescan(r, section_nodes, includes)
        instruments = frozenset(i.id for i in includes.values())
        sections: list[Section] = []
        seen_sections: dict[str, int] = {}
        for index, sec_node in enumerate(section_nodes):
            section = _read_section(r, sec_node, form_id, known, instruments, includes.get(index))
            if section is None:
                continue
            if section.id in seen_sections:
                r.error(section.location, f"duplicate section id {section.id!r} "
                        f"(first at line {seen_sections[section.id]})")
            seen_sections[section.id] = section.location.line
            sections.append(section)
        _check_form(r, sections)
        spec = FormSpec(
            id=form_id, version=version or 1, title=title or Text(form_id),
            file=self.display(path), sections=tuple(sections),
            intro=r.text(m.get("intro"), "intro"),
            warnings=tuple(d for d in r.diagnostics if not d.is_error),
        )
        return Loaded(None if r.has_errors else spec, r.diagnostics)

    def _includes(
        self, r: Reader, path: Path, section_nodes: tuple[YNode, ...]
    ) -> dict[int, Instrument]:
        """The instruments included by section index; bad includes are reported."""
        found: dict[int, Instrument] = {}
        seen: dict[str, int] = {}
        for index, node in enumerate(section_nodes):
            if not isinstance(node, YMap) or node.get("include") is None:
                continue
            inc = node.get("include")
            assert inc is not None
            target = self._resolve(r, path, inc)
            if target is None:
                continue
            loaded = self.instrument(target)
            r.diagnostics.extend(d for d in loaded.diagnostics if d not in r.diagnostics)
            if not isinstance(loaded.spec, Instrument):
                if not any(d.is_error for d in loaded.diagnostics):
                    r.error(inc, f"bad include: {inc.loc.file} is not an instrument")
                else:
                    r.error(inc, "bad include: the included file has errors")
                continue
            if loaded.spec.id in seen:
                r.error(inc, f"bad include: instrument {loaded.spec.id!r} is already "
                        f"included at line {seen[loaded.spec.id]}")
                continue
            seen[loaded.spec.id] = inc.loc.line
            found[index] = loaded.spec
        return found

    def _resolve(self, r: Reader, path: Path, inc: YNode) -> Path | None:
        if not isinstance(inc, YScalar) or not isinstance(inc.value, str):
            r.error(inc, "bad include: expected a file path like instruments/phq9.yaml")
            return None
        if Path(inc.value).is_absolute():
            r.error(inc, f"bad include: {inc.value!r} must be relative to the forms folder")
            return None
        target = (path.parent / inc.value).resolve()
        if not target.is_relative_to(self.root):
            r.error(inc, f"bad include: {inc.value!r} is outside the forms folder")
            return None
        if not target.is_file():
            r.error(inc, f"bad include: no file {inc.value!r}")
            return None
        return target


def _prescan(
    r: Reader, section_nodes: tuple[YNode, ...], includes: dict[int, Instrument]
) -> frozenset[str]:
    """Every field id the form defines (for checking expressions); duplicates reported."""
    seen: dict[str, int] = {}

    def add(name: str, where: YNode) -> None:
        if name in seen:
            r.error(where, f"duplicate id {name!r} (first at line {seen[name]})")
        else:
            seen[name] = where.loc.line

    for index, node in enumerate(section_nodes):
        if index in includes:
            for q in _all_questions(includes[index].questions):
                add(q.id, node)
        elif isinstance(node, YMap) and isinstance(qs := node.get("questions"), YSeq):
            for id_node in question_ids(qs.items):
                add(str(id_node.value), id_node)
    return frozenset(seen)


def _all_questions(questions: tuple[Question, ...]) -> list[Question]:
    found: list[Question] = []
    for q in questions:
        found.append(q)
        found.extend(_all_questions(q.questions))
    return found


def _read_section(
    r: Reader,
    node: YNode,
    form_id: str,
    known: frozenset[str],
    instruments: frozenset[str],
    instrument: Instrument | None,
) -> Section | None:
    m = r.mapping(node, "a section")
    if m is None:
        return None
    if m.get("include") is not None:
        r.keys(m, _INCLUDE_KEYS, "an included section", ("include",))
        sid = r.ident(m.get("id"), "section id") if m.get("id") else None
        if instrument is None:
            return None
        if sid is not None and sid != instrument.id:
            r.error(m.get("id") or m, f"section id {sid!r} must match the instrument's id "
                    f"{instrument.id!r}")
        for name in instrument.uses:
            if name not in known:
                r.error(m.get("include") or m, f"instrument {instrument.id!r} uses field "
                        f"{name!r}, which this form does not define")
        visible = r.expression(m.get("visible_if"), "visible_if", known, instruments)
        return Section(instrument.id, instrument.title, m.loc, visible, instrument.instructions,
                       instrument.questions, instrument)
    r.keys(m, _SECTION_KEYS, "a section", ("id", "title", "questions"))
    sid = r.ident(m.get("id"), "section id")
    if sid is None:
        return None
    scope = Scope(form_id, sid, known, instruments)
    questions = [read_question(r, q, scope) for q in r.sequence(m.get("questions"), "questions")]
    return Section(
        id=sid,
        title=r.text(m.get("title"), f"title of section {sid!r}") or Text(sid),
        location=m.loc,
        visible_if=r.expression(m.get("visible_if"), f"visible_if of section {sid!r}", known,
                                instruments),
        help=r.text(m.get("help"), f"help of section {sid!r}"),
        questions=tuple(q for q in questions if q is not None),
    )


def _check_form(r: Reader, sections: list[Section]) -> None:
    """Cross checks: computed fields in repeat groups, cycles among computed values."""
    questions = [q for s in sections for q in _all_questions(s.questions)]
    for q in questions:
        if q.type is QuestionType.COMPUTED and q.group_id is not None:
            r.error(q.location, f"computed question {q.id!r} cannot sit in a repeat group")
    computed = [q for q in questions if q.type is QuestionType.COMPUTED and q.compute]
    instruments = [s.instrument for s in sections if s.instrument is not None]
    _, cycles = evaluation_order(computed, instruments)
    for cycle in cycles:
        message = "a cycle among computed fields: " + " -> ".join(cycle.path)
        if isinstance(cycle.at, Question):
            r.error(cycle.at.location, message)
        else:
            r.diagnostics.append(Diagnostic("error", message, cycle.at.file))


def _read_instrument(r: Reader, node: YNode, file: str) -> Instrument | None:
    m = r.mapping(node, "an instrument file")
    if m is None:
        return None
    r.keys(m, _INSTRUMENT_KEYS, "an instrument",
           ("id", "version", "title", "questions", "scoring"))
    iid = r.ident(m.get("id"), "instrument id")
    if iid is None:
        return None
    uses = tuple(
        name for name in (r.ident(n, "a 'uses' field") for n in r.sequence(m.get("uses"), "uses"))
        if name is not None
    )
    q_nodes = r.sequence(m.get("questions"), "questions")
    ids = [str(n.value) for n in question_ids(q_nodes)]
    known = frozenset(ids) | frozenset(uses)
    kind = sensitivity(r, m.get("sensitivity"), "instrument sensitivity")
    if kind == "none":
        kind = None
    scope = Scope(iid, iid, known, frozenset({iid}), instrument_id=iid, sensitivity=kind)
    questions = tuple(q for q in (read_question(r, n, scope) for n in q_nodes) if q is not None)
    scoring = _read_scoring(r, m.get("scoring"), iid, known)
    title = r.text(m.get("title"), "instrument title")
    version = r.positive_int(m.get("version"), "version")
    if scoring is None or title is None or version is None:
        return None
    return Instrument(iid, version, title, file, scoring,
                      r.text(m.get("instructions"), "instructions"), uses, questions, kind)


def _read_scoring(r: Reader, node: YNode | None, iid: str, known: frozenset[str]) -> Scoring | None:
    m = r.mapping(node, "scoring")
    if m is None:
        return None
    r.keys(m, ("score", "bands", "flags", "parameters"), "scoring", ("score",))
    params: list[tuple[str, int | float]] = []
    pm = r.mapping(m.get("parameters"), "parameters") if m.get("parameters") else None
    for key, value in pm.entries if pm else ():
        name, number = r.ident(key, "parameter name"), r.number(value, f"parameter {key.value}")
        if name is not None and number is not None:
            params.append((name, number))
    names = frozenset(n for n, _ in params)
    own = frozenset({iid})
    score = r.expression(m.get("score"), "score", known, own, names)
    bands: list[Band] = []
    for b in r.sequence(m.get("bands"), "bands"):
        bm = r.mapping(b, "a band")
        band_keys = ("id", "min", "max", "label")
        if bm is None or not r.keys(bm, band_keys, "a band", band_keys):
            continue
        bid, label = r.ident(bm.get("id"), "band id"), r.text(bm.get("label"), "band label")
        low, high = r.number(bm.get("min"), "band min"), r.number(bm.get("max"), "band max")
        if bid is None or label is None or low is None or high is None:
            continue
        if low > high or (bands and low <= bands[-1].max):
            r.error(bm, f"band {bid!r} overlaps the previous band or has min above max")
        bands.append(Band(bid, low, high, label))
    flags: list[FlagRule] = []
    for f in r.sequence(m.get("flags"), "flags"):
        fm = r.mapping(f, "a flag")
        flag_keys = ("id", "when", "label", "urgent")
        if fm is None or not r.keys(fm, flag_keys, "a flag", flag_keys[:3]):
            continue
        fid, label = r.ident(fm.get("id"), "flag id"), r.text(fm.get("label"), "flag label")
        when = r.expression(fm.get("when"), "when", known, own, names)
        if fid is not None and label is not None and when is not None:
            flags.append(FlagRule(fid, when, label, r.boolean(fm.get("urgent"), "urgent")))
    if score is None:
        return None
    return Scoring(score, tuple(bands), tuple(flags), tuple(params))
