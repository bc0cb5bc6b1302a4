package io.pilotage.shared.web;

import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

/** Asks the read models through the query gateway and hands back the answer or the handler's own failure. */
@Component
public class Queries {

    private final QueryGateway queries;

    public Queries(QueryGateway queries) {
        this.queries = queries;
    }

    public <R> R ask(Object query, Class<R> answer) {
        return join(() -> queries.query(query, ResponseTypes.instanceOf(answer)).join());
    }

    public <R> Optional<R> find(Object query, Class<R> answer) {
        return join(() -> queries.query(query, ResponseTypes.optionalInstanceOf(answer)).join());
    }

    private static <T> T join(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }
}
