"""Answers as a person reads them: choice labels, yes/no, dates, masked SSNs."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from screener.forms.answers import ADDRESS_KEYS
from screener.forms.model import Question, QuestionType

_YES = {"en": "Yes", "es": "Sí"}
_NO = {"en": "No", "es": "No"}
_SIGNED = {"en": "Signed", "es": "Firmado"}


def mask_ssn(value: object) -> str:
    """An SSN as its last four digits only (never shown or printed whole)."""
    digits = "".join(ch for ch in str(value) if ch.isdigit())
    return f"***-**-{digits[-4:]}" if len(digits) >= 4 else "***-**-****"


def format_answer(question: Question, value: object, lang: str = "en") -> str:
    """The answer as text in `lang` ("en"/"es"); "" when unanswered.

    SSNs show the last 4 digits only; signatures show "Signed", never their bytes.
    """
    if value is None or value == "" or value == []:
        return ""
    qtype = question.type
    if qtype is QuestionType.SSN:
        return mask_ssn(value)
    if qtype is QuestionType.SIGNATURE:
        return _SIGNED.get(lang, _SIGNED["en"])
    if qtype is QuestionType.YESNO and isinstance(value, bool):
        return (_YES if value else _NO).get(lang, "Yes" if value else "No")
    if qtype in (QuestionType.CHOICE, QuestionType.MULTICHOICE):
        values = value if isinstance(value, list) else [value]
        labels = []
        for v in values:
            choice = question.choice(v)
            labels.append(choice.label.get(lang) if choice is not None else str(v))
        return "; ".join(labels)
    if isinstance(value, date):
        return value.isoformat()
    if qtype is QuestionType.ADDRESS and isinstance(value, Mapping):
        parts = [str(value[k]) for k in ADDRESS_KEYS if value.get(k)]
        return ", ".join(parts)
    if qtype is QuestionType.DECIMAL and isinstance(value, float):
        return f"{value:,.2f}"
    if qtype is QuestionType.GROUP and isinstance(value, list):
        return str(len(value))
    return str(value)
