package io.pilotage.config;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.TokenStoreProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Several nodes on one database share the streaming processors' segments fairly: each node is named (the same name
 * owns its claims in {@code tokenentry} and its heartbeat in {@code cluster_node}), and each pooled processor claims
 * at most its {@link SegmentShares fair share}, which {@link NodeRegistry} keeps up to date.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({NodeProperties.class, TokenStoreProperties.class})
public class NodesConfiguration {

    /** Application contexts started in this JVM, so that a second one does not take the first one's name. */
    private static final AtomicInteger CONTEXTS_IN_JVM = new AtomicInteger();

    @Bean
    public NodeIdentity nodeIdentity(NodeProperties properties) {
        if (properties.id() != null && !properties.id().isBlank()) {
            return new NodeIdentity(properties.id());
        }
        String process = ManagementFactory.getRuntimeMXBean().getName();
        int context = CONTEXTS_IN_JVM.incrementAndGet();
        return new NodeIdentity(context == 1 ? process : process + "#" + context);
    }

    /** Axon's JDBC token store as its auto-configuration builds it, but writing this node's name as claim owner. */
    @Bean
    public TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer,
                                 TokenStoreProperties tokenStoreProperties, NodeIdentity node) {
        return JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .serializer(serializer)
                .claimTimeout(tokenStoreProperties.getClaimTimeout())
                .nodeId(node.id())
                .build();
    }

    @Bean
    public SegmentShares segmentShares() {
        return new SegmentShares();
    }

    @Bean
    public ConfigurerModule shareSegmentsAcrossNodes(SegmentShares shares, NodeProperties properties) {
        long claimExtensionMillis = properties.claimExtension().toMillis();
        return configurer -> configurer.eventProcessing().registerPooledStreamingEventProcessorConfiguration(
                (configuration, builder) -> builder.maxSegmentProvider(shares).claimExtensionThreshold(claimExtensionMillis));
    }

    /** The name of this node among those sharing the database. */
    public record NodeIdentity(String id) {
    }
}
