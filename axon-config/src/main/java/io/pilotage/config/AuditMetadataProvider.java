package io.pilotage.config;

import io.pilotage.shared.MetadataKeys;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.correlation.CorrelationDataProvider;

/**
 * Carries who, through which channel and in answer to what onto every message a handler produces: an
 * event inherits its command's actor, role, channel and correlation id, and names that command as its
 * causation. Auditors reconstruct chains of decisions from these keys.
 */
final class AuditMetadataProvider implements CorrelationDataProvider {

    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
        Map<String, Object> data = new HashMap<>();
        copy(message, MetadataKeys.ACTOR_ID, data);
        copy(message, MetadataKeys.ACTOR_ROLE, data);
        copy(message, MetadataKeys.CHANNEL, data);
        Object correlationId = message.getMetaData().get(MetadataKeys.CORRELATION_ID);
        data.put(MetadataKeys.CORRELATION_ID, correlationId != null ? correlationId : message.getIdentifier());
        data.put(MetadataKeys.CAUSATION_ID, message.getIdentifier());
        return data;
    }

    private static void copy(Message<?> message, String key, Map<String, Object> data) {
        Object value = message.getMetaData().get(key);
        if (value != null) {
            data.put(key, value);
        }
    }
}
