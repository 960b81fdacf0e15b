"""The clients table: identity columns, paged listing, full-text search, duplicate lookups.

Lists and searches are in name order: last name, first name (ASCII case folded), then
`local_id`. Pages are keyset-paged (`after=` the previous page's cursor), so page 5,000 of a
million clients costs what page 1 does. A search first ranks its matches on the covering index
`clients_name_of` (the FTS rowid with the two names: small pages that stay in the page cache),
and only then reads the client rows of the one page it returns.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime

from screener.domain import (
    IDENTITY_FIELDS,
    Client,
    ClientCursor,
    ClientIdentity,
    ClientPage,
)
from screener.store.db import Database
from screener.store.names import name_key
from screener.store.search import digits_of, match_expression
from screener.store.sqlite import Row, scalar
from screener.store.stamps import Stamp, next_stamp, timestamp

_FIELDS = (
    "id", *IDENTITY_FIELDS, "created_at", "created_by", "updated_at", "device_id", "seq"
)
_SELECT = ", ".join(f"c.{name}" for name in _FIELDS)
#: Matches from which a search walks the name order instead of sorting them (measured at a
#: million clients: sorting costs about 1 microsecond a match, the walk about 30 ms).
_MANY_MATCHES = 12_000
_ORDER = "c.last_name COLLATE NOCASE, c.first_name COLLATE NOCASE, c.local_id"
# After a cursor (last, first, local_id). The leading `>=` gives the planner a range on the
# index; the rest narrows it to the rows strictly after the cursor.
_AFTER = (
    "c.last_name >= :last COLLATE NOCASE AND (c.last_name > :last COLLATE NOCASE OR "
    "(c.first_name COLLATE NOCASE, c.local_id) > (:first, :local_id))"
)


#: Columns written on insert and on every identity update.
_WRITTEN = ("id", *IDENTITY_FIELDS, "phone_digits", "name_key", "updated_at", "device_id", "seq")


def row_values(client_id: str, identity: ClientIdentity, stamp: Stamp) -> dict[str, object]:
    """Column values for `identity`, with the derived search columns and the change stamp."""
    return {
        **asdict(identity),
        "id": client_id,
        "phone_digits": digits_of(identity.phone),
        "name_key": name_key(identity.last_name),
        "updated_at": stamp.updated_at,
        "device_id": stamp.device_id,
        "seq": stamp.seq,
    }


def _client(row: Row) -> Client:
    return Client(*row)


def _cursor(row: Row) -> ClientCursor:
    """The cursor after a row of `local_id, {_SELECT}` (id, first name, last name, ...)."""
    return ClientCursor(last_name=str(row[3]), first_name=str(row[2]), local_id=int(row[0]))


class ClientsRepo:
    """Reading and writing client records."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def insert(self, client_id: str, identity: ClientIdentity, by: str, now: datetime) -> Client:
        """Add a client (commits unless inside the caller's transaction)."""
        with self._db.transaction() as conn:
            values = row_values(client_id, identity, next_stamp(conn, self._db.device_id, now))
            conn.execute(
                f"INSERT INTO clients ({', '.join(_WRITTEN)}, created_at, created_by) "
                f"VALUES ({', '.join(':' + c for c in _WRITTEN)}, :created_at, :created_by)",
                {**values, "created_at": timestamp(now), "created_by": by},
            )
        return self.require(client_id)

    def update_identity(self, client_id: str, identity: ClientIdentity, now: datetime) -> Client:
        """Replace a client's identity columns (a no-op, without a new stamp, if unchanged)."""
        current = self.require(client_id)
        if current.identity == identity:
            return current
        with self._db.transaction() as conn:
            values = row_values(client_id, identity, next_stamp(conn, self._db.device_id, now))
            assignments = ", ".join(f"{c} = :{c}" for c in _WRITTEN if c != "id")
            conn.execute(f"UPDATE clients SET {assignments} WHERE id = :id", values)
        return self.require(client_id)

    def get(self, client_id: str) -> Client | None:
        """The client with this id, or None."""
        row = self._db.conn.execute(
            f"SELECT {_SELECT} FROM clients c WHERE c.id = ?", (client_id,)
        ).fetchone()
        return None if row is None else _client(row)

    def require(self, client_id: str) -> Client:
        """The client with this id; KeyError if there is none."""
        client = self.get(client_id)
        if client is None:
            raise KeyError(client_id)
        return client

    def page(
        self, query: str, limit: int, offset: int = 0, after: ClientCursor | None = None
    ) -> ClientPage:
        """Clients matching `query` (all clients when it is blank), one page in name order.

        The page starts after `after` (a cursor from the previous page) or else at `offset`;
        `offset` is echoed back either way (the caller's count of rows before this page).
        """
        expr = match_expression(query)
        if expr is None and query.strip():
            return ClientPage(clients=(), offset=offset, limit=limit, has_more=False)
        params: dict[str, object] = {"limit": limit + 1, "skip": 0 if after else offset}
        if after is not None:
            params.update(last=after.last_name, first=after.first_name, local_id=after.local_id)
        where = _AFTER if after is not None else "1"
        if expr is None:
            rows = self._db.conn.execute(
                f"SELECT c.local_id, {_SELECT} FROM clients c INDEXED BY clients_by_name_order "
                f"WHERE {where} ORDER BY {_ORDER} LIMIT :limit OFFSET :skip", params,
            ).fetchall()
        else:
            rows = self._search(expr, where, params)
        shown = rows[:limit]
        return ClientPage(
            clients=tuple(_client(r[1:]) for r in shown), offset=offset, limit=limit,
            has_more=len(rows) > limit, next_after=_cursor(shown[-1]) if shown else None,
        )

    def _search(self, expr: str, where: str, params: dict[str, object]) -> list[Row]:
        """Rows of the matches of `expr`, ranked on a covering name index first.

        Few matches (a name, a date, a phone number): look up each one's name and keep the
        first page (`clients_name_of`). Very many (the first letters of a common name): walk
        the list in name order (`clients_by_name_order`) and keep the first that match;
        sorting 100,000 matches would take 130 ms at a million clients, the walk 30.
        """
        conn = self._db.conn
        args = {**params, "match": expr, "many": _MANY_MATCHES}
        many = scalar(conn, "SELECT count(*) >= :many FROM (SELECT 1 FROM client_search "
                            "WHERE client_search MATCH :match LIMIT :many)", args)
        if many:
            sql = (
                "SELECT c.local_id FROM clients c INDEXED BY clients_by_name_order "
                "WHERE c.local_id IN (SELECT rowid FROM client_search "
                f"WHERE client_search MATCH :match) AND {where} "
                f"ORDER BY {_ORDER} LIMIT :limit OFFSET :skip"
            )
        else:
            sql = (
                "SELECT c.local_id FROM client_search s "
                "JOIN clients c INDEXED BY clients_name_of ON c.local_id = s.rowid "
                f"WHERE client_search MATCH :match AND {where} "
                f"ORDER BY {_ORDER} LIMIT :limit OFFSET :skip"
            )
        ranked = conn.execute(sql, args).fetchall()
        ids = [int(r[0]) for r in ranked]
        if not ids:
            return []
        found = {
            int(r[0]): r for r in self._db.conn.execute(
                f"SELECT c.local_id, {_SELECT} FROM clients c "
                f"WHERE c.local_id IN ({', '.join('?' * len(ids))})", ids,
            )
        }
        return [found[i] for i in ids if i in found]

    def count(self) -> int:
        """How many clients there are."""
        row = self._db.conn.execute("SELECT count(*) FROM clients").fetchone()
        return 0 if row is None else int(row[0])

    def with_dob(self, dob: str, limit: int) -> tuple[Client, ...]:
        """Clients born on `dob` (ISO date)."""
        return self._where("c.dob = ?", dob, limit)

    def born_same_day(self, client_id: str, limit: int) -> tuple[tuple[str, ...], ...]:
        """`with_dob(get(client_id).dob, limit)` in one query, names only: (first name, last
        name of `client_id`, then id, first name, last name of a client born that day, itself
        included), in name order; nothing if it has no date of birth."""
        rows = self._db.conn.execute(
            "SELECT c0.first_name, c0.last_name, c.id, c.first_name, c.last_name "
            "FROM clients c0 JOIN clients c ON c.dob = c0.dob "
            f"WHERE c0.id = ? AND c0.dob <> '' ORDER BY {_ORDER} LIMIT ?",
            (client_id, limit),
        ).fetchall()
        return tuple(tuple(str(v) for v in row) for row in rows)

    def with_phone_digits(self, digits: str, limit: int) -> tuple[Client, ...]:
        """Clients whose phone has exactly these digits."""
        return self._where("c.phone_digits = ?", digits, limit)

    def with_name_key(self, key: str, limit: int) -> tuple[Client, ...]:
        """Clients whose last name has this phonetic key (see `names.name_key`)."""
        return self._where("c.name_key = ?", key, limit)

    def _where(self, condition: str, value: str, limit: int) -> tuple[Client, ...]:
        rows = self._db.conn.execute(
            f"SELECT {_SELECT} FROM clients c WHERE {condition} ORDER BY {_ORDER} LIMIT ?",
            (value, limit),
        ).fetchall()
        return tuple(_client(r) for r in rows)
