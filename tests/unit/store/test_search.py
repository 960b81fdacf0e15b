"""Client search (FTS5 inside the encrypted database) and possible duplicates."""

from __future__ import annotations

import pytest

from screener import services
from screener.domain import ClientIdentity
from screener.errors import AnswerError, InputError
from screener.store.names import edit_distance, normalize, similar_people, soundex
from screener.store.search import match_expression


@pytest.fixture
def people(worker: services.Session) -> dict[str, str]:
    """A few clients; returns name -> client id."""
    rows = [
        ClientIdentity("John", "Smith", dob="1980-04-12", phone="(213) 555-0101",
                       booking_number="BK-7781234"),
        ClientIdentity("Maria", "Smithers", dob="1975-01-30", phone="323.555.0199"),
        ClientIdentity("José", "García López", preferred_name="Pepe", dob="1990-09-09",
                       cdcr_number="AY4432"),
        ClientIdentity("Dana", "Jones", dob="1980-04-12", phone="213-555-0101"),
    ]
    return {f"{c.first_name} {c.last_name}": services.create_client(worker, c).id for c in rows}


def _names(page: services.ClientPage) -> list[str]:
    return [f"{c.first_name} {c.last_name}" for c in page.clients]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("smi", ["John Smith", "Maria Smithers"]),
        ("smith", ["John Smith", "Maria Smithers"]),
        ("smithe", ["Maria Smithers"]),
        ("john smi", ["John Smith"]),
        ("SMITH JOHN", ["John Smith"]),
        ("garcia", ["José García López"]),  # accents folded
        ("lopez", ["José García López"]),
        ("pepe", ["José García López"]),
        ("1980-04-12", ["Dana Jones", "John Smith"]),
        ("4/12/1980", ["Dana Jones", "John Smith"]),
        ("(213) 555-0101", ["Dana Jones", "John Smith"]),
        ("2135550101", ["Dana Jones", "John Smith"]),
        ("555-0199", ["Maria Smithers"]),
        ("0199", ["Maria Smithers"]),
        ("BK-7781234", ["John Smith"]),
        ("7781234", ["John Smith"]),
        ("ay4432", ["José García López"]),
        ("nobody", []),
    ],
)
def test_search_finds_by_name_prefix_dob_phone_and_numbers(
    worker: services.Session, people: dict[str, str], query: str, expected: list[str]
) -> None:
    assert _names(services.find_clients(worker, query)) == expected


@pytest.mark.parametrize("query", ['"', "AND", "smith OR", "NEAR(a b)", "*", "a:b", "-", "'"])
def test_search_syntax_typed_by_a_person_is_just_text(
    worker: services.Session, people: dict[str, str], query: str
) -> None:
    services.find_clients(worker, query)  # never an FTS syntax error


def test_blank_query_lists_everyone_in_name_order_page_by_page(
    worker: services.Session, people: dict[str, str]
) -> None:
    first = services.find_clients(worker, "", limit=3)
    assert _names(first) == ["José García López", "Dana Jones", "John Smith"]
    assert first.has_more
    second = services.find_clients(worker, "", limit=3, offset=3)
    assert _names(second) == ["Maria Smithers"] and not second.has_more
    with pytest.raises(InputError):
        services.find_clients(worker, "", limit=0)


def test_pages_after_a_cursor_continue_the_name_order(
    worker: services.Session, people: dict[str, str]
) -> None:
    for first in ("Ana", "Ana", "Bo"):  # two clients with the very same name: still one order
        services.create_client(worker, ClientIdentity(first, "Smith"))
    for query in ("", "smi"):
        whole = [c.id for c in services.find_clients(worker, query, limit=50).clients]
        paged: list[str] = []
        page = services.find_clients(worker, query, limit=2)
        while True:
            paged += [c.id for c in page.clients]
            if not page.has_more:
                break
            page = services.find_clients(worker, query, limit=2, offset=len(paged),
                                         after=page.next_after)
        assert paged == whole, query
        assert len(whole) == len(set(whole))


