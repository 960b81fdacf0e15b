-- Schema 6: what a referral packet prints about the referring worker (issue 16), so the
-- receiving case manager knows whom to call back: display name, agency, phone and e-mail.
-- One row per staff account that filled them in; an account without one prints its user name.
CREATE TABLE staff_profiles (
    username     TEXT PRIMARY KEY REFERENCES users (username),
    display_name TEXT,
    agency       TEXT,
    phone        TEXT,
    email        TEXT,
    updated_at   TEXT NOT NULL
) WITHOUT ROWID;

-- The referral number printed on a packet, so the client's handout can give the same one.
ALTER TABLE packets ADD COLUMN referral_id TEXT;
