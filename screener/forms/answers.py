"""Parsing and normalising answers by question type.

`parse_answer` turns what a person (or a YAML/JSON file) gave into the stored value: dates
become `datetime.date`, phone numbers `213-555-0142`, SSNs nine digits, and so on. A value
that cannot be an answer to the question (an impossible date, letters for a number) raises
`InvalidAnswer`, an AnswerError naming the field, with an English and Spanish message.
Blank input (None, "", spaces, []) parses to None: unanswered. Messages never repeat the value
of a `pii` question (they may be shown or printed where personal data must not appear).
"""

from __future__ import annotations

import base64
import binascii
import math
import re
import zlib
from collections.abc import Mapping
from datetime import date, datetime

from screener.dates import NotADate, read_date
from screener.errors import AnswerError
from screener.forms.model import Question, QuestionType
from screener.text import Text

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
ADDRESS_KEYS = ("street", "unit", "city", "state", "zip")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+\Z")
#: More digits than any whole-number answer has (counts, ages, amounts in dollars).
_MAX_DIGITS = 15
_INTEGER = re.compile(r"[+-]?\d+\Z")
_YES = {"yes", "y", "true", "si", "sí"}
_NO = {"no", "n", "false"}


class InvalidAnswer(AnswerError):
    """An answer that does not fit its question. `text` is the bilingual message."""

    def __init__(self, field_id: str, text: Text) -> None:
        super().__init__(f"{field_id}: {text.en}")
        self.field_id = field_id
        self.text = text


def is_blank(raw: object) -> bool:
    """None, empty or whitespace-only text, and empty lists are no answer."""
    return raw is None or (isinstance(raw, str) and not raw.strip()) or raw == []


def parse_answer(question: Question, raw: object) -> object:
    """The stored form of `raw` as an answer to `question` (None when blank)."""
    if is_blank(raw):
        return None
    parser = _PARSERS.get(question.type)
    if parser is None:
        raise _bad(question, "this item takes no answer", "este elemento no lleva respuesta")
    return parser(question, raw)


def _bad(q: Question, en: str, es: str, shown: object = None) -> InvalidAnswer:
    """The error; `{v}` in the messages shows the value, except for personal data (pii)."""
    if q.pii or shown is None:
        return InvalidAnswer(q.id, Text(en.replace("{v}", "The answer"),
                                        es.replace("{v}", "La respuesta")))
    value = repr(shown) if len(repr(shown)) <= 40 else repr(shown)[:37] + "..."
    return InvalidAnswer(q.id, Text(en.replace("{v}", value), es.replace("{v}", value)))


def _text(q: Question, raw: object) -> object:
    if isinstance(raw, bool) or not isinstance(raw, str | int | float):
        raise _bad(q, "expected text", "se esperaba texto")
    return str(raw).strip()


def _integer(q: Question, raw: object) -> object:
    if isinstance(raw, bool):
        raise _bad(q, "expected a whole number", "se esperaba un número entero")
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float) and raw.is_integer():
        return int(raw)
    text = raw.strip().replace(",", "") if isinstance(raw, str) else ""
    if _INTEGER.match(text):
        if len(text) > _MAX_DIGITS:  # no answer is this large (and int() refuses 4,300+)
            raise _bad(q, "the number is too large", "el número es demasiado grande")
        return int(text)
    raise _bad(q, "{v} is not a whole number", "{v} no es un número entero", raw)


def _decimal(q: Question, raw: object) -> object:
    value: float | None = None
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        value = float(raw)
    elif isinstance(raw, str):
        try:
            value = float(raw.strip().replace(",", "").lstrip("$"))
        except ValueError:
            value = None
    if value is None or not math.isfinite(value):
        raise _bad(q, "{v} is not a number", "{v} no es un número", raw)
    return value


def _date(q: Question, raw: object) -> object:
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    if isinstance(raw, str):
        try:
            return read_date(raw)
        except NotADate as exc:
            if exc.impossible:
                raise _bad(q, "{v} is not a real date", "{v} no es una fecha válida",
                           raw.strip()) from None
    raise _bad(q, "{v} is not a date (MM/DD/YYYY)", "{v} no es una fecha (MM/DD/AAAA)", raw)


def _yesno(q: Question, raw: object) -> object:
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, str) and raw.strip().lower() in _YES | _NO:
        return raw.strip().lower() in _YES
    raise _bad(q, "expected yes or no", "se esperaba sí o no")


def _one_choice(q: Question, raw: object) -> str | int:
    for c in q.choices:
        if c.value == raw and type(c.value) is type(raw):
            return c.value
        if isinstance(c.value, int) and isinstance(raw, str) and raw.strip() == str(c.value):
            return c.value
    raise _bad(q, "{v} is not one of the choices", "{v} no es una de las opciones", raw)


def _choice(q: Question, raw: object) -> object:
    return _one_choice(q, raw)


def _multichoice(q: Question, raw: object) -> object:
    items = raw if isinstance(raw, list | tuple) else [raw]
    picked = {_one_choice(q, item) for item in items}
    return [c.value for c in q.choices if c.value in picked]  # in the form's order


