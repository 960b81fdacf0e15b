-- Schema 7: who followed up an urgent flag (e.g. thoughts of self-harm), when and how (issue
-- 19). One row per follow-up step taken; the client page shows a flag of the latest intake as
-- open until that intake has a follow-up for it. `action` is one of a fixed list of steps
-- (services/urgent.py), never free text, so no personal data sits here.
CREATE TABLE flag_followups (
    id         TEXT PRIMARY KEY,
    intake_id  TEXT NOT NULL REFERENCES intakes (id),
    flag_id    TEXT NOT NULL,
    action     TEXT NOT NULL,
    done_by    TEXT NOT NULL,
    done_at    TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX flag_followups_by_intake ON flag_followups (intake_id, done_at);
