"""Questionnaires: load and check YAML forms; answers, skip logic, validation, scoring.

Public API (stable)::

    from screener.forms import FormCatalog, Form, FormState, check_files

    catalog = FormCatalog.load()                 # forms/*.yaml (screener.paths.forms_dir())
    catalog.field_ids()                          # frozenset: every field any form defines
    catalog.question("release_date")             # Question: form_id, section_id, label (Text),
                                                 #   type (QuestionType), choices, pii, ...
    catalog.instrument_ids()                     # {"phq9", "gad7", ...}
    catalog.scores(answers, today)               # {instrument id: InstrumentScore}
    catalog.inputs(answers, today)               # ExpressionInputs for rule expressions:
        .answers / .scores / .context(today, params) -> screener.expr.Context

    form = catalog.form("intake")                # Form: id, version, title, spec, instruments
    form.parse_answer("dob", "1990-02-30")       # -> value, or InvalidAnswer (an AnswerError)
    form.parse_answers({...})                    # all at once; unknown fields kept as given
    form.scores(answers, today)                  # {instrument id: InstrumentScore}
    state = form.evaluate(answers, today, answered_version=1)   # FormState:
        .visible_sections .visible_fields .repeat_items .is_visible(id, group, index)
        .missing_required .messages (Issue: field_id, message Text, group_id, index)
        .computed .scores .flags (RaisedFlag) .not_on_form .answer_problems
        .expression_errors .complete .version_changed

    check_files([paths] | None) -> list[Diagnostic]   # what `screener forms check` prints
    format_answer(question, value, lang) -> str       # labels, Yes/Sí, SSN as ***-**-1234

Answers are plain values keyed by field id: dates are `datetime.date`, multichoice a list,
a repeat group a list of {child id: value}. Use `parse_answer(s)` to normalise raw input
(ISO date strings → date; impossible dates raise InvalidAnswer naming the field).
"""

from __future__ import annotations

from screener.forms.answers import InvalidAnswer, parse_answer
from screener.forms.catalog import FormCatalog, check_files
from screener.forms.display import format_answer, mask_ssn
from screener.forms.engine import Form
from screener.forms.model import (
    Band,
    Check,
    Choice,
    FlagRule,
    FormSpec,
    Instrument,
    Question,
    QuestionType,
    Scoring,
    Section,
)
from screener.forms.state import (
    ExpressionInputs,
    FormState,
    InstrumentScore,
    Issue,
    RaisedFlag,
)
from screener.yamlpos import Diagnostic

__all__ = [
    "Band",
    "Check",
    "Choice",
    "Diagnostic",
    "ExpressionInputs",
    "FlagRule",
    "Form",
    "FormCatalog",
    "FormSpec",
    "FormState",
    "Instrument",
    "InstrumentScore",
    "InvalidAnswer",
    "Issue",
    "Question",
    "QuestionType",
    "RaisedFlag",
    "Scoring",
    "Section",
    "check_files",
    "format_answer",
    "mask_ssn",
    "parse_answer",
]
