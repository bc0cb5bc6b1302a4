package io.pilotage.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.pilotage.audit.StoredEvent;
import io.pilotage.bench.CityHistory.CityEvent;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.serialization.Revision;

/**
 * Turns a generated event into the row {@code JdbcEventStorageEngine} would have written for it: payload and
 * metadata as JSON bytes from the same Jackson configuration as the application's serializer
 * ({@code AxonConfiguration.defaultAxonObjectMapper}), the payload type as the class name, the revision from
 * its {@link Revision}, the timestamp as Axon formats it (ISO-8601 UTC, milliseconds).
 */
public final class StoredRows {

    /** The application's Axon mapper, configured the same way. */
    public static final ObjectMapper AXON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private static final ClassValue<String> REVISIONS = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            Revision revision = type.getAnnotation(Revision.class);
            return revision == null ? null : revision.value();
        }
    };

    private StoredRows() {
    }

    public static StoredEvent row(long globalIndex, CityEvent event) {
        try {
            return new StoredEvent(globalIndex, event.eventId().toString(), event.aggregateId(), event.sequenceNumber(),
                    event.aggregateType(), DateTimeUtils.formatInstant(event.timestamp()), event.payload().getClass().getName(),
                    REVISIONS.get(event.payload().getClass()), AXON.writeValueAsBytes(event.payload()),
                    AXON.writeValueAsBytes(event.metadata()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialize " + event.payload().getClass().getName(), e);
        }
    }
}