def _phone(q: Question, raw: object) -> object:
    digits = re.sub(r"[\s().+-]", "", str(raw)) if isinstance(raw, str | int) else ""
    if len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]
    if not (digits.isdigit() and len(digits) == 10 and digits[0] not in "01"):
        raise _bad(q, "{v} is not a 10-digit US phone number",
                   "{v} no es un número de teléfono de 10 dígitos", raw)
    return f"{digits[:3]}-{digits[3:6]}-{digits[6:]}"


def _email(q: Question, raw: object) -> object:
    if isinstance(raw, str) and _EMAIL.match(raw.strip()):
        local, _, domain = raw.strip().rpartition("@")
        return f"{local}@{domain.lower()}"
    raise _bad(q, "{v} is not an email address", "{v} no es un correo electrónico", raw)


def _ssn(q: Question, raw: object) -> object:
    digits = re.sub(r"[\s-]", "", raw) if isinstance(raw, str) else ""
    ok = (
        len(digits) == 9 and digits.isdigit() and digits[:3] not in ("000", "666")
        and digits[0] != "9" and digits[3:5] != "00" and digits[5:] != "0000"
    )
    if not ok:
        raise _bad(q, "not a valid Social Security number (9 digits)",
                   "no es un número de Seguro Social válido (9 dígitos)")
    return digits


def _address(q: Question, raw: object) -> object:
    if isinstance(raw, str):
        return {"street": raw.strip()}
    if not isinstance(raw, Mapping) or not set(raw) <= set(ADDRESS_KEYS):
        raise _bad(q, f"an address has only {', '.join(ADDRESS_KEYS)}",
                   "una dirección solo tiene calle, unidad, ciudad, estado y código postal")
    value = {k: str(v).strip() for k, v in raw.items() if not is_blank(v)}
    zip_code = value.get("zip")
    if zip_code is not None and not re.fullmatch(r"\d{5}(-\d{4})?", zip_code):
        raise _bad(q, "{v} is not a ZIP code", "{v} no es un código postal", zip_code)
    state = value.get("state")
    if state is not None:
        if not re.fullmatch(r"[A-Za-z]{2}", state):
            raise _bad(q, "the state is two letters (CA)", "el estado son dos letras (CA)")
        value["state"] = state.upper()
    return value or None


def _signature(q: Question, raw: object) -> object:
    data = raw
    if isinstance(raw, str):
        try:
            data = base64.b64decode(raw, validate=True)
        except (binascii.Error, ValueError):
            data = None
    if isinstance(data, bytes | bytearray) and _whole_png(bytes(data)):
        return bytes(data)
    raise _bad(q, "a signature must be a PNG image", "una firma debe ser una imagen PNG")


def _whole_png(data: bytes) -> bool:
    """A PNG whose chunks are intact (CRCs match, IHDR first, IEND last, image data inflates):
    a damaged signature is refused when entered, not found when a packet is printed."""
    if not data.startswith(PNG_MAGIC):
        return False
    pos, names, image = len(PNG_MAGIC), [], b""
    while pos + 12 <= len(data):
        length = int.from_bytes(data[pos:pos + 4], "big")
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + length]
        crc = data[pos + 8 + length:pos + 12 + length]
        if len(body) != length or len(crc) != 4 or zlib.crc32(kind + body) != int.from_bytes(crc, "big"):
            return False
        names.append(kind)
        image += body if kind == b"IDAT" else b""
        pos += 12 + length
    if pos != len(data) or not names or names[0] != b"IHDR" or names[-1] != b"IEND":
        return False
    try:
        zlib.decompress(image)
    except zlib.error:
        return False
    return True


def _group(q: Question, raw: object) -> object:
    if not q.repeat:
        raise _bad(q, "a group takes no answer of its own", "un grupo no lleva respuesta propia")
    if not isinstance(raw, list | tuple) or not all(isinstance(i, Mapping) for i in raw):
        raise _bad(q, "expected a list of entries", "se esperaba una lista de entradas")
    children = {c.id: c for c in _flat(q.questions)}
    items: list[dict[str, object]] = []
    for item in raw:
        parsed: dict[str, object] = {}
        for key, value in item.items():
            child = children.get(str(key))
            if child is None:
                raise _bad(q, "{v} is not a question of this list",
                           "{v} no es una pregunta de esta lista", key)
            answer = parse_answer(child, value)
            if answer is not None:
                parsed[child.id] = answer
        items.append(parsed)
    return items


def _flat(questions: tuple[Question, ...]) -> list[Question]:
    found: list[Question] = []
    for q in questions:
        if q.type is QuestionType.GROUP and not q.repeat:
            found.extend(_flat(q.questions))
        else:
            found.append(q)
    return found


_PARSERS = {
    QuestionType.TEXT: _text,
    QuestionType.LONGTEXT: _text,
    QuestionType.INTEGER: _integer,
    QuestionType.DECIMAL: _decimal,
    QuestionType.DATE: _date,
    QuestionType.YESNO: _yesno,
    QuestionType.CHOICE: _choice,
    QuestionType.MULTICHOICE: _multichoice,
    QuestionType.PHONE: _phone,
    QuestionType.EMAIL: _email,
    QuestionType.SSN: _ssn,
    QuestionType.ADDRESS: _address,
    QuestionType.SIGNATURE: _signature,
    QuestionType.GROUP: _group,
}
