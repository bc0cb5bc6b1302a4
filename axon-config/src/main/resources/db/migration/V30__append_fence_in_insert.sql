-- The append fence of V20, put up by the insert itself (docs/performance.md, "Ordered reads without ordered writes").
--
-- Until now every appending transaction sent `SELECT pilotage_append_fence()` as a statement of its own before
-- inserting its events: a round trip on every command, and one more round trip inside the window during which the
-- fence holds readers back. A BEFORE ... FOR EACH STATEMENT trigger fires when the insert starts, before it pulls
-- its first row and so before any row's default draws from the sequence: the fence lies below every index the
-- statement draws, as before, and an insert that does not know about fences (a tool, a migration) is fenced too.
-- A batch rewritten into several multi-row inserts puts up one fence per statement; the first is the lowest, and
-- the readers' horizon goes by the lowest.

CREATE FUNCTION pilotage_append_fence_on_insert() RETURNS trigger LANGUAGE plpgsql VOLATILE AS $$
BEGIN
    PERFORM pilotage_append_fence();
    RETURN NULL;
END
$$;

CREATE TRIGGER domainevententry_append_fence
    BEFORE INSERT ON domainevententry
    FOR EACH STATEMENT EXECUTE FUNCTION pilotage_append_fence_on_insert();
