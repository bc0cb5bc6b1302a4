-- Every id in the shared id space with the kind of aggregate it names, claimed in the transaction that creates the
-- aggregate (or, for a cabinet, that first names it), so that one id can never name two kinds of thing.
-- Written by io.pilotage.config.ResourceIds; not a read model: it is never replayed.
CREATE TABLE resource_id (
    id   VARCHAR(255) PRIMARY KEY,
    kind VARCHAR(64)  NOT NULL
);

INSERT INTO resource_id (id, kind)
SELECT aggregateidentifier, type FROM domainevententry WHERE sequencenumber = 0
ON CONFLICT (id) DO NOTHING;

INSERT INTO resource_id (id, kind)
SELECT convert_from(payload, 'UTF8')::jsonb -> 'cabinetId' ->> 'value', 'Cabinet'
FROM domainevententry
WHERE payloadtype = 'io.pilotage.lighting.LightPointEvent$LightPointRegistered'
ON CONFLICT (id) DO NOTHING;
