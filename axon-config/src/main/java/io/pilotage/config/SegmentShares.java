package io.pilotage.config;

import java.util.Map;
import org.axonframework.eventhandling.pooled.MaxSegmentProvider;

/**
 * The most segments of each processor this node may hold: its fair share, the processor's segments divided by the
 * live nodes that run it, rounded up. Axon's pooled coordinator asks for it every token claim interval: it claims no
 * more than that, and releases what it holds beyond it, so a node that joins finds segments to claim instead of a
 * first node holding them all. Until the processor's segments are known (its tokens are created when it first
 * starts) there is no limit, as in Axon's default.
 */
public final class SegmentShares implements MaxSegmentProvider {

    private volatile Counts counts = new Counts(1, Map.of(), Map.of());

    @Override
    public int getMaxSegments(String processor) {
        Counts current = counts;
        Integer segments = current.segmentsByProcessor().get(processor);
        if (segments == null || segments == 0) {
            return Short.MAX_VALUE;
        }
        return fairShare(segments, current.nodesByProcessor().getOrDefault(processor, 1));
    }

    static int fairShare(int segments, int nodes) {
        int sharing = Math.max(1, nodes);
        return Math.max(1, (segments + sharing - 1) / sharing);
    }

    /**
     * @param liveNodes           every live node, whatever it runs
     * @param nodesByProcessor    per processor, the live nodes that run it
     * @param segmentsByProcessor per processor, its segments in {@code tokenentry}
     */
    void update(int liveNodes, Map<String, Integer> nodesByProcessor, Map<String, Integer> segmentsByProcessor) {
        counts = new Counts(Math.max(1, liveNodes), Map.copyOf(nodesByProcessor), Map.copyOf(segmentsByProcessor));
    }

    int liveNodes() {
        return counts.liveNodes();
    }

    Map<String, Integer> nodesByProcessor() {
        return counts.nodesByProcessor();
    }

    private record Counts(int liveNodes, Map<String, Integer> nodesByProcessor, Map<String, Integer> segmentsByProcessor) {
    }
}
