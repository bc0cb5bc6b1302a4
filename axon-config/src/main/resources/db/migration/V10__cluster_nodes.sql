-- The application nodes sharing this database: the streaming processors each one runs and its last heartbeat
-- (database time, so that the nodes' clocks do not matter). A node counts as live while its heartbeat is younger
-- than pilotage.node.timeout; the live nodes running a processor share its segments, so a node running fewer
-- processors (an older version during a rolling upgrade) does not leave segments of the others unclaimed.
-- node_id is the owner the node writes into tokenentry, so claims and nodes can be matched.
CREATE TABLE cluster_node (
    node_id      VARCHAR(255) NOT NULL PRIMARY KEY,
    processors   TEXT[]       NOT NULL,
    started_at   TIMESTAMPTZ  NOT NULL,
    heartbeat_at TIMESTAMPTZ  NOT NULL
);
