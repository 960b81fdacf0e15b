"""Text rendering of screenings and rule-test reports for the command line."""

from __future__ import annotations

from collections.abc import Iterator

from screener.rules import (
    CaseResult,
    CriterionTrace,
    Outcome,
    ProgramDetermination,
    ProgramStatus,
    RuleSet,
    Screening,
    Truth,
)
from screener.rules.results import outcome_counts
from screener.services import RuleTestReport
from screener.text import Text

MARK = {Truth.MET: "✓", Truth.NOT_MET: "✗", Truth.UNKNOWN: "?"}
OUTCOME = {
    Outcome.ELIGIBLE: ("ELIGIBLE", "ELEGIBLE"),
    Outcome.NOT_ELIGIBLE: ("NOT ELIGIBLE", "NO ELEGIBLE"),
    Outcome.NEEDS_INFORMATION: ("NEEDS INFORMATION", "FALTA INFORMACIÓN"),
}
STATUS = {
    ProgramStatus.PLANNING: ("planning: not taking referrals yet",
                             "en planeación: todavía no recibe referencias"),
    ProgramStatus.SUBJECT_TO_FUNDING: ("subject to funding: a candidate list, not a referral",
                                       "sujeto a fondos: una lista de candidatos, no una referencia"),
    ProgramStatus.CLOSED: ("closed: not taking referrals", "cerrado: no recibe referencias"),
}
DECLINED = ("the client does not want this help now: not a referral to make",
            "la persona no quiere esta ayuda ahora: no hacer la referencia")
GROUP = {"all": ("all of:", "todos:"), "any": ("any of:", "cualquiera de:"),
         "not": ("not:", "no:")}


def _t(text: Text | None, lang: str) -> str:
    return text.get(lang) if text is not None else ""


def trace_lines(trace: CriterionTrace, lang: str, indent: str = "") -> Iterator[str]:
    """The trace as indented lines: ✓ met, ✗ not met, ? unknown (with missing fields)."""
    words = _t(trace.text, lang)
    if trace.kind != "leaf":
        label = GROUP[trace.kind][1 if lang == "es" else 0]
        words = f"{words} ({label})" if words else label
    missing = f"  [missing: {', '.join(trace.missing)}]" if trace.missing else ""
    yield f"{indent}{MARK[trace.status]} {words}{missing}"
    for child in trace.children:
        yield from trace_lines(child, lang, indent + "    ")


def determination_lines(d: ProgramDetermination, lang: str) -> Iterator[str]:
    """One program: outcome, reasons, questions to ask, priority, documents."""
    outcome = OUTCOME[d.outcome][1 if lang == "es" else 0]
    i = 1 if lang == "es" else 0
    yield f"  {_t(d.title, lang)} [{d.program_id}]: {outcome}"
    if d.status in STATUS:
        yield f"      status: {STATUS[d.status][i]}"
    if d.declined and d.outcome is Outcome.ELIGIBLE:
        yield f"      declined: {DECLINED[i]}"
    yield f"      provider: {d.provider}"
    yield from trace_lines(d.trace, lang, "      ")
    if d.missing:
        yield "      questions to ask:"
        for m in d.missing:
            where = " › ".join(p for p in (m.form_id, m.section_id) if p)
            yield f"        - {m.label.get(lang)} ({m.field_id}{'; ' + where if where else ''})"
    if d.priority:
        yield "      priority: " + "; ".join(p.text.get(lang) for p in d.priority)
    if d.documents:
        yield "      documents: " + ", ".join(d.documents)


def screening_lines(s: Screening, rules: RuleSet, lang: str = "en") -> Iterator[str]:
    """The whole screening as text, track by track."""
    yield f"Screening on {s.today.isoformat()}; rules hash {s.rules_hash}"
    for flag in s.flags:
        yield f"  {'!! ' if flag.urgent else ''}FLAG {flag.id}: {flag.label.get(lang)}"
    for track in rules.tracks:
        ds = [d for d in s.determinations if d.track_id == track.id]
        if not ds:
            continue
        yield ""
        yield f"{track.title.get(lang)} ({track.id}, version {track.version})"
        for d in ds:
            yield from determination_lines(d, lang)
    counts = outcome_counts(s.determinations)
    yield ""
    yield (f"{len(s.determinations)} programs: {counts[Outcome.ELIGIBLE]} eligible, "
           f"{counts[Outcome.NOT_ELIGIBLE]} not eligible, "
           f"{counts[Outcome.NEEDS_INFORMATION]} need information")


def print_screening(s: Screening, rules: RuleSet, lang: str = "en") -> None:
    """Print `screening_lines`."""
    for line in screening_lines(s, rules, lang):
        print(line)


def case_lines(result: CaseResult, verbose: bool) -> Iterator[str]:
    """One case: ✓/✗ and name; on failure, expected vs got and the program's reasons."""
    case = result.case
    mark = "✓" if result.passed else "✗"
    where = f"  ({case.location.file}:{case.location.line})" if not result.passed else ""
    yield f"  {mark} {case.name}{where}"
    if result.error:
        yield f"      error: {result.error}"
    for failure in result.failures:
        yield f"      {failure}"
    if not result.passed or verbose:
        failed = {f.split(":", 1)[0] for f in result.failures}
        for d in result.determinations:
            if verbose or d.program_id in failed:
                yield f"      {d.program_id}: {d.outcome.value}"
                yield from trace_lines(d.trace, "en", "        ")


def print_test_report(report: RuleTestReport, verbose: bool = False) -> None:
    """Print every file's cases and the totals (like OpenFisca's test runner)."""
    for f in report.files:
        print(f.file)
        if f.error:
            print(f"  ✗ {f.error}")
        for result in f.results:
            for line in case_lines(result, verbose):
                print(line)
    total = report.passed + report.failed
    print()
    print(f"{total} cases in {len(report.files)} files: {report.passed} passed, "
          f"{report.failed} failed" + (f", {report.file_errors} file(s) with errors"
                                       if report.file_errors else ""))
