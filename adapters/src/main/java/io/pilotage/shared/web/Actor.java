package io.pilotage.shared.web;

import io.pilotage.shared.Channel;
import io.pilotage.shared.MetadataKeys;
import java.util.Comparator;
import java.util.UUID;
import org.axonframework.messaging.MetaData;
import org.slf4j.MDC;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who sends a command, through which channel, in answer to which request. Captured on the request
 * thread, so that work continued on another thread (an import) still names the person who asked.
 */
public record Actor(String id, String role, Channel channel, String correlationId) {

    public static Actor current(Channel channel) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        String id = authentication == null ? "anonymous" : authentication.getName();
        String role = authentication == null ? "NONE" : authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(authority -> authority.startsWith("ROLE_"))
                .map(authority -> authority.substring("ROLE_".length()))
                .min(Comparator.naturalOrder())
                .orElse("NONE");
        String correlationId = MDC.get(CorrelationIdFilter.MDC_KEY);
        return new Actor(id, role, channel, correlationId != null ? correlationId : UUID.randomUUID().toString());
    }

    public MetaData metaData() {
        return MetaData.with(MetadataKeys.ACTOR_ID, id)
                .and(MetadataKeys.ACTOR_ROLE, role)
                .and(MetadataKeys.CHANNEL, channel.wireName())
                .and(MetadataKeys.CORRELATION_ID, correlationId);
    }

    public Actor through(Channel other) {
        return new Actor(id, role, other, correlationId);
    }
}
