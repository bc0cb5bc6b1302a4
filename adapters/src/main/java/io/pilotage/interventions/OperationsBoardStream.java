package io.pilotage.interventions;

import io.pilotage.interventions.InterventionQueries.InterventionView;
import io.pilotage.interventions.InterventionQueries.OperationsBoard;
import io.pilotage.shared.PageRequest;
import io.pilotage.shared.web.Allowed;
import io.pilotage.shared.web.Permission;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The operations board as server-sent events: a {@code board} event with the current page, then an
 * {@code intervention} event each time an intervention matching the filters changes. Backed by an Axon
 * subscription query, so the update comes from the projection that wrote the change. A HEAD request (which
 * Spring serves with this GET handler) gets the headers and an ended stream: it can read no event, and an open
 * stream would hold its connection, and the client's next request on it, for up to {@link #MAX_STREAM}.
 */
@RestController
@RequestMapping("/api/interventions")
@Tag(name = "Interventions")
public class OperationsBoardStream {

    static final Duration MAX_STREAM = Duration.ofMinutes(30);

    private final QueryGateway queries;
    private final Set<SseEmitter> open = ConcurrentHashMap.newKeySet();

    public OperationsBoardStream(QueryGateway queries) {
        this.queries = queries;
    }

    /**
     * A stream is a request that never ends by itself, so a graceful shutdown would wait for each one until its
     * timeout (30 s) and a restarting node would hang that long. When the application closes, before the web
     * server drains its requests, every stream is ended instead; the operators' clients reconnect, to this node
     * once it is back or to another one.
     */
    @EventListener(ContextClosedEvent.class)
    public void endStreams() {
        open.forEach(SseEmitter::complete);
        open.clear();
    }

    @Operation(summary = "Follow the operations board as it changes (text/event-stream)")
    @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Allowed(Permission.READ)
    public SseEmitter stream(@RequestParam(required = false) String status,
                             @RequestParam(required = false) String priority,
                             @RequestParam(required = false) String commune,
                             @RequestParam(required = false) String category,
                             @RequestParam(required = false) String crew, HttpServletRequest request) {
        var query = InterventionsController.boardQuery(status, priority, commune, category, crew, true,
                new PageRequest(0, PageRequest.MAX_SIZE));
        SseEmitter emitter = new SseEmitter(MAX_STREAM.toMillis());
        if (HttpMethod.HEAD.matches(request.getMethod())) {
            emitter.complete();
            return emitter;
        }
        SubscriptionQueryResult<OperationsBoard, InterventionView> subscription = queries.subscriptionQuery(query,
                ResponseTypes.instanceOf(OperationsBoard.class), ResponseTypes.instanceOf(InterventionView.class));
        open.add(emitter);
        emitter.onCompletion(() -> {
            open.remove(emitter);
            subscription.cancel();
        });
        emitter.onTimeout(subscription::cancel);
        emitter.onError(error -> subscription.cancel());
        subscription.initialResult().subscribe(board -> send(emitter, "board", board, subscription),
                error -> emitter.completeWithError(error));
        subscription.updates().subscribe(view -> send(emitter, "intervention", view, subscription));
        return emitter;
    }

    private static void send(SseEmitter emitter, String name, Object data, SubscriptionQueryResult<?, ?> subscription) {
        try {
            emitter.send(SseEmitter.event().name(name).data(data, MediaType.APPLICATION_JSON));
        } catch (IOException | IllegalStateException gone) {
            subscription.cancel();
        }
    }
}
