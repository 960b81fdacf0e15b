"""Typed answers and the one JSON shape they are stored in.

An answer is parsed once, when it is entered (`services.save_answer` reads what a person typed
with `forms.parse_answer`). What is stored is that typed value as JSON: dates as YYYY-MM-DD,
signatures (PNG) as base64, lists and repeat-group entries as JSON lists and objects,
everything else as it is. Reading it back (`typed_value`) only undoes that; what was typed is
never read again. A stored value in another shape (saved before answers were parsed once, or
received from such an installation) is read the old way, by parsing it.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Mapping
from datetime import date
from typing import Protocol

from screener.domain import JsonValue
from screener.errors import AnswerError
from screener.forms import Question, QuestionType, parse_answer

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")


class Questions(Protocol):
    """A form or the catalog of every form: what answers are read against."""

    def field_ids(self) -> frozenset[str]: ...

    def question(self, field_id: str) -> Question: ...


def stored_json(value: object) -> JsonValue:
    """A typed answer as it is stored (TypeError for anything no answer can be)."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bytes | bytearray):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, list | tuple):
        return [stored_json(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): stored_json(v) for k, v in value.items()}
    if value is None or isinstance(value, bool | int | float | str):
        return value
    raise TypeError(f"cannot store a {type(value).__name__}")


class _OtherShape(Exception):
    """A stored value not in the shape `stored_json` gives its question's type."""


def typed_value(question: Question, stored: JsonValue) -> object:
    """The typed answer a stored value holds (None: unanswered, or no longer readable as an
    answer to `question`: a form version changed it)."""
    if stored is None:
        return None
    try:
        return _decoded(question, stored)
    except _OtherShape:
        try:
            return parse_answer(question, stored)
        except AnswerError:
            return None


def _decoded(question: Question, stored: JsonValue) -> object:
    kind = question.type
    if kind is QuestionType.DATE:
        if isinstance(stored, str) and _ISO_DATE.match(stored):
            try:
                return date.fromisoformat(stored)
            except ValueError:
                raise _OtherShape from None
        raise _OtherShape
    if kind is QuestionType.SIGNATURE:
        if not isinstance(stored, str):
            raise _OtherShape
        try:
            return base64.b64decode(stored, validate=True)
        except (binascii.Error, ValueError):
            raise _OtherShape from None
    if kind is QuestionType.DECIMAL and isinstance(stored, int) and not isinstance(stored, bool):
        return float(stored)
    if kind is QuestionType.GROUP and question.repeat:
        if not isinstance(stored, list) or not all(isinstance(i, dict) for i in stored):
            raise _OtherShape
        children = {c.id: c for c in answer_children(question)}
        items: list[dict[str, object]] = []
        for item in stored:
            assert isinstance(item, dict)
            typed: dict[str, object] = {}
            for key, value in item.items():
                if key not in children:
                    raise _OtherShape
                child = typed_value(children[key], value)
                if child is not None:
                    typed[key] = child
            items.append(typed)
        return items
    return stored


def typed_answers(stored: Mapping[str, JsonValue], questions: Questions) -> dict[str, object]:
    """Stored answers as their questions' types, for screening and the form's state.

    Answers to questions that `questions` do not ask (any more), and stored values that no
    longer fit their question, are left out here (they stay in the database, untouched).
    """
    known = questions.field_ids()
    out: dict[str, object] = {}
    for field_id, value in stored.items():
        if field_id not in known:
            continue
        typed = typed_value(questions.question(field_id), value)
        if typed is not None:
            out[field_id] = typed
    return out


def form_answers(stored: Mapping[str, JsonValue], form: Questions) -> dict[str, object]:
    """Stored answers for a form's state: typed where they are in their stored shape; the rest
    as stored, for the form to report (an answer to check, an answer not on the form)."""
    known = form.field_ids()
    out: dict[str, object] = {}
    for field_id, value in stored.items():
        if value is None:
            continue
        out[field_id] = value
        if field_id in known:
            try:
                out[field_id] = _decoded(form.question(field_id), value)
            except _OtherShape:
                pass
    return out


def answer_children(group: Question) -> list[Question]:
    """The questions inside a repeat group (nested plain groups flattened)."""
    found: list[Question] = []
    for q in group.questions:
        if q.type is QuestionType.GROUP and not q.repeat:
            found.extend(answer_children(q))
        else:
            found.append(q)
    return found
