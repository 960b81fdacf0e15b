-- Schema 5: indexes for a county-sized database (a million clients; issue 9).
--
-- A search sorts its matches by name. Reading the name of each match from the clients table
-- decrypts one page per match (a short prefix matches tens of thousands of clients); this
-- covering index holds just what the sort needs, keyed by the FTS rowid (`local_id`), so a
-- search reads a few small pages instead.
CREATE INDEX clients_name_of ON clients (
    local_id, last_name COLLATE NOCASE, first_name COLLATE NOCASE
);

-- The list order is (last name, first name, local_id). An index on a rowid table ends with
-- the rowid, so this one is that whole order: keyset paging seeks straight to the next page
-- instead of stepping over OFFSET rows. It replaces clients_by_name, whose `id` tie-breaker
-- kept the planner from using it for that order.
CREATE INDEX clients_by_name_order ON clients (
    last_name COLLATE NOCASE, first_name COLLATE NOCASE
);
DROP INDEX clients_by_name;
