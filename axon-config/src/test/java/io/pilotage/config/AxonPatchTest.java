package io.pilotage.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.junit.jupiter.api.Test;

/**
 * {@code org.axonframework.eventhandling.pooled.WorkPackage} is a copy of Axon 4.13.0's with a {@link CountedQueue}
 * (that class says why) and a soft limit of four buffers (the copy says why). The copy is only right for the Axon it
 * was taken from: another version under it would run 4.13.0's work package against its own coordinator.
 */
class AxonPatchTest {

    static final String PATCHED_AXON = "axon-messaging-4.13.0.jar";

    @Test
    void theWorkPackageIsOurCopy_ofTheAxonVersionOnTheClasspath() throws Exception {
        Class<?> workPackage = Class.forName("org.axonframework.eventhandling.pooled.WorkPackage");
        String ours = workPackage.getProtectionDomain().getCodeSource().getLocation().toString();
        String axons = PooledStreamingEventProcessor.class.getProtectionDomain().getCodeSource().getLocation().toString();

        assertThat(axons)
                .as("WorkPackage in axon-config is a copy of Axon 4.13.0's: compare it with the new version's, carry the "
                        + "CountedQueue and the soft limit over, then change this test")
                .endsWith(PATCHED_AXON);
        assertThat(ours).doesNotContain("axon-messaging");

        try (InputStream bytes = workPackage.getResourceAsStream("WorkPackage.class")) {
            assertThat(new String(bytes.readAllBytes(), StandardCharsets.ISO_8859_1)).contains("io/pilotage/config/CountedQueue");
        }
        Field bufferSize = workPackage.getDeclaredField("BUFFER_SIZE");
        bufferSize.setAccessible(true);
        assertThat(bufferSize.getInt(null)).isEqualTo(1024);
    }
}
