"""Clients: create, look up, search, and find possible duplicates before creating one."""

from __future__ import annotations

from dataclasses import replace

from screener.dates import NotADate, read_date
from screener.domain import (
    IDENTITY_FIELDS,
    Client,
    ClientCursor,
    ClientIdentity,
    ClientPage,
    DuplicateCandidate,
    Role,
    new_id,
)
from screener.errors import AnswerError, InputError
from screener.limits import TextLimitError, clean_text, identity_kind
from screener.services.session import Session
from screener.store.names import edit_distance, name_key, normalize, similar_people
from screener.store.search import digits_of

MAX_PAGE = 500
_MIN_PHONE_DIGITS = 7
_CANDIDATE_SCAN = 500

SAME_DOB_SIMILAR_NAME = "same date of birth and a similar name"
SAME_PHONE = "same phone number"
SAME_NAME_CLOSE_DOB = "same name and a nearly identical date of birth"
SIMILAR_NAME_NO_DOB = "similar name (no date of birth to compare)"


def check_dob(dob: str | None) -> str | None:
    """A date of birth as ISO text, or AnswerError."""
    if dob is None or not dob.strip():
        return None
    try:
        return read_date(dob).isoformat()
    except NotADate:
        raise AnswerError("The date of birth must be a real date written MM/DD/YYYY (or "
                          "YYYY-MM-DD).") from None


def clean_identity(identity: ClientIdentity) -> ClientIdentity:
    """Trimmed identity with empty optional fields as None, within the input limits
    (`screener.limits`); InputError if it is unusable."""
    cleaned = ClientIdentity(first_name="", last_name="")
    for name in IDENTITY_FIELDS:
        raw = getattr(identity, name)
        if isinstance(raw, str):
            try:
                raw = clean_text(raw, identity_kind(name))
            except TextLimitError as exc:
                raise InputError(f"The {name.replace('_', ' ')} {exc.reason}.") from None
        cleaned = cleaned.with_value(name, raw if isinstance(raw, str) else None)
    if not cleaned.first_name and not cleaned.last_name:
        raise InputError("A client needs a first or a last name.")
    return replace(cleaned, dob=check_dob(cleaned.dob))


def create_client(session: Session, identity: ClientIdentity) -> Client:
    """Create a client record (call `possible_duplicates` first and show the result)."""
    session.require(Role.INTAKE, "create clients")
    cleaned = clean_identity(identity)
    client_id = new_id()
    with session.repos.db.transaction():
        client = session.repos.clients.insert(client_id, cleaned, session.username, session.now())
        session.audit("client.create", "client", client_id)
    return client


def get_client(session: Session, client_id: str) -> Client:
    """One client's record; the view is audited."""
    session.require(Role.INTAKE, "view clients")
    client = session.repos.clients.get(client_id)
    if client is None:
        raise InputError(f"There is no client with id {client_id}.")
    session.audit("client.view", "client", client_id)
    return client


def find_clients(
    session: Session, query: str = "", limit: int = 50, offset: int = 0,
    after: ClientCursor | None = None,
) -> ClientPage:
    """One page of clients matching `query` (name prefix, date of birth, phone digits,
    booking or CDCR number); a blank query lists everyone.

    For the next page pass `after=page.next_after` (fast at any depth; `offset` is then only
    echoed back); `offset` alone skips that many rows.
    """
    session.require(Role.INTAKE, "search clients")
    if not 1 <= limit <= MAX_PAGE or offset < 0:
        raise InputError(f"A page holds 1 to {MAX_PAGE} clients and starts at 0 or later.")
    return session.repos.clients.page(query, limit, offset, after)


def _close_dates(a: str, b: str) -> bool:
    if a == b:
        return True
    y1, m1, d1 = a.split("-")
    y2, m2, d2 = b.split("-")
    swapped = y1 == y2 and m1 == d2 and d1 == m2
    return swapped or edit_distance(a.replace("-", ""), b.replace("-", ""), 1) <= 1


def possible_duplicates(
    session: Session,
    first_name: str,
    last_name: str,
    dob: str | None = None,
    phone: str | None = None,
    limit: int = 20,
) -> tuple[DuplicateCandidate, ...]:
    """Existing clients who may be this person, most likely first.

    Similar name (accents, spelling, sound, swapped first/last) with the same date of
    birth; the same phone number; or the same name with a date of birth one typo away.
    """
    session.require(Role.INTAKE, "look for duplicate clients")
    birth = check_dob(dob)
    clients = session.repos.clients
    found: dict[str, tuple[Client, list[str]]] = {}

    def note(client: Client, reason: str) -> None:
        found.setdefault(client.id, (client, []))[1].append(reason)

    if birth:
        for c in clients.with_dob(birth, _CANDIDATE_SCAN):
            if similar_people(first_name, last_name, c.first_name, c.last_name):
                note(c, SAME_DOB_SIMILAR_NAME)
    digits = digits_of(phone)
    if digits and len(digits) >= _MIN_PHONE_DIGITS:
        for c in clients.with_phone_digits(digits, _CANDIDATE_SCAN):
            note(c, SAME_PHONE)
    key = name_key(last_name)
    if key:
        wanted = (normalize(first_name), normalize(last_name))
        for c in clients.with_name_key(key, _CANDIDATE_SCAN):
            if c.id in found:
                continue
            if birth is None and similar_people(first_name, last_name, c.first_name, c.last_name):
                note(c, SIMILAR_NAME_NO_DOB)
            elif (birth and c.dob and (normalize(c.first_name), normalize(c.last_name)) == wanted
                  and _close_dates(birth, c.dob)):
                note(c, SAME_NAME_CLOSE_DOB)
    ranked = sorted(found.values(), key=lambda item: (-len(item[1]), item[0].last_name.lower(),
                                                      item[0].first_name.lower(), item[0].id))
    return tuple(DuplicateCandidate(c, tuple(reasons)) for c, reasons in ranked[:limit])
