package io.pilotage.config;

import io.pilotage.shared.Channel;
import io.pilotage.shared.MetadataKeys;
import java.util.HashMap;
import java.util.Map;
import javax.annotation.Nonnull;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Carries who, through which channel and in answer to what onto every message a handler produces. Commands are
 * not stored, so an event names its command (id and name) itself, and an event a policy or a deadline produced
 * names the stored event that set it in motion: an auditor walks from a lamp failure to its intervention, the
 * assignment, the repair and the lamp back on, event to event.
 * <ul>
 *   <li>handling a command: actor, role and channel of the command; the command is the cause; a command sent
 *       by a process while handling another is a step of it, and the first one is kept as the origin;</li>
 *   <li>handling a deadline: the system is the actor ({@code system:deadlines}); the deadline is the cause and
 *       its name the command name; the aggregate names the event that started the clock;</li>
 *   <li>handling an event (a policy): the event is the cause and the trigger of the commands it sends.</li>
 * </ul>
 * The correlation id of the first request travels unchanged through the whole chain.
 */
final class AuditMetadataProvider implements CorrelationDataProvider {

    static final String DEADLINE_ACTOR = "system:deadlines";

    /**
     * Set on a read-model group's batch by {@link ReadModelBatch}. Axon asks for correlation data for every message
     * created in a unit of work, and a processor's batch creates one (the handler's empty result) for every event it
     * applies: reading the audit keys meant deserializing every event's metadata, a tenth of a replay, for messages
     * nobody keeps. Read models send no commands and publish no events. The mark is on the batch's own unit of work,
     * never its root: a subscribing processor's batch runs nested in the command's, whose other handlers (policies)
     * must still pass the audit keys on.
     */
    static final String READ_MODEL_BATCH = "pilotage.read-model-batch";

