-- The group traffic-read-models gained the bus-priority and signal-availability read models (V28): its token and its
-- parked letters go, and it replays every event, as V22 did for the groups it replaced.
DELETE FROM tokenentry WHERE processorname = 'traffic-read-models';
DELETE FROM deadletterentry WHERE processinggroup = 'traffic-read-models';
