-- The append fence of V20, put up by the insert itself (docs/performance.md, "Ordered reads without ordered writes").
--
-- Until now every appending transaction sent `SELECT pilotage_append_fence()` as a statement of its own before
-- inserting its events: a round trip on every command, and one more round trip inside the window during which the
-- fence holds readers back. A BEFORE ... FOR EACH STATEMENT trigger fires when the insert starts, before it pulls
-- its first row and so before any row's default draws from the sequence: the fence lies below every index the
-- statement draws, as before, and an insert that does not know about fences (a tool, a migration, COPY) is fenced
-- too, unless triggers are off for its session (session_replication_role = replica, a restore with
-- --disable-triggers).
--
-- One fence per transaction: the first insert's is the lowest, and every later insert of the transaction draws above
-- it. An append of up to 64 events is sent as one insert per event (pgjdbc does not rewrite a batch that returns the
-- indexes it drew), and a fence for each would only lengthen the list of locks every reader's horizon scans. The
-- mark is a transaction-local setting: it ends with the transaction, and a savepoint rolled back takes it back
-- together with the fence taken after it.

CREATE FUNCTION pilotage_append_fence_on_insert() RETURNS trigger LANGUAGE plpgsql VOLATILE AS $$
BEGIN
    IF current_setting('pilotage.append_fenced', true) IS DISTINCT FROM 'on' THEN
        PERFORM pilotage_append_fence();
        PERFORM set_config('pilotage.append_fenced', 'on', true);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER domainevententry_append_fence
    BEFORE INSERT ON domainevententry
    FOR EACH STATEMENT EXECUTE FUNCTION pilotage_append_fence_on_insert();
