-- Schema 2: full-text client search (name, date of birth, phone, booking/CDCR number).
--
-- A contentless FTS5 index (it stores tokens only; the values stay in `clients`), kept in step
-- by triggers, so every writer (the app, a sync merge) updates it. The view says what is
-- indexed for a client:
--   name   first, last and preferred name (accents folded: "Jose" finds "José")
--   dob    the date of birth as 8 digits, YYYYMMDD
--   phone  the phone digits, and their last 7 and last 4 digits (local number searches)
--   ids    booking number and CDCR number

CREATE VIRTUAL TABLE client_search USING fts5 (
    name, dob, phone, ids,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);

CREATE VIEW client_search_source (local_id, name, dob, phone, ids) AS
SELECT
    local_id,
    first_name || ' ' || last_name || ' ' || coalesce(preferred_name, ''),
    replace(coalesce(dob, ''), '-', ''),
    coalesce(phone_digits || ' ' || substr(phone_digits, -7) || ' ' || substr(phone_digits, -4), ''),
    coalesce(booking_number, '') || ' ' || coalesce(cdcr_number, '')
FROM clients;

CREATE TRIGGER client_search_after_insert AFTER INSERT ON clients
BEGIN
    INSERT INTO client_search (rowid, name, dob, phone, ids)
    SELECT local_id, name, dob, phone, ids FROM client_search_source WHERE local_id = new.local_id;
END;

CREATE TRIGGER client_search_after_update AFTER UPDATE ON clients
BEGIN
    DELETE FROM client_search WHERE rowid = old.local_id;
    INSERT INTO client_search (rowid, name, dob, phone, ids)
    SELECT local_id, name, dob, phone, ids FROM client_search_source WHERE local_id = new.local_id;
END;

CREATE TRIGGER client_search_after_delete AFTER DELETE ON clients
BEGIN
    DELETE FROM client_search WHERE rowid = old.local_id;
END;

-- Index the clients written by schema 1.
INSERT INTO client_search (rowid, name, dob, phone, ids)
SELECT local_id, name, dob, phone, ids FROM client_search_source;