    /**
     * Set by {@link HandlerScope} while an event handler runs. Outside it, an event's unit of work creates only the
     * handler's result message (Axon makes one for every event a processor hands to its handlers, even one a policy
     * returns from at once), which nobody keeps: reading the audit keys for it meant deserializing the event's
     * metadata, a quarter of the cabinet policy's CPU during an inventory import. A deadline is an event message too,
     * but its handlers are an aggregate's deadline handlers, which this mark does not wrap: a deadline's unit of work
     * always gets its audit keys.
     */
    static final String IN_EVENT_HANDLER = "pilotage.in-event-handler";

    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
        if (message instanceof EventMessage<?> && !(message instanceof DeadlineMessage<?>) && CurrentUnitOfWork.isStarted()) {
            UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
            if (unitOfWork.resources().containsKey(READ_MODEL_BATCH)
                    || unitOfWork.getMessage() == message && !unitOfWork.resources().containsKey(IN_EVENT_HANDLER)) {
                return Map.of();
            }
        }
        MetaData metaData = message.getMetaData();
        Map<String, Object> data = new HashMap<>();
        Object correlationId = metaData.get(MetadataKeys.CORRELATION_ID);
        data.put(MetadataKeys.CORRELATION_ID, correlationId != null ? correlationId : message.getIdentifier());
        data.put(MetadataKeys.CAUSATION_ID, message.getIdentifier());
        if (message instanceof DeadlineMessage<?> deadline) {
            data.put(MetadataKeys.ACTOR_ID, DEADLINE_ACTOR);
            data.put(MetadataKeys.ACTOR_ROLE, MetadataKeys.SYSTEM_ROLE);
            data.put(MetadataKeys.CHANNEL, Channel.DEADLINE.wireName());
            data.put(MetadataKeys.COMMAND_ID, deadline.getIdentifier());
            data.put(MetadataKeys.COMMAND_NAME, "deadline:" + deadline.getDeadlineName());
            data.put(MetadataKeys.ORIGIN_COMMAND_ID, deadline.getIdentifier());
            data.put(MetadataKeys.ORIGIN_COMMAND_NAME, "deadline:" + deadline.getDeadlineName());
            copy(metaData, MetadataKeys.TRIGGERING_EVENT_ID, data);
        } else if (message instanceof CommandMessage<?> command) {
            copy(metaData, MetadataKeys.ACTOR_ID, data);
            copy(metaData, MetadataKeys.ACTOR_ROLE, data);
            copy(metaData, MetadataKeys.CHANNEL, data);
            data.put(MetadataKeys.COMMAND_ID, command.getIdentifier());
            data.put(MetadataKeys.COMMAND_NAME, simpleName(command.getCommandName()));
            boolean step = metaData.containsKey(MetadataKeys.ORIGIN_COMMAND_ID);
            data.put(MetadataKeys.ORIGIN_COMMAND_ID, step ? metaData.get(MetadataKeys.ORIGIN_COMMAND_ID) : command.getIdentifier());
            data.put(MetadataKeys.ORIGIN_COMMAND_NAME, step ? metaData.get(MetadataKeys.ORIGIN_COMMAND_NAME)
                    : simpleName(command.getCommandName()));
            copy(metaData, MetadataKeys.TRIGGERING_EVENT_ID, data);
        } else if (message instanceof EventMessage<?>) {
            copy(metaData, MetadataKeys.ACTOR_ID, data);
            copy(metaData, MetadataKeys.ACTOR_ROLE, data);
            copy(metaData, MetadataKeys.CHANNEL, data);
            data.put(MetadataKeys.TRIGGERING_EVENT_ID, message.getIdentifier());
        }
        return data;
    }

    /** Marks a read-model group's batch ({@link #READ_MODEL_BATCH}); registered for {@code ReadModelGroups.ALL}. */
    static final class ReadModelBatch implements MessageHandlerInterceptor<EventMessage<?>> {

        @Override
        public Object handle(@Nonnull UnitOfWork<? extends EventMessage<?>> unitOfWork,
                             @Nonnull InterceptorChain interceptorChain) throws Exception {
            unitOfWork.resources().putIfAbsent(READ_MODEL_BATCH, Boolean.TRUE);
            return interceptorChain.proceed();
        }
    }

    /**
     * Marks the unit of work while an event handler runs ({@link #IN_EVENT_HANDLER}): what the handler sends or
     * publishes carries the audit keys; the result message Axon makes after it does not need them. Aggregates' event
     * sourcing handlers are left alone.
     */
    static final class HandlerScope implements HandlerEnhancerDefinition {

        @Override
        public @Nonnull <T> MessageHandlingMember<T> wrapHandler(@Nonnull MessageHandlingMember<T> original) {
            if (!original.canHandleMessageType(EventMessage.class) || original.hasAnnotation(EventSourcingHandler.class)) {
                return original;
            }
            return new WrappedMessageHandlingMember<>(original) {
                @Override
                public Object handle(@Nonnull Message<?> message, T target) throws Exception {
                    if (!CurrentUnitOfWork.isStarted()) {
                        return super.handle(message, target);
                    }
                    Map<String, Object> resources = CurrentUnitOfWork.get().resources();
                    Object outer = resources.put(IN_EVENT_HANDLER, Boolean.TRUE);
                    try {
                        return super.handle(message, target);
                    } finally {
                        if (outer == null) {
                            resources.remove(IN_EVENT_HANDLER);
                        }
                    }
                }
            };
        }
    }

    /** {@code io.pilotage.crews.CrewCommands$CommitCrew} is recorded as {@code CommitCrew}. */
    static String simpleName(String commandName) {
        return commandName.substring(Math.max(commandName.lastIndexOf('.'), commandName.lastIndexOf('$')) + 1);
    }

    private static void copy(MetaData metaData, String key, Map<String, Object> data) {
        Object value = metaData.get(key);
        if (value != null) {
            data.put(key, value);
        }
    }
}
