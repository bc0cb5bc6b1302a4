package io.pilotage.config.upcasting;

import io.pilotage.interventions.InterventionEvent.InterventionOpened;
import io.pilotage.interventions.InterventionEvent.InterventionResolved;
import io.pilotage.lighting.LightPointEvent.LampFailureReported;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/** Every revision step of a stored event type, registered in Axon's upcaster chain. */
@Configuration(proxyBeanMethods = false)
public class Upcasters {

    /**
     * Revision 1 did not carry the point's cabinet, commune and position. What it stored cannot tell them, so they
     * read as unknown; a policy meeting such an event parks it rather than guess. Every such event was handled by
     * the policies when it was new.
     */
    @Bean
    @Order(0)
    public static FieldsAdded lampFailureReportedRevision2() {
        return new FieldsAdded(LampFailureReported.class, "1", "2", payload -> {
            payload.putNull("cabinetId");
            payload.putNull("commune");
            payload.putNull("position");
        });
    }

    /** Before revision 2 there were no amendments: every intervention opened under the signed terms, version 1. */
    @Bean
    @Order(2)
    public static FieldsAdded interventionOpenedRevision2() {
        return new FieldsAdded(InterventionOpened.class, "1", "2", payload -> payload.put("termsVersion", 1));
    }

    /** Faults could not be attached before revision 2: a revision-1 resolution attached none. */
    @Bean
    @Order(1)
    public static FieldsAdded interventionResolvedRevision2() {
        return new FieldsAdded(InterventionResolved.class, "1", "2", payload -> payload.putArray("attachedFaults"));
    }
}