def test_searches_with_very_many_matches_walk_the_name_order_to_the_same_pages(
    worker: services.Session, people: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from screener.store import clients

    for n in range(6):
        services.create_client(worker, ClientIdentity(f"Sam{n}", f"Smith{'x' * n}"))
    queries = ("smi", "s", "john smi", "1980-04-12", "0199", "nobody")

    def pages(query: str) -> list[list[str]]:
        out, page = [], services.find_clients(worker, query, limit=2)
        while True:
            out.append([c.id for c in page.clients])
            if not page.has_more:
                return out
            page = services.find_clients(worker, query, limit=2, after=page.next_after)

    sorted_pages = {q: pages(q) for q in queries}
    monkeypatch.setattr(clients, "_MANY_MATCHES", 1)  # every search takes the walk
    assert {q: pages(q) for q in queries} == sorted_pages


def test_search_follows_identity_answers(worker: services.Session, people: dict[str, str]) -> None:
    intake = services.start_intake(worker, people["Dana Jones"], "intake", 1)
    services.save_answer(worker, intake.id, "last_name", "Whitfield")
    assert _names(services.find_clients(worker, "whitf")) == ["Dana Whitfield"]
    assert services.find_clients(worker, "jones").clients == ()


def test_search_reads_no_answers_table(worker: services.Session) -> None:
    plan = " ".join(str(r) for r in worker.repos.db.conn.execute(
        "EXPLAIN QUERY PLAN SELECT c.id FROM client_search s JOIN clients c "
        "ON c.local_id = s.rowid WHERE client_search MATCH ? ORDER BY c.last_name LIMIT 5",
        (match_expression("smi"),)))
    assert "answers" not in plan and "VIRTUAL TABLE" in plan


def test_jon_and_john_smith_born_the_same_day_are_possible_duplicates(
    worker: services.Session, people: dict[str, str]
) -> None:
    found = services.possible_duplicates(worker, "Jon", "Smith", "1980-04-12")
    assert [c.client.id for c in found][0] == people["John Smith"]
    assert "same date of birth" in found[0].reasons[0]


@pytest.mark.parametrize(
    ("first", "last", "dob", "phone", "expected"),
    [
        ("Jon", "Smyth", "1980-04-12", None, ["John Smith"]),
        ("Smith", "John", "1980-04-12", None, ["John Smith"]),  # swapped
        ("Jose", "Garcia", "1990-09-09", None, ["José García López"]),  # accents, compound
        ("John", "Smith", "1980-12-04", None, ["John Smith"]),  # day and month swapped
        ("John", "Smith", "1980-04-13", None, ["John Smith"]),  # one-digit typo
        ("John", "Smith", None, None, ["John Smith"]),  # no dob to compare
        ("Alex", "Brown", None, "213 555 0101", ["Dana Jones", "John Smith"]),  # phone
        ("Peter", "Smith", "1980-04-12", None, []),  # different first name
        ("John", "Smith", "1950-01-01", None, []),  # different person, same name
    ],
)
def test_possible_duplicates(
    worker: services.Session, people: dict[str, str], first: str, last: str,
    dob: str | None, phone: str | None, expected: list[str],
) -> None:
    found = services.possible_duplicates(worker, first, last, dob, phone)
    assert sorted(f"{c.client.first_name} {c.client.last_name}" for c in found) == expected


def test_duplicates_check_refuses_an_impossible_dob(worker: services.Session) -> None:
    with pytest.raises(AnswerError):
        services.possible_duplicates(worker, "A", "B", "1980-02-30")


def test_name_helpers() -> None:
    assert normalize("  José-María O'Neil ") == "jose maria o neil"
    assert soundex("robert") == soundex("rupert") == "R163"
    assert soundex("ashcraft") == "A261"
    assert edit_distance("jon", "john") == 1
    assert edit_distance("smith", "smiht") == 1
    assert similar_people("Jon", "Smith", "John", "Smith")
    assert not similar_people("Peter", "Smith", "John", "Smith")
