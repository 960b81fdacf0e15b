"""Reading one question (of any type, groups included) from its YAML mapping."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from screener.expr import Expression
from screener.forms.model import SENSITIVITIES, Check, Choice, Question, QuestionType
from screener.forms.reader import Reader
from screener.text import Text
from screener.yamlpos import YMap, YNode, YScalar, YSeq

_COMMON = ("id", "type", "label", "help", "visible_if", "pii", "sensitivity")
_ANSWERED = ("required", "required_if", "validate")
_EXTRA: dict[QuestionType, tuple[str, ...]] = {
    QuestionType.INTEGER: ("min", "max"),
    QuestionType.DECIMAL: ("min", "max"),
    QuestionType.DATE: ("min", "max"),
    QuestionType.TEXT: ("pattern",),
    QuestionType.LONGTEXT: ("pattern",),
    QuestionType.PHONE: ("pattern",),
    QuestionType.EMAIL: ("pattern",),
    QuestionType.SSN: ("pattern",),
    QuestionType.CHOICE: ("choices",),
    QuestionType.MULTICHOICE: ("choices",),
    QuestionType.COMPUTED: ("compute",),
    QuestionType.GROUP: ("repeat", "questions", "min", "max"),
}
TYPE_NAMES = ", ".join(t.value for t in QuestionType)


@dataclass(frozen=True)
class Scope:
    """What a question needs to know about where it stands."""

    form_id: str
    section_id: str
    known: frozenset[str]
    instruments: frozenset[str]
    group_id: str | None = None
    instrument_id: str | None = None
    sensitivity: str | None = None  # an instrument's, given to every item


def question_ids(nodes: tuple[YNode, ...]) -> list[YScalar]:
    """The `id` scalars of these question nodes and of any groups' questions (a pre-scan)."""
    found: list[YScalar] = []
    for node in nodes:
        if not isinstance(node, YMap):
            continue
        node_id = node.get("id")
        if isinstance(node_id, YScalar) and isinstance(node_id.value, str):
            found.append(node_id)
        inner = node.get("questions")
        if isinstance(inner, YSeq):
            found.extend(question_ids(inner.items))
    return found


def read_question(r: Reader, node: YNode, scope: Scope) -> Question | None:
    """Read and check one question; None when it is too broken to use."""
    m = r.mapping(node, "a question")
    if m is None:
        return None
    qid = r.ident(m.get("id"), "question id")
    qtype = _type(r, m)
    if qid is None or qtype is None:
        if m.get("id") is None:
            r.error(m, "a question has no 'id'")
        return None
    allowed = _COMMON + (_ANSWERED if qtype.takes_answer or qtype is QuestionType.GROUP else ())
    r.keys(m, allowed + _EXTRA.get(qtype, ()), f"question {qid!r} ({qtype.value})", ("label",))
    label = r.text(m.get("label"), f"label of {qid!r}")

    def expr(key: str) -> Expression | None:
        return r.expression(m.get(key), f"{key} of {qid!r}", scope.known, scope.instruments)

    own_kind = sensitivity(r, m.get("sensitivity"), f"sensitivity of {qid!r}")
    question = Question(
        id=qid,
        type=qtype,
        label=label or Text(qid),
        form_id=scope.form_id,
        section_id=scope.section_id,
        location=m.loc,
        help=r.text(m.get("help"), f"help of {qid!r}"),
        required=r.boolean(m.get("required"), f"required of {qid!r}"),
        required_if=expr("required_if"),
        visible_if=expr("visible_if"),
        validate=_checks(r, m.get("validate"), qid, scope),
        pii=r.boolean(m.get("pii"), f"pii of {qid!r}"),
        pattern=_pattern(r, m.get("pattern"), qid),
        choices=_choices(r, m, qtype, qid),
        compute=expr("compute"),
        repeat=r.boolean(m.get("repeat"), f"repeat of {qid!r}"),
        group_id=scope.group_id,
        instrument_id=scope.instrument_id,
        sensitivity=scope.sensitivity or own_kind,
    )
    question = _limits(r, m, question)
    if qtype is QuestionType.COMPUTED and m.get("compute") is None:
        r.error(m, f"computed question {qid!r} has no 'compute'")
    if qtype is QuestionType.GROUP:
        question = _group(r, m, question, scope)
    return question


def sensitivity(r: Reader, node: YNode | None, what: str) -> str | None:
    """A `sensitivity:` value: mental_health, substance_use or none."""
    if node is None:
        return None
    value = node.value if isinstance(node, YScalar) else None
    if isinstance(value, str) and value in SENSITIVITIES:
        return value
    r.error(node, f"bad {what} {value!r} (expected one of: {', '.join(SENSITIVITIES)})")
    return None


