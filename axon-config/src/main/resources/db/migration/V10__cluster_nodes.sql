-- The application nodes sharing this database, each with its last heartbeat (database time, so that the nodes'
-- clocks do not matter). A node counts as live while its heartbeat is younger than pilotage.node.timeout; the live
-- count sets how many segments of each streaming processor one node may claim. node_id is the owner the node
-- writes into tokenentry, so claims and nodes can be matched.
CREATE TABLE cluster_node (
    node_id      VARCHAR(255) NOT NULL PRIMARY KEY,
    started_at   TIMESTAMPTZ  NOT NULL,
    heartbeat_at TIMESTAMPTZ  NOT NULL
);
