package io.pilotage.config.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pilotage.lighting.LightPointEvent.LampFailureReported;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Revision 1 of {@link LampFailureReported} did not carry the point's cabinet, commune and position. What it
 * stored cannot tell them, so revision 2 reads them as null; a policy meeting such an event parks it in its
 * dead-letter queue rather than guess. Every such event was handled by the policies when it was new.
 */
@Component
@Order(0)
public class LampFailureReportedRevision1 extends SingleEventUpcaster {

    private static final String TYPE = LampFailureReported.class.getName();
    private static final SimpleSerializedType REVISION_1 = new SimpleSerializedType(TYPE, "1");
    private static final SimpleSerializedType REVISION_2 = new SimpleSerializedType(TYPE, "2");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return representation.getType().equals(REVISION_1);
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(REVISION_2, JsonNode.class, payload -> {
            ObjectNode node = (ObjectNode) payload;
            node.putNull("cabinetId");
            node.putNull("commune");
            node.putNull("position");
            return node;
        });
    }
}
