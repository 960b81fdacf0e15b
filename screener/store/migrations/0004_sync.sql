-- Schema 4: field-to-office sync (DESIGN §8): keys, enrolled devices, the bundle ledger,
-- conflicts and duplicate reviews, client merges, forms/rules updates received.

-- Version vectors. `vv` is what a row's version is known to descend from, as JSON
-- {device id: HLC}; the row's own stamp (device_id, updated_at) is always part of it too.
-- Local edits leave `vv` alone (the new stamp dominates every earlier one of this device);
-- a sync merge stores the joined vector. '{}' for rows never touched by a merge.
ALTER TABLE clients ADD COLUMN vv TEXT NOT NULL DEFAULT '{}';
ALTER TABLE intakes ADD COLUMN vv TEXT NOT NULL DEFAULT '{}';
ALTER TABLE answers ADD COLUMN vv TEXT NOT NULL DEFAULT '{}';
ALTER TABLE consents ADD COLUMN vv TEXT NOT NULL DEFAULT '{}';
ALTER TABLE determinations ADD COLUMN vv TEXT NOT NULL DEFAULT '{}';

-- This installation's sync keys (one row). Private keys live only here, inside the
-- encrypted database: the age X25519 identity (AGE-SECRET-KEY-1...) bundles are encrypted to,
-- and the raw 32-byte Ed25519 key bundles are signed with.
CREATE TABLE sync_identity (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    role         TEXT NOT NULL CHECK (role IN ('office', 'field')),
    name         TEXT NOT NULL,
    age_identity TEXT NOT NULL,
    signing_key  BLOB NOT NULL,
    created_at   TEXT NOT NULL,
    created_by   TEXT NOT NULL
);

-- The other side: at the office, the enrolled field devices; at a field device, its office.
CREATE TABLE sync_peers (
    device_id     TEXT PRIMARY KEY,
    kind          TEXT NOT NULL CHECK (kind IN ('office', 'field')),
    name          TEXT NOT NULL,
    signing_key   BLOB NOT NULL,
    age_recipient TEXT NOT NULL,
    enrolled_at   TEXT NOT NULL,
    enrolled_by   TEXT NOT NULL,
    revoked_at    TEXT,
    revoked_by    TEXT
) WITHOUT ROWID;

-- What was last exported to each peer: changes up to `last_seq` went out.
CREATE TABLE sync_exports (
    peer_id     TEXT PRIMARY KEY,
    last_seq    INTEGER NOT NULL,
    bundle_id   TEXT NOT NULL,
    exported_at TEXT NOT NULL
) WITHOUT ROWID;

-- Every bundle imported here (the replay ledger), with the sequence range it covered.
CREATE TABLE sync_bundles (
    bundle_id   TEXT PRIMARY KEY,
    device_id   TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    since_seq   INTEGER NOT NULL,
    until_seq   INTEGER NOT NULL,
    imported_at TEXT NOT NULL,
    imported_by TEXT NOT NULL,
    summary     TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX sync_bundles_by_device ON sync_bundles (device_id, since_seq);

-- Both sides changed one answer since they last synced: the remote value waits here for
-- review (the local one stays current). Resolving it writes a new version.
CREATE TABLE sync_conflicts (
    id                TEXT PRIMARY KEY,
    answer_id         TEXT NOT NULL REFERENCES answers (id),
    intake_id         TEXT NOT NULL,
    field_id          TEXT NOT NULL,
    remote_value      TEXT NOT NULL,
    remote_reason     TEXT,
    remote_entered_at TEXT NOT NULL,
    remote_entered_by TEXT NOT NULL,
    remote_updated_at TEXT NOT NULL,
    remote_device_id  TEXT NOT NULL,
    bundle_id         TEXT NOT NULL,
    found_at          TEXT NOT NULL,
    status            TEXT NOT NULL CHECK (status IN ('open', 'resolved', 'superseded')),
    resolution        TEXT,
    resolved_at       TEXT,
    resolved_by       TEXT
) WITHOUT ROWID;
CREATE INDEX sync_conflicts_open ON sync_conflicts (status, found_at);
CREATE INDEX sync_conflicts_by_answer ON sync_conflicts (answer_id, status);

-- Possible duplicate clients found by an import, for merge review.
CREATE TABLE sync_duplicates (
    id        TEXT PRIMARY KEY,
    client_a  TEXT NOT NULL,
    client_b  TEXT NOT NULL,
    reasons   TEXT NOT NULL,
    bundle_id TEXT NOT NULL,
    found_at  TEXT NOT NULL,
    status    TEXT NOT NULL CHECK (status IN ('open', 'merged', 'dismissed')),
    closed_at TEXT,
    closed_by TEXT,
    UNIQUE (client_a, client_b)
) WITHOUT ROWID;
CREATE INDEX sync_duplicates_open ON sync_duplicates (status, found_at);

-- A merged-away client id and the client it became: later bundles that still name the old
-- id are redirected, so the merge is never undone by a sync.
CREATE TABLE client_merges (
    merged_id TEXT PRIMARY KEY,
    kept_id   TEXT NOT NULL,
    merged_at TEXT NOT NULL,
    merged_by TEXT NOT NULL
) WITHOUT ROWID;

-- Forms and rules files received from the office (not personal data), newest per path.
CREATE TABLE sync_documents (
    kind        TEXT NOT NULL CHECK (kind IN ('forms', 'rules')),
    path        TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    text        TEXT NOT NULL,
    bundle_id   TEXT NOT NULL,
    received_at TEXT NOT NULL,
    PRIMARY KEY (kind, path)
) WITHOUT ROWID;
