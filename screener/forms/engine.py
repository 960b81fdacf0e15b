"""The run-time form: answers in, visibility, required, validation, computed values, scores."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType

from screener.errors import ExprError, FormError
from screener.expr import (
    UNKNOWN,
    Context,
    Expression,
    Result,
    is_answered,
    is_unknown,
    unknown,
)
from screener.forms.answers import InvalidAnswer, parse_answer
from screener.forms.model import FormSpec, Instrument, Question, QuestionType
from screener.forms.order import evaluation_order
from screener.forms.state import (
    ExpressionInputs,
    FormState,
    InstrumentScore,
    Issue,
    RaisedFlag,
)
from screener.text import Text

REQUIRED = Text("This question needs an answer.", "Esta pregunta necesita una respuesta.")
NEEDS_ITEM = Text("Add at least one entry.", "Agregue por lo menos una entrada.")
BAD_FORMAT = Text("This answer is not in the expected format.",
                  "Esta respuesta no tiene el formato esperado.")


def walk(questions: tuple[Question, ...]) -> Iterator[Question]:
    """Every question, depth first, groups' questions included."""
    for q in questions:
        yield q
        yield from walk(q.questions)


@dataclass
class _Pass:
    """What one evaluation collects as it walks the form."""

    ctx: Context
    errors: list[str]
    visible: set[str] = field(default_factory=set)
    items: dict[str, tuple[frozenset[str], ...]] = field(default_factory=dict)
    missing: list[Issue] = field(default_factory=list)
    messages: list[Issue] = field(default_factory=list)

    def run(self, expr: Expression, ctx: Context | None = None) -> Result:
        """Evaluate; a run-time expression error is recorded and counts as unknown."""
        try:
            return expr.evaluate_in(ctx or self.ctx)
        except ExprError as exc:
            self.errors.append(str(exc))
            return Result(UNKNOWN)

    def shows(self, expr: Expression | None, ctx: Context) -> bool:
        return expr is None or self.run(expr, ctx).is_true


