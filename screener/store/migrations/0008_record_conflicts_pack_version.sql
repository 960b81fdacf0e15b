-- Schema 8 (issue 21): conflicts for every record kind people edit, and the content pack a
-- determination was made under in a column of its own.
--
-- A client's identity, an intake's status or a consent changed on two installations since
-- they last agreed: the local version stays current (a revocation or completion on either
-- side holds) and the incoming one waits here, as its bundle line, for a person to choose.
-- `fields`: the edited fields that differed when it was found (comma-separated).
-- Answers keep their own table (sync_conflicts): one value each, and many more of them.
CREATE TABLE sync_record_conflicts (
    id                TEXT PRIMARY KEY,
    kind              TEXT NOT NULL CHECK (kind IN ('client', 'intake', 'consent')),
    record_id         TEXT NOT NULL,
    client_id         TEXT NOT NULL,
    fields            TEXT NOT NULL,
    remote            TEXT NOT NULL,
    remote_vv         TEXT NOT NULL,
    remote_updated_at TEXT NOT NULL,
    remote_device_id  TEXT NOT NULL,
    bundle_id         TEXT NOT NULL,
    found_at          TEXT NOT NULL,
    status            TEXT NOT NULL CHECK (status IN ('open', 'resolved', 'superseded')),
    resolution        TEXT,
    resolved_at       TEXT,
    resolved_by       TEXT
) WITHOUT ROWID;
CREATE INDEX sync_record_conflicts_open ON sync_record_conflicts (status, found_at);
CREATE INDEX sync_record_conflicts_by_record ON sync_record_conflicts (record_id, status);

-- Until now the pack was the first part of rules_version ("content_pack=2;intake=1;...").
ALTER TABLE determinations ADD COLUMN pack_version INTEGER;
UPDATE determinations
SET pack_version = CAST(substr(rules_version, 14, instr(rules_version, ';') - 14) AS INTEGER),
    rules_version = substr(rules_version, instr(rules_version, ';') + 1)
WHERE rules_version LIKE 'content_pack=%;%';
UPDATE determinations
SET pack_version = CAST(substr(rules_version, 14) AS INTEGER), rules_version = ''
WHERE rules_version LIKE 'content_pack=%' AND instr(rules_version, ';') = 0;
