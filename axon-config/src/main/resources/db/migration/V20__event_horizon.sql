-- Ordered reads without ordered writes (docs/architecture.md#event-store).
--
-- A global index is drawn from the sequence when an event is inserted but becomes visible when its transaction
-- commits, so a reader may see index n+1 while n is still in flight. Instead of making appends commit one at a
-- time, each appending transaction first puts up a fence: a transaction-scoped shared advisory lock whose key
-- carries the sequence's value before it draws anything, so every index it will take lies above the fence.
-- Readers read no further than the horizon: the last drawn index, lowered to the lowest fence still up.
-- Every index at or below the horizon is decided: committed and visible to a statement that starts after the
-- horizon was taken, or never to be (rolled back).
--
-- Keys: the top 16 bits are 0x7069 ('pi') to keep these fences apart from any other advisory lock, the low 48
-- bits the fence (enough for 2^47 events). The sequence must not cache values per session: a cached value could
-- lie below a fence another session read.

ALTER SEQUENCE domainevententry_globalindex_seq CACHE 1;

CREATE FUNCTION pilotage_append_fence() RETURNS void LANGUAGE plpgsql VOLATILE AS $$
BEGIN
    PERFORM pg_advisory_xact_lock_shared((x'7069'::bigint << 48)
            | (SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END FROM domainevententry_globalindex_seq));
END
$$;

-- The sequence is read before the fences are listed: a fence put up after the listing was read from the sequence
-- after it too, so the transaction behind it draws above the value read here.
CREATE FUNCTION pilotage_event_horizon() RETURNS bigint LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    drawn bigint;
    fence bigint;
BEGIN
    SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END INTO drawn FROM domainevententry_globalindex_seq;
    SELECT min(((classid::bigint & 65535) << 32) | objid::bigint) INTO fence
    FROM pg_locks
    WHERE locktype = 'advisory' AND objsubid = 1 AND (classid::bigint >> 16) = x'7069'::bigint
      AND database = (SELECT oid FROM pg_database WHERE datname = current_database());
    RETURN least(drawn, fence);
END
$$;
