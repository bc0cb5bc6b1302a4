package io.pilotage.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How this node takes part in sharing the streaming processors' segments with the other nodes on the same
 * database ({@link NodeRegistry}).
 *
 * @param id                the node's name in {@code cluster_node} and the owner of its claims in {@code tokenentry};
 *                          left empty, the JVM's {@code pid@hostname}, with a suffix for each further application
 *                          context in the same JVM, because two contexts sharing one owner name would each take the
 *                          other's claims for their own
 * @param heartbeatInterval how often the node renews its heartbeat and recounts the live nodes and the segments
 * @param timeout           how old a heartbeat may be and its node still count as live; kept equal to the token claim
 *                          timeout, after which the claims of a node that died lapse, so that the survivors count
 *                          one node less exactly when its segments become free for them
 * @param claimExtension    how often a segment with nothing to handle stores its position and renews its claim (Axon's
 *                          default is 5 s); a node reads the position of a segment another node holds from
 *                          {@code tokenentry} for read-your-writes, so this bounds how long such a read waits on a
 *                          segment that had nothing to do; it must stay well below the claim timeout
 */
@ConfigurationProperties("pilotage.node")
public record NodeProperties(String id,
                             @DefaultValue("2s") Duration heartbeatInterval,
                             @DefaultValue("10s") Duration timeout,
                             @DefaultValue("1s") Duration claimExtension) {
}
