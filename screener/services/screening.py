"""Screening use cases: answers in, determinations with reasons out (no database needed).

`load_setup()` loads the forms and the rules once (`load_setup_in_force()`: those of the
content pack in force; a `Session` holds the one it screens with); `screen_answers()` checks
the answers against the forms, works out computed fields and scores, and evaluates every program.
`check_rules()` and `run_rule_tests()` are what `screener rules check|test` print.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from screener import paths
from screener.errors import AnswerError, RuleError, ScreenerError
from screener.expr import Location, unknown
from screener.forms import FormCatalog, InvalidAnswer, QuestionType
from screener.forms import parse_answer as parse_question_answer
from screener.rules import (
    CaseResult,
    ChoiceLabel,
    RuleErrors,
    RuleSet,
    RuleTestCase,
    Screening,
    ScreeningFlag,
    catalog_from_forms,
    load_rules,
    qualifies_because,
    read_cases,
    run_case,
)
from screener.rules.testcases import ScreenCase
from screener.sync import content
from screener.text import Text
from screener.yamlpos import ANSWER_FILES, YMap, YScalar, load_yaml, plain


@dataclass(frozen=True)
class ScreeningSetup:
    """The loaded forms and rules that screening needs (load once, screen many)."""

    forms: FormCatalog
    rules: RuleSet
    instrument_items: Mapping[str, frozenset[str]]
    resources_dir: Path = field(default_factory=paths.resources_dir)
    #: The content pack these forms and rules come from (None: the set built into the app).
    pack: content.InstalledPack | None = None


def load_setup(
    forms_dir: Path | None = None,
    rules_dir: Path | None = None,
    resources_dir: Path | None = None,
) -> ScreeningSetup:
    """Load the forms and the rule files (default: the installed folders).

    Raises FormError / RuleErrors naming every problem at file:line:col.
    """
    forms = FormCatalog.load(forms_dir)
    resources = resources_dir or paths.resources_dir()
    rules = load_rules(
        rules_dir or paths.rules_dir(),
        catalog_from_forms(forms),
        providers=resources / "programs.yaml",
        documents=resources / "documents.yaml",
    )
    items = {
        inst.id: frozenset(q.id for q in inst.questions)
        for form in forms.forms.values()
        for inst in form.instruments
    }
    return ScreeningSetup(forms, rules, items, resources)


def load_setup_in_force(database: Path | None = None) -> ScreeningSetup:
    """Load the forms and rules in force for `database` (default: the one in use): the content
    pack installed for it (`screener content install`), else the set built into the app.

    Nothing is cached here: a `Session` holds the setup it loaded (`Session.setup`) and loads
    it again when it installs or rolls back a pack; a command without a session loads once.
    """
    pack = content.in_force(paths.content_dir(database))
    if pack is None:
        return load_setup()
    return replace(load_setup(*pack_folders(pack.folder)), pack=pack)


def pack_folders(folder: Path) -> tuple[Path, Path, Path]:
    """The forms, rules and resources folders of an unpacked content pack."""
    return folder / "forms", folder / "rules", folder / "resources"


@dataclass(frozen=True)
class AnswersFile:
    """An answers file read for `screener screen`: typed answers and an optional day."""

    answers: Mapping[str, object]
    today: date | None


def read_answers_file(path: Path, forms: FormCatalog) -> AnswersFile:
    """Read `FIELD: value` lines (or `today:` + `answers:`), checked against the forms.

    Malformed YAML, impossible dates, unknown field ids and answers that do not fit their
    question raise AnswerError at file:line:col.
    """
    root = load_yaml(path, ANSWER_FILES, _display(path))
    if not isinstance(root, YMap):
        raise _at(root.loc, "an answers file is a mapping of field ids to answers")
    today: date | None = None
    body: YMap = root
    wrapped = root.get("answers")
    if isinstance(wrapped, YMap) and "answers" not in forms.field_ids():
        for key, value in root.entries:
            if key.value == "today":
                if not (isinstance(value, YScalar) and isinstance(value.value, date)):
                    raise _at(value.loc, "today must be a date (YYYY-MM-DD)")
                today = value.value
            elif key.value != "answers":
                raise _at(key.loc, f"unknown key {key.value!s} (a wrapped answers file has "
                                   "today and answers)")
        body = wrapped
    return AnswersFile(parse_answers(body, forms), today)


def parse_answers(node: YMap, forms: FormCatalog) -> dict[str, object]:
    """Typed answers from a located mapping; AnswerError at the offending key or value."""
    out: dict[str, object] = {}
    for key, value in node.entries:
        field_id = str(key.value)
        try:
            _check_field(field_id, forms)
        except AnswerError as exc:
            raise _at(key.loc, exc.message) from None
        try:
            parsed = parse_answer(field_id, plain(value), forms)
        except AnswerError as exc:
            raise _at(value.loc, exc.message) from None
        if parsed is not None:
            out[field_id] = parsed
    return out


def _check_field(field_id: str, forms: FormCatalog) -> None:
    if field_id not in forms.field_ids():
        raise AnswerError(f"{field_id}: no form asks for this field")
    group = forms.question(field_id).group_id
    if group is not None:
        raise AnswerError(f"{field_id}: belongs inside the list {group!r}")


def parse_answer(field_id: str, raw: object, forms: FormCatalog) -> object:
    """One answer as its question's type (None when blank). AnswerError if it cannot be."""
    _check_field(field_id, forms)
    question = forms.question(field_id)
    if question.type in (QuestionType.COMPUTED, QuestionType.NOTE):
        return None  # worked out from other answers; a given value is not used
    try:
        return parse_question_answer(question, raw)
    except InvalidAnswer as exc:
        raise AnswerError(exc.message) from None


