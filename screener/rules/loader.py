"""Load every rule file of a folder once into a `RuleSet`, and screen with it.

`load_rules` reads `rules/*.yaml` (not `rules/tests/`), checks each file against the forms'
field catalog, the provider list (`resources/programs.yaml`) and the document labels
(`resources/documents.yaml`), and raises `RuleErrors` listing every problem at file:line:col.
The rule set's hash is a SHA-256 over the sorted file names and contents, so two installs
with the same rule files stamp the same hash on their determinations.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path

from screener.errors import RuleError
from screener.rules.catalog import FieldCatalog
from screener.rules.evaluate import Evaluator
from screener.rules.model import Program, Track
from screener.rules.plan import Plan
from screener.rules.results import Outcome, Screening, ScreeningFlag
from screener.rules.schema import Reader
from screener.yamlpos import RULE_FILES, YMap, load_yaml


class RuleErrors(RuleError):
    """Several problems in the rule files; `errors` lists each one with its location."""

    def __init__(self, errors: Sequence[RuleError]) -> None:
        first = errors[0]
        super().__init__(first.message, file=first.file, line=first.line, col=first.col)
        self.errors = tuple(errors)

    def __str__(self) -> str:
        return "\n".join(str(e) for e in self.errors)


class RuleSet:
    """The loaded, checked rule files; screens answers on any day (plans cached per day)."""

    def __init__(
        self,
        tracks: tuple[Track, ...],
        rules_hash: str,
        catalog: FieldCatalog,
        warnings: tuple[RuleError, ...] = (),
    ) -> None:
        self.tracks = tracks
        self.hash = rules_hash
        self.catalog = catalog
        self.warnings = warnings
        self._programs = {p.id: p for t in tracks for p in t.programs}
        self._evaluators: dict[date, Evaluator] = {}
        self._lock = threading.Lock()

    @property
    def versions(self) -> dict[str, str]:
        """Track id → rule file version."""
        return {t.id: t.version for t in self.tracks}

    def program(self, program_id: str) -> Program | None:
        """The program with this id, or None."""
        return self._programs.get(program_id)

    def evaluator(self, day: date) -> Evaluator:
        """The evaluator bound to `day` (built once; RuleError if a parameter has no value)."""
        found = self._evaluators.get(day)
        if found is None:
            with self._lock:
                found = self._evaluators.get(day)
                if found is None:
                    if len(self._evaluators) > 32:
                        self._evaluators.clear()
                    found = Evaluator(Plan(self.tracks, day), self.catalog.question, self.hash)
                    self._evaluators[day] = found
        return found

    def screen(
        self,
        answers: Mapping[str, object],
        today: date,
        *,
        scores: Mapping[str, object] | None = None,
        flags: tuple[ScreeningFlag, ...] = (),
        programs: frozenset[str] | None = None,
    ) -> Screening:
        """Every program's determination for these answers on `today` (or only `programs`).

        `answers` are typed values (dates, booleans, lists) with computed fields included;
        `scores` maps instrument ids to totals (or Unknowns naming unanswered items).
        """
        return self.evaluator(today).screen(answers, scores or {}, flags, programs)

    def outcomes(
        self,
        answers: Mapping[str, object],
        today: date,
        scores: Mapping[str, object] | None = None,
    ) -> dict[str, Outcome]:
        """Program id → outcome only: the fast path for re-screening many clients."""
        return self.evaluator(today).outcomes(answers, scores or {})


def rule_files(directory: Path) -> list[Path]:
    """The rule files of a folder: `*.yaml` directly in it, sorted by name."""
    return sorted(p for p in directory.glob("*.yaml") if p.is_file())


def rules_hash(files: Sequence[Path], root: Path) -> str:
    """SHA-256 over the sorted relative paths and the bytes of `files`."""
    digest = hashlib.sha256()
    for path in sorted(files, key=lambda p: p.relative_to(root).as_posix()):
        name = path.relative_to(root).as_posix().encode()
        data = path.read_bytes()
        digest.update(b"%d:%s\n%d:" % (len(name), name, len(data)))
        digest.update(data)
    return digest.hexdigest()


def load_keys(path: Path | None) -> frozenset[str] | None:
    """The top-level keys of a YAML mapping file (providers, documents); None if no file."""
    if path is None:
        return None
    root = load_yaml(path, RULE_FILES, _display(path))
    if not isinstance(root, YMap):
        raise RuleError("must be a mapping of ids", file=_display(path), line=1, col=1)
    return frozenset(str(k.value) for k, _ in root.entries)


def load_rules(
    directory: Path,
    catalog: FieldCatalog,
    *,
    providers: Path | None = None,
    documents: Path | None = None,
) -> RuleSet:
    """Load and check every rule file in `directory`. Raises RuleErrors listing each problem."""
    files = rule_files(directory)
    errors: list[RuleError] = []
    warnings: list[RuleError] = []
    if not files:
        raise RuleErrors([RuleError("no rule files (*.yaml) here", file=str(directory))])
    provider_ids = _keys_or_error(providers, errors)
    document_ids = _keys_or_error(documents, errors)
    tracks: list[Track] = []
    seen: dict[str, Program] = {}
    for path in files:
        reader = Reader(_display(path), catalog, provider_ids, document_ids)
        try:
            track = reader.track(load_yaml(path, RULE_FILES, _display(path)), path.stem)
        except RuleError as exc:
            errors.append(exc)
            continue
        errors.extend(reader.errors)
        warnings.extend(reader.warnings)
        if track is None:
            continue
        for program in track.programs:
            first = seen.get(program.id)
            if first is not None:
                loc = program.location
                errors.append(RuleError(
                    f"duplicate program id {program.id!r} (also in {first.location.file}:"
                    f"{first.location.line})", file=loc.file, line=loc.line, col=loc.col))
            seen[program.id] = program
        tracks.append(track)
    if errors:
        raise RuleErrors(errors)
    return RuleSet(tuple(tracks), rules_hash(files, directory), catalog, tuple(warnings))


def _keys_or_error(path: Path | None, errors: list[RuleError]) -> frozenset[str] | None:
    try:
        return load_keys(path)
    except RuleError as exc:
        errors.append(exc)
        return None


def _display(path: Path) -> str:
    """A path as error messages show it: relative to the working folder when possible."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)
