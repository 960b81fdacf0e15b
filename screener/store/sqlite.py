"""A typed face for the `sqlcipher3` module (SQLCipher 4, which ships without type hints).

Only the parts Screener uses are described. All SQL lives in `screener.store`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, Protocol

from sqlcipher3 import dbapi2 as _dbapi

#: A result row: a plain tuple (values are str, int, float, bytes or None).
Row = tuple[Any, ...]
Params = Sequence[object] | Mapping[str, object]


class Cursor(Protocol):
    """The result of `Connection.execute`."""

    rowcount: int

    def fetchone(self) -> Row | None: ...

    def fetchall(self) -> list[Row]: ...

    def __iter__(self) -> Iterator[Row]: ...


class Connection(Protocol):
    """An open SQLCipher connection (autocommit mode: transactions are explicit)."""

    @property
    def in_transaction(self) -> bool: ...

    def execute(self, sql: str, parameters: Params = ..., /) -> Cursor: ...

    def executemany(self, sql: str, seq_of_parameters: Iterable[Params], /) -> Cursor: ...

    def executescript(self, sql_script: str, /) -> Cursor: ...

    def set_progress_handler(self, handler: Callable[[], int] | None, n: int, /) -> None: ...

    def close(self) -> None: ...


#: Every error the driver raises.
SqlError: type[Exception] = _dbapi.Error
#: "file is not a database", damaged pages, and other errors about the file itself.
SqlDatabaseError: type[Exception] = _dbapi.DatabaseError


def connect(uri: str, *, timeout: float = 10.0) -> Connection:
    """Open `uri` (a `file:` URI) in autocommit mode; usable from any thread."""
    conn: Connection = _dbapi.connect(
        uri, uri=True, isolation_level=None, check_same_thread=False, timeout=timeout
    )
    return conn


def scalar(conn: Connection, sql: str, params: Params = ()) -> Any:
    """The first column of the first row (None if there is no row)."""
    row = conn.execute(sql, params).fetchone()
    return None if row is None else row[0]