def screen_answers(
    answers: Mapping[str, object],
    today: date,
    *,
    setup: ScreeningSetup,
    programs: frozenset[str] | None = None,
) -> Screening:
    """Every program's determination for `answers` on `today` (or only `programs`).

    `answers` maps field ids to values (ISO text or `date` for dates, booleans for yesno,
    lists for multichoice); each is checked against its question first (AnswerError).
    """
    parsed: dict[str, object] = {}
    for field_id, raw in answers.items():
        value = parse_answer(field_id, raw, setup.forms)
        if value is not None:
            parsed[field_id] = value
    return screen_parsed(parsed, today, setup, programs)


def screen_parsed(
    answers: Mapping[str, object],
    today: date,
    setup: ScreeningSetup,
    programs: frozenset[str] | None = None,
) -> Screening:
    """Like `screen_answers` for answers already parsed to their types."""
    inputs = setup.forms.inputs(answers, today)
    scores = dict(inputs.scores)
    for inst, items in setup.instrument_items.items():
        if not any(i in answers for i in items):  # nothing answered: ask for the instrument
            scores[inst] = unknown((inst,))
    raised = [f for s in setup.forms.scores(answers, today).values() for f in s.flags]
    flags = tuple(ScreeningFlag(f.id, f.label, f.urgent) for f in raised)
    return setup.rules.screen(inputs.answers, today, scores=scores, flags=flags,
                              programs=programs)


def choice_label(forms: FormCatalog) -> ChoiceLabel:
    """A function (field id, value) → the label of that choice on the forms, or None."""
    def label(field_id: str, value: object) -> Text | None:
        if field_id not in forms.field_ids():
            return None
        for choice in forms.question(field_id).choices or ():
            if choice.value == value:
                return choice.label
        return None
    return label


