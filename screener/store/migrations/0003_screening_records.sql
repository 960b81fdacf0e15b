-- Schema 3: determinations, consents and the log of printed packets.

-- One row per program per evaluation; the newest per (intake, program) is current.
CREATE TABLE determinations (
    id            TEXT PRIMARY KEY,
    intake_id     TEXT NOT NULL REFERENCES intakes (id),
    program_id    TEXT NOT NULL,
    outcome       TEXT NOT NULL,
    trace         TEXT NOT NULL,
    rules_version TEXT NOT NULL,
    rules_hash    TEXT NOT NULL,
    evaluated_at  TEXT NOT NULL,
    evaluated_by  TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    device_id     TEXT NOT NULL,
    seq           INTEGER NOT NULL
);
CREATE INDEX determinations_by_intake ON determinations (intake_id, program_id, evaluated_at);
CREATE INDEX determinations_by_seq ON determinations (seq);

-- A signed release of information: which programs it covers, until when, the signature.
CREATE TABLE consents (
    id            TEXT PRIMARY KEY,
    client_id     TEXT NOT NULL REFERENCES clients (id),
    intake_id     TEXT REFERENCES intakes (id),
    program_ids   TEXT NOT NULL,
    signer        TEXT NOT NULL,
    signed_at     TEXT NOT NULL,
    expires_on    TEXT,
    signature_png BLOB,
    recorded_by   TEXT NOT NULL,
    revoked       INTEGER NOT NULL DEFAULT 0 CHECK (revoked IN (0, 1)),
    revoked_at    TEXT,
    revoked_by    TEXT,
    updated_at    TEXT NOT NULL,
    device_id     TEXT NOT NULL,
    seq           INTEGER NOT NULL
);
CREATE INDEX consents_by_client ON consents (client_id, signed_at);
CREATE INDEX consents_by_seq ON consents (seq);

-- What was printed or saved, for whom and by whom; never the PDF itself.
CREATE TABLE packets (
    id         TEXT PRIMARY KEY,
    client_id  TEXT NOT NULL REFERENCES clients (id),
    intake_id  TEXT REFERENCES intakes (id),
    program_id TEXT NOT NULL,
    sections   TEXT NOT NULL,
    printed_at TEXT NOT NULL,
    printed_by TEXT NOT NULL
);
CREATE INDEX packets_by_client ON packets (client_id, printed_at);
