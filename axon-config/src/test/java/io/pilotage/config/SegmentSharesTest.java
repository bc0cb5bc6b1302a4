package io.pilotage.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SegmentSharesTest {

    @Test
    void givenOneLiveNode_whenAskedForItsShare_thenItMayHoldEverySegment() {
        SegmentShares shares = new SegmentShares();
        shares.update(1, Map.of("board", 1, "imports", 1), Map.of("board", 4, "imports", 1));

        assertThat(shares.getMaxSegments("board")).isEqualTo(4);
        assertThat(shares.getMaxSegments("imports")).isEqualTo(1);
    }

    @Test
    void givenTwoLiveNodes_whenAskedForTheirShare_thenEachHoldsHalfRoundedUp() {
        SegmentShares shares = new SegmentShares();
        shares.update(2, Map.of("board", 2, "crews", 2, "imports", 2, "odd", 2),
                Map.of("board", 4, "crews", 2, "imports", 1, "odd", 3));

        assertThat(shares.getMaxSegments("board")).isEqualTo(2);
        assertThat(shares.getMaxSegments("crews")).isEqualTo(1);
        assertThat(shares.getMaxSegments("imports")).as("a single segment still has a node to hold it").isEqualTo(1);
        assertThat(shares.getMaxSegments("odd")).isEqualTo(2);
    }

    @Test
    void givenMoreNodesThanSegments_whenAskedForTheirShare_thenEachMayHoldOne() {
        SegmentShares shares = new SegmentShares();
        shares.update(5, Map.of("board", 5), Map.of("board", 4));

        assertThat(shares.getMaxSegments("board")).isEqualTo(1);
    }

    @Test
    void givenANodeThatDoesNotRunAProcessor_whenAskedForTheShareOfIt_thenOnlyTheNodesRunningItShareIt() {
        SegmentShares shares = new SegmentShares();
        shares.update(3, Map.of("board", 3, "added-in-this-version", 1), Map.of("board", 4, "added-in-this-version", 4));

        assertThat(shares.getMaxSegments("board")).isEqualTo(2);
        assertThat(shares.getMaxSegments("added-in-this-version")).isEqualTo(4);
    }

    @Test
    void givenAProcessorWhoseSegmentsAreNotCountedYet_whenAskedForItsShare_thenThereIsNoLimit() {
        SegmentShares shares = new SegmentShares();
        shares.update(3, Map.of("board", 3, "new-processor", 3), Map.of("board", 4));

        assertThat(shares.getMaxSegments("new-processor")).isEqualTo(Short.MAX_VALUE);
    }

    @Test
    void givenNoNodeCounted_whenUpdated_thenThisNodeStillCountsItself() {
        SegmentShares shares = new SegmentShares();
        shares.update(0, Map.of(), Map.of("board", 4));

        assertThat(shares.liveNodes()).isEqualTo(1);
        assertThat(shares.getMaxSegments("board")).isEqualTo(4);
    }
}