def screening_json(
    screening: Screening, answers: Mapping[str, object], setup: ScreeningSetup
) -> dict[str, object]:
    """`screening.to_json()` with each program's `qualifies_because` ({en, es} or null)."""
    out = screening.to_json()
    label = choice_label(setup.forms)
    for d in screening.determinations:
        because = qualifies_because(d, answers, label)
        out["programs"][d.program_id]["qualifies_because"] = (
            None if because is None else {"en": because.en, "es": because.es})
    return out


# -- rules check and rule tests --------------------------------------------------------------


@dataclass(frozen=True)
class RulesCheck:
    """What `screener rules check` found: every error and warning, and what was loaded."""

    files: tuple[str, ...]
    programs: int
    errors: tuple[str, ...]
    warnings: tuple[str, ...]
    rules_hash: str | None

    @property
    def ok(self) -> bool:
        return not self.errors


def check_rules(
    rules_dir: Path | None = None,
    forms_dir: Path | None = None,
    resources_dir: Path | None = None,
) -> RulesCheck:
    """Load every rule file and report each problem at file:line:col (never raises for them)."""
    root = rules_dir or paths.rules_dir()
    files = tuple(_display(p) for p in sorted(root.glob("*.yaml")))
    try:
        setup = load_setup(forms_dir, rules_dir, resources_dir)
    except RuleErrors as exc:
        return RulesCheck(files, 0, tuple(str(e) for e in exc.errors), (), None)
    except ScreenerError as exc:
        return RulesCheck(files, 0, (str(exc),), (), None)
    rules = setup.rules
    count = sum(len(t.programs) for t in rules.tracks)
    return RulesCheck(files, count, (), tuple(str(w) for w in rules.warnings), rules.hash)


@dataclass(frozen=True)
class RuleTestFile:
    """The results of one test file; `error` when the file itself could not be read."""

    file: str
    results: tuple[CaseResult, ...]
    error: str | None = None


@dataclass(frozen=True)
class RuleTestReport:
    """Every test file's results."""

    files: tuple[RuleTestFile, ...]

    @property
    def passed(self) -> int:
        return sum(r.passed for f in self.files for r in f.results)

    @property
    def failed(self) -> int:
        return sum(not r.passed for f in self.files for r in f.results)

    @property
    def file_errors(self) -> int:
        return sum(f.error is not None for f in self.files)

    @property
    def ok(self) -> bool:
        return self.failed == 0 and self.file_errors == 0


def rule_test_files(rules_dir: Path | None = None) -> list[Path]:
    """`rules/tests/*.yaml`, sorted."""
    return sorted(((rules_dir or paths.rules_dir()) / "tests").glob("*.yaml"))


def run_rule_tests(
    files: Sequence[Path] | None = None, *, setup: ScreeningSetup
) -> RuleTestReport:
    """Run YAML rule tests (default: every file under rules/tests/) with `setup`."""
    out: list[RuleTestFile] = []
    for path in files if files is not None else rule_test_files():
        try:
            cases = read_cases(path, _display(path))
        except RuleError as exc:
            out.append(RuleTestFile(_display(path), (), str(exc)))
            continue
        results = tuple(run_rule_case(c, setup) for c in cases)
        out.append(RuleTestFile(_display(path), results))
    return RuleTestReport(tuple(out))


def run_rule_case(case: RuleTestCase, setup: ScreeningSetup) -> CaseResult:
    """Run one rule test case (its answers are checked against the forms first)."""
    return run_case(case, setup.rules, _case_screener(setup))


def read_rule_cases(path: Path) -> list[RuleTestCase]:
    """The cases of one test file (RuleError at file:line:col if malformed)."""
    return read_cases(path, _display(path))


def _case_screener(setup: ScreeningSetup) -> ScreenCase:
    def screen(case: RuleTestCase, programs: frozenset[str]) -> Screening:
        return screen_parsed(parse_answers(case.answers, setup.forms), case.today, setup,
                             programs)

    return screen


def _at(loc: Location, message: str) -> AnswerError:
    return AnswerError(message, file=loc.file, line=loc.line, col=loc.col)


def _display(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)

