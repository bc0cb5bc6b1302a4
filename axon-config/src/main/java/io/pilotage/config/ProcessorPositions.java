package io.pilotage.config;

import io.pilotage.shared.web.ReadModelPositions;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.springframework.beans.factory.ObjectProvider;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.aop.support.AopUtils;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Tells whether the read models have applied the events up to a position.
 *
 * <p>The read models are the processing groups whose handler class also answers queries (house style puts
 * a read model's {@code @QueryHandler} next to its event handlers); policies answer none and are not
 * waited for. A segment this node processes is judged by its processor's in-memory status, which advances
 * over every event, handled or not. A segment another node processes is judged by its token in
 * {@code tokenentry}: a pooled processor stores it with every batch it handles, but past events its segment
 * does not handle only when it extends its claim (every {@code pilotage.node.claim-extension}, 1 s), so such a
 * segment may look behind for up to that long.
 *
 * <p>A position is passed when the token's index is at or beyond it and it is not one of the token's gaps.
 * Gaps below it do not matter: readers stop at the store's horizon ({@link EventStoreHorizon}), so a gap in a
 * token is an append rolled back for good, never one still to come.
 */
@Component
public class ProcessorPositions implements ReadModelPositions {

    private final EventStore events;
    private final ObjectProvider<EventStorageEngine> engine;
    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final ApplicationContext context;
    private volatile List<String> readModelGroups;

    public ProcessorPositions(EventStore events, ObjectProvider<EventStorageEngine> engine, EventProcessingConfiguration processing,
                              JdbcTemplate jdbc, Serializer serializer, ApplicationContext context) {
        this.events = events;
        this.engine = engine;
        this.processing = processing;
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.context = context;
    }

    /**
     * The newest stored event's position. On PostgreSQL this is the highest committed index, not the head token
     * Axon gives a processor (the horizon, which an append still in flight below it holds back): a write's own
     * events must lie at or below the position it answers with.
     */
    @Override
    public OptionalLong head() {
        if (engine.getIfAvailable() instanceof JdbcEventStorageEngine) {
            Long newest = jdbc.queryForObject("SELECT max(globalindex) FROM domainevententry", Long.class);
            return newest == null ? OptionalLong.empty() : OptionalLong.of(newest);
        }
        TrackingToken head = events.createHeadToken();
        return head == null ? OptionalLong.empty() : head.position();
    }

    @Override
    public void beginWrite() {
        AppendedPositions.begin();
    }

    /** The last event the write appended, which its own insert told ({@link AppendedPositions}). */
    @Override
    public OptionalLong endWrite() {
        return AppendedPositions.end();
    }

    @Override
    public boolean reached(long position) {
        Map<String, Set<Integer>> localSegments = new HashMap<>();
        Map<String, Double> coverage = new HashMap<>();
        for (String group : readModelGroups()) {
            StreamingEventProcessor processor = processing
                    .eventProcessorByProcessingGroup(group, StreamingEventProcessor.class).orElse(null);
            if (processor == null) {
                continue;
            }
            Map<Integer, EventTrackerStatus> statuses = processor.processingStatus();
            for (EventTrackerStatus status : statuses.values()) {
                if (status.isErrorState() || !passed(status.getTrackingToken(), position)) {
                    return false;
                }
            }
            localSegments.put(processor.getName(), statuses.keySet());
            coverage.put(processor.getName(), statuses.values().stream()
                    .mapToDouble(status -> 1.0 / (status.getSegment().getMask() + 1)).sum());
        }
        if (coverage.values().stream().allMatch(covered -> covered >= 1.0)) {
            return true; // this node holds every segment of every read model: no other node's token to read
        }
        List<Boolean> remoteSegments = jdbc.query("SELECT processorname, segment, token, tokentype FROM tokenentry",
                (rs, row) -> {
                    Set<Integer> local = localSegments.get(rs.getString("processorname"));
                    if (local == null || local.contains(rs.getInt("segment"))) {
                        return true;
                    }
                    byte[] token = rs.getBytes("token");
                    return token != null && passed(serializer.deserialize(
                            new SimpleSerializedObject<>(token, byte[].class, rs.getString("tokentype"), null)), position);
                });
        return !remoteSegments.contains(false);
    }

    static boolean passed(TrackingToken token, long position) {
        TrackingToken current = WrappedToken.unwrapLowerBound(token);
        if (current instanceof GapAwareTrackingToken gapAware) {
            return gapAware.getIndex() >= position && !gapAware.getGaps().contains(position);
        }
        return current != null && current.position().orElse(-1) >= position;
    }

    private List<String> readModelGroups() {
        List<String> groups = readModelGroups;
        if (groups == null) {
            groups = new ArrayList<>();
            for (Object handler : context.getBeansWithAnnotation(ProcessingGroup.class).values()) {
                Class<?> type = AopUtils.getTargetClass(handler);
                boolean answersQueries = Arrays.stream(type.getMethods())
                        .anyMatch((Method method) -> AnnotatedElementUtils.hasAnnotation(method, QueryHandler.class));
                ProcessingGroup group = AnnotatedElementUtils.findMergedAnnotation(type, ProcessingGroup.class);
                if (answersQueries && group != null) {
                    groups.add(group.value());
                }
            }
            readModelGroups = List.copyOf(groups);
        }
        return groups;
    }
}