class Form:
    """A loaded, checked form (with its included instruments) and its run-time behaviour."""

    def __init__(self, spec: FormSpec) -> None:
        self.spec = spec
        self._fields: dict[str, Question] = {
            q.id: q for s in spec.sections for q in walk(s.questions)
        }
        self.instruments: tuple[Instrument, ...] = tuple(
            s.instrument for s in spec.sections if s.instrument is not None
        )
        computed = [q for q in self._fields.values() if q.compute is not None]
        order, cycles = evaluation_order(computed, self.instruments)
        if cycles:
            raise FormError("a cycle among computed fields: " + " -> ".join(cycles[0].path),
                            file=spec.file)
        self._order = order

    @property
    def id(self) -> str:
        return self.spec.id

    @property
    def version(self) -> int:
        return self.spec.version

    @property
    def title(self) -> Text:
        return self.spec.title

    def field_ids(self) -> frozenset[str]:
        """Every field id this form defines (instrument items and computed fields included)."""
        return frozenset(self._fields)

    def questions(self) -> Iterator[Question]:
        """Every question in form order, groups' questions included."""
        return iter(self._fields.values())

    def question(self, field_id: str) -> Question:
        """The question with this field id (KeyError if the form has none)."""
        return self._fields[field_id]

    def parse_answer(self, field_id: str, raw: object) -> object:
        """The stored value for `raw` as an answer to `field_id` (InvalidAnswer if it cannot be)."""
        q = self._fields.get(field_id)
        if q is None:
            raise InvalidAnswer(field_id, Text("not a question of this form",
                                               "no es una pregunta de este formulario"))
        return parse_answer(q, raw)

    def parse_answers(self, raw: Mapping[str, object]) -> dict[str, object]:
        """Parse every answer the form defines; others are kept as given, never dropped."""
        parsed: dict[str, object] = {}
        for key, value in raw.items():
            parsed[key] = self.parse_answer(key, value) if key in self._fields else value
        return {k: v for k, v in parsed.items() if v is not None}

    # -- derived values ------------------------------------------------------------------

    def _clean(
        self, answers: Mapping[str, object]
    ) -> tuple[dict[str, object], list[Issue], list[str]]:
        clean: dict[str, object] = {}
        problems: list[Issue] = []
        not_on_form: list[str] = []
        for key, value in answers.items():
            q = self._fields.get(key)
            if q is None:
                not_on_form.append(key)
                continue
            if q.type is QuestionType.COMPUTED:
                continue  # always worked out afresh
            if q.group_id is not None:
                problems.append(Issue(key, Text(f"belongs inside the list {q.group_id!r}",
                                                f"pertenece a la lista {q.group_id!r}")))
                continue
            try:
                parsed = parse_answer(q, value)
            except InvalidAnswer as exc:
                problems.append(Issue(key, exc.text))
                continue
            if parsed is not None:
                clean[key] = parsed
        return clean, problems, sorted(not_on_form)

    def _derive(
        self, clean: dict[str, object], today: date, errors: list[str]
    ) -> tuple[Context, dict[str, InstrumentScore]]:
        """Computed values and scores, in dependency order, into a shared Context."""
        values: dict[str, object] = dict(clean)
        score_values: dict[str, object] = {}
        ctx = Context(values, today, {}, score_values)
        pass_ = _Pass(ctx, errors)
        scores: dict[str, InstrumentScore] = {}
        for step in self._order:
            if isinstance(step, Question):
                assert step.compute is not None
                r = pass_.run(step.compute)
                values[step.id] = r.value if r.known else unknown(r.missing)
                continue
            r = pass_.run(step.scoring.score)
            number = r.value if r.known and isinstance(r.value, int | float) else None
            if r.known and number is None:
                errors.append(f"{step.file}: the score of {step.id!r} is not a number")
            score_values[step.id] = number if number is not None else unknown(r.missing)
            params = dict(step.scoring.parameters)
            flag_ctx = Context(values, today, params, score_values)
            raised = tuple(
                RaisedFlag(f.id, step.id, f.label, f.urgent)
                for f in step.scoring.flags if pass_.run(f.when, flag_ctx).is_true
            )
            band = next((b for b in step.scoring.bands
                         if number is not None and b.min <= number <= b.max), None)
            missing = frozenset() if number is not None else r.missing
            scores[step.id] = InstrumentScore(step.id, step.title, number, missing, band, raised)
        return ctx, scores

    def scores(self, answers: Mapping[str, object], today: date) -> dict[str, InstrumentScore]:
        """Each included instrument's score, band and flags."""
        clean, _, _ = self._clean(answers)
        return self._derive(clean, today, [])[1]

    def inputs(self, answers: Mapping[str, object], today: date) -> ExpressionInputs:
        """Answers (parsed; unreadable ones left out) with computed values and scores."""
        clean, _, _ = self._clean(answers)
        ctx, _ = self._derive(clean, today, [])
        return ExpressionInputs(MappingProxyType(dict(ctx.answers)),
                                MappingProxyType(dict(ctx.scores)))

    # -- evaluation ------------------------------------------------------------------------

    def evaluate(
        self, answers: Mapping[str, object], today: date, answered_version: int | None = None
    ) -> FormState:
        """The form's state for these answers on `today` (see FormState)."""
        clean, problems, not_on_form = self._clean(answers)
        errors: list[str] = []
        ctx, scores = self._derive(clean, today, errors)
        p = _Pass(ctx, errors)
        sections: list[str] = []
        for section in self.spec.sections:
            shown = p.shows(section.visible_if, ctx)
            if shown:
                sections.append(section.id)
            self._walk(p, section.questions, shown, ctx, None, None)
        computed = {
            q.id: UNKNOWN if is_unknown(ctx.answers[q.id]) else ctx.answers[q.id]
            for q in self._fields.values() if q.compute is not None
        }
        return FormState(
            form_id=self.id, version=self.version, answered_version=answered_version,
            visible_sections=tuple(sections), visible_fields=frozenset(p.visible),
            repeat_items=MappingProxyType(p.items), missing_required=tuple(p.missing),
            messages=tuple(p.messages), computed=MappingProxyType(computed),
            scores=MappingProxyType(scores),
            flags=tuple(f for s in scores.values() for f in s.flags),
            not_on_form=tuple(not_on_form), answer_problems=tuple(problems),
            expression_errors=tuple(dict.fromkeys(errors)),
        )

    def _walk(
        self, p: _Pass, questions: tuple[Question, ...], parent_shown: bool, ctx: Context,
        group_id: str | None, index: int | None, seen: set[str] | None = None,
    ) -> None:
        for q in questions:
            if not (parent_shown and p.shows(q.visible_if, ctx)):
                continue
            (p.visible if seen is None else seen).add(q.id)
            if q.type is QuestionType.GROUP and q.repeat:
                self._repeat(p, q, ctx)
            elif q.type is QuestionType.GROUP:
                self._walk(p, q.questions, True, ctx, group_id, index, seen)
            elif q.type.takes_answer:
                self._check(p, q, ctx, group_id, index)

    def _repeat(self, p: _Pass, q: Question, ctx: Context) -> None:
        value = ctx.answers.get(q.id)
        items = value if isinstance(value, list) else []
        self._check(p, q, ctx, None, None)
        per_item: list[frozenset[str]] = []
        for i, item in enumerate(items):
            item_ctx = Context(_Overlay(item, ctx.answers), ctx.today, ctx.params, ctx.scores)
            seen: set[str] = set()
            self._walk(p, q.questions, True, item_ctx, q.id, i, seen)
            per_item.append(frozenset(seen))
        p.items[q.id] = tuple(per_item)

    def _check(
        self, p: _Pass, q: Question, ctx: Context, group_id: str | None, index: int | None
    ) -> None:
        value = ctx.answers.get(q.id)
        answered = is_answered(value)
        required = q.required or (q.required_if is not None and p.run(q.required_if, ctx).is_true)
        if required and not answered:
            message = NEEDS_ITEM if q.type is QuestionType.GROUP else REQUIRED
            p.missing.append(Issue(q.id, message, group_id, index))
        if answered:
            for text in _builtin_messages(q, value):
                p.messages.append(Issue(q.id, text, group_id, index))
        for check in q.validate:
            if p.run(check.check, ctx).is_false:
                p.messages.append(Issue(q.id, check.message, group_id, index))


