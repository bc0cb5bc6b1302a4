-- The old processing groups of the read models (V21): their tokens and parked letters go; the new groups replay
-- their events.
DELETE FROM tokenentry WHERE processorname IN ('lighting-light-point-status', 'lighting-failing-light-points',
    'lighting-cabinet-consumption', 'contract-terms', 'contract-delays',
    'contract-availability', 'contract-energy', 'interventions-operations-board', 'crews-board',
    'audit-intervention-timeline');
DELETE FROM deadletterentry WHERE processinggroup IN ('lighting-light-point-status', 'lighting-failing-light-points',
    'lighting-cabinet-consumption', 'contract-terms', 'contract-delays',
    'contract-availability', 'contract-energy', 'interventions-operations-board', 'crews-board',
    'audit-intervention-timeline');