def _type(r: Reader, m: YMap) -> QuestionType | None:
    node = m.get("type")
    if node is None:
        r.error(m, "a question has no 'type'")
        return None
    value = node.value if isinstance(node, YScalar) else None
    if isinstance(value, str) and value in QuestionType.__members__.values():
        return QuestionType(value)
    r.error(node, f"bad type {value!r} (expected one of: {TYPE_NAMES})")
    return None


def _checks(r: Reader, node: YNode | None, qid: str, scope: Scope) -> tuple[Check, ...]:
    checks: list[Check] = []
    for item in r.sequence(node, f"validate of {qid!r}"):
        m = r.mapping(item, f"a validate entry of {qid!r}")
        if m is None or not r.keys(m, ("check", "message"), f"a validate entry of {qid!r}",
                                   ("check", "message")):
            continue
        check = r.expression(m.get("check"), f"check of {qid!r}", scope.known, scope.instruments)
        message = r.text(m.get("message"), f"validate message of {qid!r}")
        if check is not None and message is not None:
            checks.append(Check(check, message))
    return tuple(checks)


def _pattern(r: Reader, node: YNode | None, qid: str) -> str | None:
    if node is None:
        return None
    if isinstance(node, YScalar) and isinstance(node.value, str):
        try:
            re.compile(node.value)
            return node.value
        except re.error as exc:
            r.error(node, f"pattern of {qid!r} is not a valid regular expression ({exc})")
            return None
    r.error(node, f"pattern of {qid!r} must be text")
    return None


def _choices(r: Reader, m: YMap, qtype: QuestionType, qid: str) -> tuple[Choice, ...]:
    if qtype not in (QuestionType.CHOICE, QuestionType.MULTICHOICE):
        return ()
    nodes = r.sequence(m.get("choices"), f"choices of {qid!r}")
    if not nodes:
        r.error(m.get("choices") or m, f"{qtype.value} question {qid!r} has no choices")
    choices: list[Choice] = []
    seen: set[object] = set()
    for node in nodes:
        c = r.mapping(node, f"a choice of {qid!r}")
        if c is None:
            continue
        r.keys(c, ("value", "label", "exclusive"), f"a choice of {qid!r}", ("value",))
        value_node = c.get("value")
        value = value_node.value if isinstance(value_node, YScalar) else None
        if value_node is None:
            continue
        if isinstance(value, bool) or not isinstance(value, str | int):
            r.error(value_node, f"choice value of {qid!r} must be a word or a whole number "
                    "(quote yes/no/on/off)")
            continue
        if value in seen:
            r.error(value_node, f"duplicate choice value {value!r} in {qid!r}")
        seen.add(value)
        if c.get("label") is None:
            r.error(c, f"choice {value!r} of {qid!r} has no label")
            continue
        label = r.text(c.get("label"), f"label of choice {value!r} of {qid!r}")
        exclusive = r.boolean(c.get("exclusive"), "exclusive")
        if label is not None:
            choices.append(Choice(value, label, exclusive))
    return tuple(choices)


def _limits(r: Reader, m: YMap, q: Question) -> Question:
    """min/max: whole numbers (integer, group item count), numbers (decimal) or dates."""
    found: dict[str, int | float | date] = {}
    for key in ("min", "max"):
        node = m.get(key)
        if node is None:
            continue
        value = node.value if isinstance(node, YScalar) else None
        if q.type in (QuestionType.INTEGER, QuestionType.GROUP):
            ok = type(value) is int
        elif q.type is QuestionType.DECIMAL:
            ok = type(value) in (int, float)
        else:
            ok = type(value) is date
        if not ok:
            r.error(node, f"{key} of {q.id!r} does not fit a {q.type.value} question")
            continue
        found[key] = value  # type: ignore[assignment]
    low, high = found.get("min"), found.get("max")
    if low is not None and high is not None and low > high:  # type: ignore[operator]
        r.error(m, f"min of {q.id!r} is above its max")
    return replace(q, min=low, max=high)


def _group(r: Reader, m: YMap, q: Question, scope: Scope) -> Question:
    inner_scope = replace(scope, group_id=q.id if q.repeat else scope.group_id)
    if q.repeat and scope.group_id is not None:
        r.error(m, f"repeat group {q.id!r} cannot sit inside another repeat group")
    nodes = r.sequence(m.get("questions"), f"questions of group {q.id!r}")
    if not nodes:
        r.error(m, f"group {q.id!r} has no questions")
    inner = tuple(
        child for child in (read_question(r, n, inner_scope) for n in nodes) if child is not None
    )
    if not q.repeat and (q.required or q.required_if or q.validate or q.min or q.max):
        r.error(m, f"group {q.id!r}: required, validate, min and max need 'repeat: true'")
    return replace(q, questions=inner)
