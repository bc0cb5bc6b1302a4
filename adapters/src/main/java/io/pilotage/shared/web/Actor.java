package io.pilotage.shared.web;

import io.pilotage.shared.Channel;
import io.pilotage.shared.MetadataKeys;
import java.lang.reflect.Method;
import java.util.UUID;
import org.axonframework.messaging.MetaData;
import org.slf4j.MDC;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Who sends a command, in which role, through which channel, in answer to which request. Captured on the
 * request thread, so that work continued on another thread (an import) still names the person who asked.
 * The role is the one that authorised the call (see {@link Permission}), not any other the caller holds.
 */
public record Actor(String id, String role, Channel channel, String correlationId) {

    /** The system acting by itself ({@code system:<component>}, role SYSTEM), starting a correlation of its own. */
    public static Actor system(String component, Channel channel) {
        return new Actor("system:" + component, MetadataKeys.SYSTEM_ROLE, channel, UUID.randomUUID().toString());
    }

    /**
     * The system acting for a caller that is not a user (an Open311 client known by its API key): role SYSTEM, within
     * the current request's correlation id, so that its log lines and the events it causes name the same request.
     */
    public static Actor systemInRequest(String component, Channel channel) {
        String correlationId = MDC.get(CorrelationIdFilter.MDC_KEY);
        return new Actor("system:" + component, MetadataKeys.SYSTEM_ROLE, channel,
                correlationId != null ? correlationId : UUID.randomUUID().toString());
    }

    /**
     * A device reporting telemetry (a traffic controller, a lamp controller, a meter), by MQTT or HTTP: the system
     * acting on the device's word, {@code system:device:<device>}, correlated by the device's message id so that every
     * event of one message is found together.
     */
    public static Actor device(String device, String messageId) {
        return new Actor("system:device:" + device, MetadataKeys.SYSTEM_ROLE, Channel.TELEMETRY, messageId);
    }

    /** The caller of the current request, in the role the endpoint's {@link Allowed} permission found. */
    public static Actor current(Channel channel) {
        return current(channel, permissionOfCurrentEndpoint());
    }

    /**
     * The caller of the current request, in the role that grants {@code permission}: for an endpoint that
     * asks for more than its guard when some option is used (a supervisor's override).
     */
    public static Actor current(Channel channel, Permission permission) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        Role role = permission.authorisingRole(authentication).orElseThrow(() -> new IllegalStateException(
                "The caller holds no role granting " + permission + "; the endpoint's guard should have refused it"));
        String correlationId = MDC.get(CorrelationIdFilter.MDC_KEY);
        return new Actor(authentication.getName(), role.name(), channel,
                correlationId != null ? correlationId : UUID.randomUUID().toString());
    }

    private static Permission permissionOfCurrentEndpoint() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        Object handler = request == null ? null
                : request.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        if (handler instanceof HandlerMethod endpoint) {
            Method method = endpoint.getMethod();
            Allowed allowed = AnnotatedElementUtils.findMergedAnnotation(method, Allowed.class);
            if (allowed == null) {
                allowed = AnnotatedElementUtils.findMergedAnnotation(endpoint.getBeanType(), Allowed.class);
            }
            if (allowed != null) {
                return allowed.value();
            }
        }
        throw new IllegalStateException("Commands are sent on behalf of a caller only from an endpoint guarded by @Allowed");
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
