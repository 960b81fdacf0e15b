"""All forms of an installation (`forms/*.yaml` and the instruments they include)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from pathlib import Path
from types import MappingProxyType

from screener import paths
from screener.domain import SENSITIVE_KINDS
from screener.errors import FormError
from screener.forms.engine import Form
from screener.forms.loader import SpecLoader
from screener.forms.model import FormSpec, Question
from screener.forms.state import ExpressionInputs, InstrumentScore
from screener.yamlpos import Diagnostic


class FormCatalog:
    """Every form in a forms folder, by id. Field ids are unique across the catalog."""

    def __init__(self, forms: Iterable[Form], warnings: Sequence[Diagnostic] = ()) -> None:
        self._forms: dict[str, Form] = {}
        self._fields: dict[str, Question] = {}
        for form in forms:
            if form.id in self._forms:
                raise FormError(f"two forms have the id {form.id!r}", file=form.spec.file)
            self._forms[form.id] = form
            for q in form.questions():
                if q.id in self._fields:
                    other = self._fields[q.id]
                    raise FormError(
                        f"field id {q.id!r} is defined by form {other.form_id!r} too",
                        file=q.location.file, line=q.location.line, col=q.location.col,
                    )
                self._fields[q.id] = q
        self.warnings = tuple(warnings)
        self._instrument_kinds = {
            i.id: i.sensitivity for f in self._forms.values() for i in f.instruments
        }
        self._kinds = self._field_kinds()

    def _field_kinds(self) -> dict[str, frozenset[str]]:
        """Each field's sensitive kinds: its own, or (computed values) those of what it reads."""
        kinds = {
            q.id: frozenset({q.sensitivity})
            if q.sensitivity in SENSITIVE_KINDS else frozenset[str]()
            for q in self._fields.values()
        }
        computed = [q for q in self._fields.values() if q.compute is not None]
        changed = True
        while changed:  # computed values may read computed values (cycles are refused)
            changed = False
            for q in computed:
                assert q.compute is not None
                found = kinds[q.id] | self._read(q.compute.names, q.compute.instruments, kinds)
                if found != kinds[q.id]:
                    kinds[q.id], changed = found, True
        return kinds

    def _read(
        self, names: Iterable[str], instruments: Iterable[str],
        kinds: Mapping[str, frozenset[str]],
    ) -> frozenset[str]:
        found = set().union(*(kinds.get(n, frozenset()) for n in names))
        found.update(k for i in instruments if (k := self._instrument_kinds.get(i)))
        return frozenset(found)

    def field_kinds(self, field_id: str) -> frozenset[str]:
        """The sensitive kinds (mental_health, substance_use) of a field; empty if none."""
        return self._kinds.get(field_id, frozenset())

    def instrument_kind(self, instrument_id: str) -> str | None:
        """The sensitive kind of an instrument's items, score, bands and flags."""
        return self._instrument_kinds.get(instrument_id)

    def kinds_read(self, names: Iterable[str], instruments: Iterable[str] = ()) -> frozenset[str]:
        """The sensitive kinds an expression reading `names` and `score(instruments)` reveals."""
        return self._read(names, instruments, self._kinds)

    @classmethod
    def load(cls, directory: Path | None = None) -> FormCatalog:
        """Load `directory/*.yaml` (default: the installed forms folder).

        Raises FormError at the first error's file:line:col; `screener forms check` lists all.
        """
        root = directory or paths.forms_dir()
        loader = SpecLoader(root)
        forms: list[Form] = []
        diagnostics: list[Diagnostic] = []
        for path in sorted(root.glob("*.yaml")):
            loaded = loader.load(path)
            diagnostics.extend(loaded.diagnostics)
            if isinstance(loaded.spec, FormSpec):
                forms.append(Form(loaded.spec))
        errors = [d for d in diagnostics if d.is_error]
        if errors:
            first = errors[0]
            more = f" (and {len(errors) - 1} more: run `screener forms check`)" if errors[1:] else ""
            raise FormError(first.message + more, file=first.file, line=first.line, col=first.col)
        return cls(forms, [d for d in diagnostics if not d.is_error])

    @property
    def forms(self) -> Mapping[str, Form]:
        return MappingProxyType(self._forms)

    def form(self, form_id: str) -> Form:
        """The form with this id (FormError if there is none)."""
        try:
            return self._forms[form_id]
        except KeyError:
            raise FormError(f"no form {form_id!r}") from None

    def field_ids(self) -> frozenset[str]:
        """Every field id any form defines, instrument items and computed fields included."""
        return frozenset(self._fields)

    def question(self, field_id: str) -> Question:
        """The question asking for `field_id` (its form_id, section_id, label, type, choices)."""
        try:
            return self._fields[field_id]
        except KeyError:
            raise FormError(f"no form asks for {field_id!r}") from None

    def instrument_ids(self) -> frozenset[str]:
        return frozenset(i.id for f in self._forms.values() for i in f.instruments)

    def scores(self, answers: Mapping[str, object], today: date) -> dict[str, InstrumentScore]:
        """Every instrument's score, band and flags, across all forms."""
        found: dict[str, InstrumentScore] = {}
        for form in self._forms.values():
            if form.instruments:
                found.update(form.scores(_own(form, answers), today))
        return found

    def inputs(self, answers: Mapping[str, object], today: date) -> ExpressionInputs:
        """Answers with every form's computed values, plus every score: what rules read.

        Answers no form defines are passed through as given.
        """
        values: dict[str, object] = {k: v for k, v in answers.items() if k not in self._fields}
        scores: dict[str, object] = {}
        for form in self._forms.values():
            inputs = form.inputs(_own(form, answers), today)
            values.update(inputs.answers)
            scores.update(inputs.scores)
        return ExpressionInputs(MappingProxyType(values), MappingProxyType(scores))


def _own(form: Form, answers: Mapping[str, object]) -> dict[str, object]:
    ids = form.field_ids()
    return {k: v for k, v in answers.items() if k in ids}


def check_files(files: Sequence[Path] | None = None, root: Path | None = None) -> list[Diagnostic]:
    """Every problem in the given form/instrument files (default: all under the forms folder).

    With no files, the catalog-wide checks (field ids unique across forms) run too.
    """
    base = root or paths.forms_dir()
    targets = list(files) if files else sorted(base.rglob("*.yaml"))
    loader = SpecLoader(base)
    found: list[Diagnostic] = []
    forms: list[Form] = []
    for path in targets:
        if not path.is_file():
            found.append(Diagnostic("error", "no such file", str(path)))
            continue
        loaded = loader.load(path)
        found.extend(d for d in loaded.diagnostics if d not in found)
        if isinstance(loaded.spec, FormSpec) and path.parent.resolve() == base.resolve():
            forms.append(Form(loaded.spec))
    if not files:
        try:
            FormCatalog(forms)
        except FormError as exc:
            found.append(Diagnostic("error", exc.message, exc.file or "?", exc.line, exc.col))
    return found
