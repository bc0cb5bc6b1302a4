package io.pilotage.config;

import java.util.Map;
import org.axonframework.eventhandling.pooled.MaxSegmentProvider;

/**
 * The most segments of each processor this node may hold: its fair share, the processor's segments divided by the
 * live nodes, rounded up. Axon's pooled coordinator asks for it every token claim interval: it claims no more than
 * that, and releases what it holds beyond it, so a node that joins finds segments to claim instead of a first node
 * holding them all. Until the processor's segments are known (its tokens are created when it first starts) there is
 * no limit, as in Axon's default.
 */
public final class SegmentShares implements MaxSegmentProvider {

    private volatile Map<String, Integer> segmentsByProcessor = Map.of();
    private volatile int liveNodes = 1;

    @Override
    public int getMaxSegments(String processor) {
        Integer segments = segmentsByProcessor.get(processor);
        return segments == null || segments == 0 ? Short.MAX_VALUE : fairShare(segments, liveNodes);
    }

    static int fairShare(int segments, int liveNodes) {
        int nodes = Math.max(1, liveNodes);
        return Math.max(1, (segments + nodes - 1) / nodes);
    }

    void update(int liveNodes, Map<String, Integer> segmentsByProcessor) {
        this.segmentsByProcessor = Map.copyOf(segmentsByProcessor);
        this.liveNodes = Math.max(1, liveNodes);
    }

    int liveNodes() {
        return liveNodes;
    }

    Map<String, Integer> segmentsByProcessor() {
        return segmentsByProcessor;
    }
}
