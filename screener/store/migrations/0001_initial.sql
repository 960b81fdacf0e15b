-- Schema 1: settings, staff accounts, the audit log, clients, intakes and answers.
--
-- Syncable records (DESIGN §8: clients, intakes, answers, consents, determinations) carry
--   id         a UUID (text), the same on every device
--   updated_at a hybrid-logical-clock timestamp (text that sorts in time order)
--   device_id  the installation that made the change
--   seq        this database's change sequence, bumped on every insert and update
-- Tables whose rows are searched by FTS keep an INTEGER PRIMARY KEY (`local_id`), because
-- VACUUM may renumber implicit rowids and the FTS index refers to rows by rowid.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- One row: the last change sequence number and the last HLC issued here.
CREATE TABLE sync_clock (
    id  INTEGER PRIMARY KEY CHECK (id = 1),
    seq INTEGER NOT NULL,
    hlc TEXT NOT NULL
);
INSERT INTO sync_clock (id, seq, hlc) VALUES (1, 0, '');

-- The authority on who may do what: roles live here, inside the encrypted database, and not
-- in the plain keys file.
CREATE TABLE users (
    username    TEXT PRIMARY KEY,
    role        TEXT NOT NULL CHECK (role IN ('intake', 'office', 'admin')),
    created_at  TEXT NOT NULL,
    created_by  TEXT,
    disabled    INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    disabled_at TEXT
) WITHOUT ROWID;

-- Append-only and hash-chained; details never hold personal data, only record ids.
CREATE TABLE audit (
    seq         INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    username    TEXT NOT NULL,
    action      TEXT NOT NULL,
    record_type TEXT,
    record_id   TEXT,
    details     TEXT NOT NULL,
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL
);
-- The last row's seq and hash, written with every append, so that deleting the newest rows
-- is detected too.
CREATE TABLE audit_head (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    seq  INTEGER NOT NULL,
    hash TEXT NOT NULL
);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;

CREATE TABLE clients (
    local_id           INTEGER PRIMARY KEY,
    id                 TEXT NOT NULL UNIQUE,
    first_name         TEXT NOT NULL DEFAULT '',
    last_name          TEXT NOT NULL DEFAULT '',
    preferred_name     TEXT,
    dob                TEXT,
    phone              TEXT,
    phone_digits       TEXT,
    booking_number     TEXT,
    cdcr_number        TEXT,
    preferred_language TEXT,
    name_key           TEXT NOT NULL DEFAULT '',
    created_at         TEXT NOT NULL,
    created_by         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    device_id          TEXT NOT NULL,
    seq                INTEGER NOT NULL
);
CREATE INDEX clients_by_name ON clients (last_name COLLATE NOCASE, first_name COLLATE NOCASE, id);
CREATE INDEX clients_by_dob ON clients (dob);
CREATE INDEX clients_by_phone ON clients (phone_digits);
CREATE INDEX clients_by_name_key ON clients (name_key);
CREATE INDEX clients_by_seq ON clients (seq);

CREATE TABLE intakes (
    id               TEXT PRIMARY KEY,
    client_id        TEXT NOT NULL REFERENCES clients (id),
    form_id          TEXT NOT NULL,
    form_version     INTEGER NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('draft', 'complete')),
    current_section  TEXT,
    current_question TEXT,
    started_at       TEXT NOT NULL,
    started_by       TEXT NOT NULL,
    completed_at     TEXT,
    completed_by     TEXT,
    updated_at       TEXT NOT NULL,
    device_id        TEXT NOT NULL,
    seq              INTEGER NOT NULL
);
CREATE INDEX intakes_by_client ON intakes (client_id, started_at);
CREATE INDEX intakes_by_seq ON intakes (seq);

-- One row per (intake, field): the current value as JSON (repeat groups are JSON lists).
-- Answers carry their own HLC and seq, so sync merges field by field.
CREATE TABLE answers (
    id         TEXT PRIMARY KEY,
    intake_id  TEXT NOT NULL REFERENCES intakes (id),
    field_id   TEXT NOT NULL,
    value      TEXT NOT NULL,
    reason     TEXT,
    entered_at TEXT NOT NULL,
    entered_by TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    device_id  TEXT NOT NULL,
    seq        INTEGER NOT NULL,
    UNIQUE (intake_id, field_id)
);
CREATE INDEX answers_by_seq ON answers (seq);

-- Every earlier value of an answer: who entered it, when, why, and who replaced it.
CREATE TABLE answer_history (
    id          INTEGER PRIMARY KEY,
    answer_id   TEXT NOT NULL REFERENCES answers (id),
    value       TEXT NOT NULL,
    reason      TEXT,
    entered_at  TEXT NOT NULL,
    entered_by  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    device_id   TEXT NOT NULL,
    replaced_at TEXT NOT NULL,
    replaced_by TEXT NOT NULL
);
CREATE INDEX answer_history_by_answer ON answer_history (answer_id, id);
