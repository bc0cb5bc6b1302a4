package io.pilotage.config.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * An event type gained fields from one revision to the next: stored events of the older revision are read with
 * the values {@code defaults} gives them, and as the newer revision. Fields are only ever added, never renamed or
 * removed, so this is the one shape of upcaster the project needs.
 */
public final class FieldsAdded extends SingleEventUpcaster {

    private final SimpleSerializedType from;
    private final SimpleSerializedType to;
    private final Consumer<ObjectNode> defaults;

    public FieldsAdded(Class<?> eventType, String fromRevision, String toRevision, Consumer<ObjectNode> defaults) {
        this.from = new SimpleSerializedType(eventType.getName(), fromRevision);
        this.to = new SimpleSerializedType(eventType.getName(), toRevision);
        this.defaults = defaults;
    }

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return representation.getType().equals(from);
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(to, JsonNode.class, payload -> {
            defaults.accept((ObjectNode) payload);
            return payload;
        });
    }
}