class _Overlay(Mapping[str, object]):
    """A repeat item's answers in front of the form's answers (read-only)."""

    def __init__(self, front: Mapping[str, object], back: Mapping[str, object]) -> None:
        self._front, self._back = front, back

    def __getitem__(self, key: str) -> object:
        if key in self._front:
            return self._front[key]
        return self._back[key]

    def __iter__(self) -> Iterator[str]:
        yield from self._front
        yield from (k for k in self._back if k not in self._front)

    def __len__(self) -> int:
        return len(set(self._front) | set(self._back))


def _builtin_messages(q: Question, value: object) -> list[Text]:
    """min/max, pattern and exclusive-choice checks, in both languages."""
    found: list[Text] = []
    measure = len(value) if q.type is QuestionType.GROUP and isinstance(value, list) else value
    low, high = q.min, q.max
    try:
        if low is not None and measure < low:  # type: ignore[operator]
            found.append(Text(f"Must be at least {low}.", f"Debe ser como mínimo {low}."))
        if high is not None and measure > high:  # type: ignore[operator]
            found.append(Text(f"Must be at most {high}.", f"Debe ser como máximo {high}."))
    except TypeError:
        found.append(BAD_FORMAT)
    if q.pattern is not None and isinstance(value, str) and not re.fullmatch(q.pattern, value):
        found.append(BAD_FORMAT)
    if q.type is QuestionType.MULTICHOICE and isinstance(value, list) and len(value) > 1:
        for c in q.choices:
            if c.exclusive and c.value in value:
                found.append(Text(
                    f"'{c.label.en}' cannot be combined with other choices.",
                    f"'{c.label.get('es')}' no se puede combinar con otras opciones.",
                ))
    return found
